// Where a filled-in placeholder value lands, as the shell will read it, beyond the quote context
// (quote.ts). Quoting makes a value one literal word, but some places evaluate a word again:
// arithmetic (`$(( ))`, `(( ))`, `let`, `declare -i`, array indexes) and numeric or `-v` tests run
// `a[$(cmd)]` as code even when quoted; `bash -c '…'`, `ssh host "…"`, `eval`, `bash <<EOF` hand the
// text to another shell that parses it again. There the value must be a number or a name, or plain
// text. The places come from mvdan/sh (the parser that agrees with `bash -n`), through its printer:
// it re-spaces code and leaves literal text byte for byte, so a probe tells code from text.
import type { PlaceholderHit } from '../shell/placeholders';
import { printShell } from '../shell/parser';
import { kindAt, type Region } from '../shell/lexer';
import type { QuoteContext } from './quote';

export type ValueRule = { accepts: 'name-or-number' | 'plain'; why: string };

const NAME_OR_NUMBER = /^(?:-?(?:0[xX][0-9A-Fa-f]+|[0-9]+)|[A-Za-z_][A-Za-z0-9_]*)$/;
const PLAIN = /^[A-Za-z0-9._\-/:@]*$/;

/** Null when `value` meets `rule`, else why not (never quoting the value: it may be a secret). */
export function ruleViolation(rule: ValueRule | undefined, value: string, label: string): string | undefined {
  if (!rule) return undefined;
  if (rule.accepts === 'name-or-number' && !NAME_OR_NUMBER.test(value)) {
    return `Cannot fill in ${label}: ${rule.why}, so only a number or a variable name is accepted there.`;
  }
  if (rule.accepts === 'plain' && !PLAIN.test(value)) {
    return `Cannot fill in ${label}: ${rule.why}, so only plain values (letters, digits and . _ - / : @) are accepted there.`;
  }
  return undefined;
}

const ARITHMETIC = 'it lands in arithmetic ($((…)), ((…)), let, declare -i or an array index), where bash evaluates it as code';
const TEST = 'it is the operand of a numeric or -v test, which bash evaluates as arithmetic';

/**
 * The rule each hit's value must meet (undefined: any value, quoted for its context). `contexts`
 * are the quote contexts quote.ts found; a hit whose quoting the parser reads differently is
 * held to plain values. Two parser calls for the whole block, whatever the number of hits.
 */
export function valueRules(body: string, hits: readonly PlaceholderHit[], regions: Region[], contexts: readonly QuoteContext[],
  quote: (ctx: QuoteContext, value: string) => string): (ValueRule | undefined)[] {
  if (!hits.length) return [];
  const tag = uniqueTag(body);
  const scripts = scriptHeredocs(body);
  const rules: (ValueRule | undefined)[] = hits.map((h) => scripts.some(([s, e]) => s <= h.start && h.start < e)
    ? { accepts: 'plain', why: 'it is in a here-document that another shell or interpreter reads as a script' }
    : innerShellRule(body, regions, h));

  // 1. Arithmetic and tests: each value becomes `tagAi+tagBi`; the printer spaces the `+` only in arithmetic.
  const sum = (i: number) => `${tag}A${i}+${tag}B${i}`;
  const probe = printShell(fill(body, hits, sum));
  if (!('error' in probe)) {
    const lineOf = linesOfTokens(probe.printed, tag);
    hits.forEach((_, i) => { rules[i] ??= arithmeticOrTest(lineOf.get(i), sum(i)); });
  } else {
    // `for <v> in …` and the like only take a name; probe the hits one at a time to find them.
    const plain = printShell(fill(body, hits, (i) => `${tag}P${i}`));
    if ('error' in plain) return hits.map(() => ({ accepts: 'plain', why: `the shell parser cannot read this step (${plain.error}), so where the value lands is unknown` }));
    hits.forEach((_, i) => {
      if (rules[i]) return;
      // One parse per hit: only for the few hits of an ordinary step.
      if (i >= MAX_SINGLE_PROBES) { rules[i] = { accepts: 'plain', why: 'the step is too intricate to check each place' }; return; }
      const one = printShell(fill(body, hits, (j) => (j === i ? sum(j) : `${tag}P${j}`)));
      rules[i] = 'error' in one ? { accepts: 'name-or-number', why: 'only a name fits the place it lands in' } : arithmeticOrTest(linesOfTokens(one.printed, tag).get(i), sum(i));
    });
  }

  // 2. Quoting: a probe value full of shell syntax, quoted as quote.ts would, must come out of the
  // printer verbatim; code inside it would have been re-spaced.
  // Each probe ends in its own index, so one hit's verbatim probe can never stand in for another's.
  const quoted = hits.map((_, i) => (rules[i]?.accepts === 'name-or-number' ? `${tag}N${i}` : safeQuote(contexts[i], `${PROBE}${tag}Q${i}`, quote)));
  const misread: ValueRule = { accepts: 'plain', why: 'the shell parser reads the quoting around it differently from Runbook' };
  const printed = printShell(fill(body, hits, (i) => quoted[i] ?? `${tag}N${i}`));
  if (!('error' in printed)) {
    let at = 0;
    hits.forEach((_, i) => {
      const q = quoted[i];
      const found = q !== undefined ? printed.printed.indexOf(q, at) : -1;
      if (found >= 0) at = found + q!.length;
      else rules[i] ??= misread;
    });
    return rules;
  }
  // A quoted value broke the parse: find where, one hit at a time (a place like `for <v> in` takes only a name).
  hits.forEach((_, i) => {
    if (rules[i]) return;
    if (i >= MAX_SINGLE_PROBES || quoted[i] === undefined) { rules[i] = misread; return; }
    const alone = (text: string) => printShell(fill(body, hits, (j) => (j === i ? text : `${tag}N${j}`)));
    const one = alone(quoted[i]!);
    if (!('error' in one)) { if (!one.printed.includes(quoted[i]!)) rules[i] = misread; return; }
    // Even a simple quoted word breaks it: the place takes a bare name. Otherwise the probe's syntax ran as code.
    const simple = safeQuote(contexts[i], 'x y', quote);
    rules[i] = simple !== undefined && 'error' in alone(simple) ? { accepts: 'name-or-number', why: 'only a name fits the place it lands in' } : misread;
  });
  return rules;
}

// Everything that would turn into code somewhere: quotes, expansions, separators, odd spacing.
const PROBE = `'"\`$(p  ;q)\${r}\\;| w`;
const MAX_SINGLE_PROBES = 40;

function safeQuote(ctx: QuoteContext, value: string, quote: (ctx: QuoteContext, value: string) => string): string | undefined {
  try { return quote(ctx, value); } catch { return undefined; }
}

function fill(body: string, hits: readonly PlaceholderHit[], text: (i: number) => string): string {
  let out = '', at = 0;
  hits.forEach((h, i) => {
    if (h.start < at) return;
    out += body.slice(at, h.start) + text(i);
    at = h.end;
  });
  return out + body.slice(at);
}

function uniqueTag(body: string): string {
  let tag = 'rbq';
  while (body.includes(tag)) tag += 'x';
  return tag;
}

/** The printed line holding each hit's `tagAi+tagBi` token (spaced or not), in one pass. */
function linesOfTokens(printed: string, tag: string): Map<number, string> {
  const lineOf = new Map<number, string>();
  const re = new RegExp(`${tag}A(\\d+)(?: \\+ |\\+)${tag}B\\1(?!\\d)`, 'g');
  for (const line of printed.split('\n')) for (const m of line.matchAll(re)) if (!lineOf.has(Number(m[1]))) lineOf.set(Number(m[1]), line);
  return lineOf;
}

/** Arithmetic when the printer spaced the probe's `+` (or dropped it); else a test or declaration, if any. */
function arithmeticOrTest(line: string | undefined, token: string): ValueRule | undefined {
  if (line === undefined || !line.includes(token)) return { accepts: 'name-or-number', why: ARITHMETIC };
  return numericUse(line, token);
}

/** Tests and declarations that evaluate a word as arithmetic or as a variable name, on mvdan's printed line. */
function numericUse(line: string, token: string): ValueRule | undefined {
  const t = token.replace(/[+]/g, '\\+');
  const q = `["']?`;
  if (new RegExp(`(?:^|[\\s(!])-[vR]\\s+${q}${t}`).test(line)) return { accepts: 'name-or-number', why: TEST };
  if (new RegExp(`${t}${q}\\s+-(?:eq|ne|lt|le|gt|ge)\\b|-(?:eq|ne|lt|le|gt|ge)\\s+${q}${t}`).test(line)) return { accepts: 'name-or-number', why: TEST };
  if (new RegExp(`(?:^|[\\s;&|(])let\\s.*${t}`).test(line)) return { accepts: 'name-or-number', why: ARITHMETIC };
  if (new RegExp(`(?:^|[\\s;&|(])(?:declare|typeset|local|readonly|export)\\s+(?:-\\w*\\s+)*-\\w*i\\w*\\s.*${t}`).test(line)) return { accepts: 'name-or-number', why: ARITHMETIC };
  if (new RegExp(`(?:^|\\s)printf\\s+-v\\s+${q}${t}`).test(line)) return { accepts: 'name-or-number', why: 'printf -v takes a variable name, and bash evaluates an index in it' };
  return undefined;
}

const SHELL = '(?:ba|z|da|k|a|fi)?sh';
const START = '(?:^|[\\s/(`"\'=;&|])';
const INNER: { re: RegExp; why: string }[] = [
  { re: new RegExp(`${START}${SHELL}\\s+(?:-\\S+\\s+)*-[a-zA-Z]*c\\b`), why: 'it is inside a script that another shell (sh -c) parses again' },
  { re: new RegExp(`${START}(?:ssh|gcloud\\s+compute\\s+ssh)\\s`), why: 'ssh hands its command to a shell on the other host, which parses it again' },
  { re: new RegExp(`${START}eval\\s`), why: 'eval parses its arguments again as shell' },
  { re: new RegExp(`${START}su\\s.*\\s-c\\b`), why: 'su -c hands its command to another shell' },
  { re: new RegExp(`${START}sudo\\s+(?:-\\S+\\s+)*-[a-zA-Z]*[si]\\b`), why: 'sudo -s/-i runs its command through a shell' },
  { re: new RegExp(`${START}(?:watch|parallel|tmux|screen)\\s|${START}(?:script|flock)\\s.*\\s-c\\b`), why: 'the command runs it through a shell, which parses it again' },
  { re: new RegExp(`${START}(?:python[0-9.]*|perl|ruby|node|php)\\s+(?:-\\S+\\s+)*-[a-zA-Z]*[ce]\\b`), why: 'it is inside a program another interpreter runs' },
];
const PROGRAM = new RegExp(`${START}(?:[gm]?awk|sed)\\s`);
const HEREDOC_READER = new RegExp(`${START}(?:${SHELL}|ssh|python[0-9.]*|perl|ruby|node|php|su|sudo|eval)(?:\\s|$)|\\|\\s*(?:sudo\\s+)?${SHELL}\\b`);
const PIPED_TO_SHELL = new RegExp(`\\|\\s*(?:sudo\\s+(?:-\\S+\\s+)*)?(?:${SHELL}|ssh)(?:\\s|$)`);

/** A hit inside text another interpreter parses: a `-c` script, ssh's command, eval, a here-document fed to bash. */
function innerShellRule(body: string, regions: Region[], h: PlaceholderHit): ValueRule | undefined {
  const kind = kindAt(regions, h.start);
  if (kind === 'heredoc' || kind === 'heredocQuoted') {
    const opLine = lineWithHeredocOp(body, h.start);
    return HEREDOC_READER.test(opLine) ? { accepts: 'plain', why: 'it is in a here-document that another shell or interpreter reads as a script' } : undefined;
  }
  const prefix = body.slice(commandStart(body, regions, h.start), h.start);
  for (const { re, why } of INNER) if (re.test(prefix)) return { accepts: 'plain', why };
  if (kind !== 'code' && PROGRAM.test(prefix)) return { accepts: 'plain', why: 'it is inside an awk or sed program, which can run commands' };
  const rest = body.slice(h.end, commandEnd(body, regions, h.end));
  if (PIPED_TO_SHELL.test(rest)) return { accepts: 'plain', why: 'the text is piped into another shell, which parses it again' };
  return undefined;
}

/**
 * Bodies of here-documents fed to another interpreter (`bash <<EOF`, `ssh h <<'EOF'`), found line by
 * line on the raw text: the lexer does not see a here-document inside `"$(…)"`, bash does.
 */
function scriptHeredocs(body: string): [number, number][] {
  const spans: [number, number][] = [];
  const lines = body.split('\n');
  const starts: number[] = [];
  let at = 0;
  for (const l of lines) { starts.push(at); at += l.length + 1; }
  lines.forEach((line, i) => {
    if (!HEREDOC_READER.test(line)) return;
    for (const m of line.matchAll(/<<(-?)[ \t]*(?:'([^'\n]*)'|"([^"\n]*)"|\\?([^\s'"|&;()<>]+))/g)) {
      if (line[m.index + 2] === '<' || (m.index > 0 && line[m.index - 1] === '<')) continue;
      const delim = m[2] ?? m[3] ?? m[4] ?? '';
      let end = lines.findIndex((l, j) => j > i && (m[1] ? l.replace(/^\t+/, '') : l) === delim);
      if (end < 0) end = lines.length;
      spans.push([starts[i] + line.length + 1, end < lines.length ? starts[end] : body.length]);
    }
  });
  return spans;
}

function lineWithHeredocOp(body: string, bodyStart: number): string {
  let end = bodyStart - 1;
  while (end > 0) {
    const start = body.lastIndexOf('\n', end - 1) + 1;
    const line = body.slice(start, end);
    if (/<<(?!<)/.test(line)) return line;
    end = start - 1;
  }
  return '';
}

/** Separators that end a simple command, in code only (`;` inside a `bash -c '…'` string does not). */
function isCut(body: string, regions: Region[], i: number): boolean {
  const c = body[i];
  if (c !== ';' && c !== '&' && c !== '|' && c !== '\n') return false;
  if (c === '\n' && body[i - 1] === '\\') return false;
  return kindAt(regions, i) === 'code';
}

function commandStart(body: string, regions: Region[], at: number): number {
  for (let i = at - 1; i >= 0; i--) if (isCut(body, regions, i)) return i + 1;
  return 0;
}

function commandEnd(body: string, regions: Region[], at: number): number {
  for (let i = at; i < body.length; i++) if ((body[i] === ';' || body[i] === '\n') && isCut(body, regions, i)) return i;
  return body.length;
}
