// JSON fragments as runbooks show them: a piece cut out of a larger document (`"override_attributes":
// {` and what follows), a list of objects each ending in `},`, objects one after another. None is
// a JSON document, and none is broken: it becomes one when put back where it came from. A text
// counts as a fragment when completing it (the brackets it leaves open or closes early, an outer
// `{}` or `[]`) makes it parse. A text that starts as a whole document (`{` or `[`) and is left
// open is broken, not a fragment, unless it marks what it leaves out (`...`): that stays an error.

/** Brackets closed without being opened, in order, and those left open at the end, outermost first. */
function imbalance(text: string): { early: string[]; open: string[] } {
  const early: string[] = [];
  const open: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{' || c === '[') open.push(c);
    else if (c === '}' || c === ']') {
      if (open.length && open[open.length - 1] === (c === '}' ? '{' : '[')) open.pop();
      else if (!open.length) early.push(c);
      else return { early: [], open: ['!'] };
    }
  }
  return { early, open };
}

function parses(text: string): boolean {
  try { JSON.parse(text); return true; } catch { return false; }
}

const closerOf: Record<string, string> = { '{': '}', '[': ']' };
const openerOf: Record<string, string> = { '}': '{', ']': '[' };

/** Openers for brackets closed early, outermost first; one nested in an object needs a key. */
function prefixFor(early: string[]): string {
  const openers = early.map((c) => openerOf[c]).reverse();
  return openers.map((o, i) => (i > 0 && openers[i - 1] === '{' ? `"_": ${o}` : o)).join('');
}

/**
 * `elided`: the author marked omissions (`...`), so a document that opens and is cut short is a
 * piece on purpose rather than broken.
 */
export function isJsonFragment(text: string, elided = false): boolean {
  let t = text.trim();
  // A bare string or number is not a fragment of anything worth the name.
  if (!/"[^"\n]*"\s*:|[{\[]/.test(t) || parses(t)) return false;
  const whole = /^[{\[]/.test(t);
  const { early, open } = imbalance(t);
  if (open[0] === '!') return false;
  // A document that opens at its start and does not close where it should is broken, not cut.
  if (whole && !early.length && open.length && !elided) return false;
  t = t.replace(/,\s*$/, '');
  // Objects one after another: the separating commas a list would have.
  const listed = t.replace(/([}\]])\s*\n(\s*)([{\[])/g, '$1,\n$2$3');
  for (const body of t === listed ? [t] : [t, listed]) {
    const completed = prefixFor(early) + body + open.map((c) => closerOf[c]).reverse().join('');
    if (parses(completed)) return true;
    if (parses(`[${completed}]`) || parses(`{${completed}}`)) return true;
  }
  return false;
}
