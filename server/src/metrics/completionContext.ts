// What is being typed at the cursor inside a PromQL expression: a metric name, a label name after
// `{`, or a label value after `=`. Pure text analysis of the expression up to the cursor.

export type CompletionContext =
  | { kind: 'metric'; prefix: string; start: number }
  | { kind: 'labelName'; metric?: string; prefix: string; start: number }
  | { kind: 'labelValue'; metric?: string; label: string; prefix: string; start: number; quoted: boolean };

const NAME_TAIL = /[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** `before` is the expression text up to the cursor; `start` is where the replaced prefix begins. */
export function completionContext(before: string): CompletionContext | undefined {
  const open = unclosedBrace(before);
  if (open === null) return undefined; // inside a string literal outside a selector
  if (open >= 0) {
    const metric = before.slice(0, open).match(/([a-zA-Z_:][a-zA-Z0-9_:]*)\s*$/)?.[1];
    const inside = before.slice(open + 1);
    const lastComma = lastTopLevelComma(inside);
    const matcher = inside.slice(lastComma + 1);
    const segStart = open + 1 + lastComma + 1;
    const value = matcher.match(/^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*("?)([^"]*)$/);
    if (value) {
      const quoted = value[3] === '"';
      if (!quoted && value[4]) return undefined; // an unquoted value is not valid PromQL
      return { kind: 'labelValue', metric, label: value[1]!, prefix: value[4]!, start: before.length - value[4]!.length, quoted };
    }
    const name = matcher.match(/^\s*([a-zA-Z_][a-zA-Z0-9_]*)?$/);
    if (name) return { kind: 'labelName', metric, prefix: name[1] ?? '', start: segStart + matcher.length - (name[1]?.length ?? 0) };
    return undefined;
  }
  const word = before.match(NAME_TAIL)?.[0];
  if (!word) return undefined;
  const start = before.length - word.length;
  if (/[0-9.]$/.test(before.slice(0, start))) return undefined; // `5m`, `1.5e3`
  if (/\[[^\]]*$/.test(before)) return undefined; // inside a range `[5m`
  return { kind: 'metric', prefix: word, start };
}

/** Offset of the `{` whose selector the cursor is in, -1 when outside any, null inside a string. */
function unclosedBrace(text: string): number | null {
  let brace = -1;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '{') brace = i;
    else if (ch === '}') brace = -1;
  }
  if (quote && brace < 0) return null;
  return brace;
}

function lastTopLevelComma(text: string): number {
  let quote = false;
  let last = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) { if (ch === '\\') i++; else if (ch === '"') quote = false; continue; }
    if (ch === '"') quote = true;
    else if (ch === ',') last = i;
  }
  return last;
}
