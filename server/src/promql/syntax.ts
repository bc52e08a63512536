// promql/syntax: the first error of an expression, at its exact range, said so a person can act on
// it. The grammar only says "⚠ here"; the messages come from what surrounds that spot.
import type { PromqlProblem } from './problem';
import { firstError, parsePromql, type SyntaxNode, type Tree } from './parse';
import { suggestFunction } from './suggest';
import { functionSig, aggregationSig, RENAMED_FUNCTIONS } from './functions';

const TOKEN = /\s*([A-Za-z_:][\w:]*|\d[\w.]*|==|!=|>=|<=|=~|!~|&&|\|\||"[^"\n]*"?|'[^'\n]*'?|\S)/y;

function tokenAt(text: string, pos: number): { text: string; from: number; to: number } | undefined {
  TOKEN.lastIndex = pos;
  const m = TOKEN.exec(text);
  if (!m) return undefined;
  const to = TOKEN.lastIndex;
  return { text: m[1], from: to - m[1].length, to };
}

function tokenBefore(text: string, pos: number): { text: string; from: number; to: number } | undefined {
  let last: { text: string; from: number; to: number } | undefined;
  let p = 0;
  while (p < pos) {
    const t = tokenAt(text, p);
    if (!t || t.from >= pos) break;
    if (t.text === '#') { const nl = text.indexOf('\n', t.from); p = nl < 0 ? text.length : nl; continue; }
    last = t;
    p = t.to;
  }
  return last;
}

/** The innermost bracket left open at the end, or a string literal never closed. */
export function unclosed(text: string): { from: number; char: string; kind: 'bracket' | 'string' } | undefined {
  const stack: { from: number; char: string }[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '#') { const nl = text.indexOf('\n', i); if (nl < 0) break; i = nl; continue; }
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c && (c === '`' || text[j] !== '\n')) j += text[j] === '\\' && c !== '`' ? 2 : 1;
      if (j >= text.length || text[j] !== c) return { from: i, char: c, kind: 'string' };
      i = j;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') stack.push({ from: i, char: c });
    else if (c === ')' || c === ']' || c === '}') stack.pop();
  }
  const top = stack.pop();
  return top && { ...top, kind: 'bracket' };
}

/** `metric{labels} 1.5` (optionally with a timestamp): a series and its value as a query prints it. */
const OUTPUT_LINE = /^\s*([A-Za-z_:][\w:]*)?\{[^{}]*\}\s+[-+]?(\d[\d.]*([eE][-+]?\d+)?|NaN|Inf)(\s+@?\s*\[?\d[\d.]*\]?)?\s*$|^\s*[A-Za-z_:][\w:]*\s+[-+]?(\d[\d.]*([eE][-+]?\d+)?|NaN|Inf)\s*$/;

const CLOSER: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const BAD_OPERATORS: Record<string, string> = {
  '&&': 'and', '||': 'or', '&': 'and', '|': 'or', '=': '==', '===': '==', '!==': '!=', '<>': '!=', '=>': '>=', '=<': '<=',
};

/** The whole run of operator characters around `pos` (`===` rather than its third `=`). */
function operatorRun(text: string, pos: number): { text: string; from: number; to: number } | undefined {
  const isOp = (c: string | undefined) => !!c && '=<>!&|'.includes(c);
  if (!isOp(text[pos])) return undefined;
  let from = pos;
  let to = pos;
  while (isOp(text[from - 1])) from--;
  while (isOp(text[to])) to++;
  return { text: text.slice(from, to), from, to };
}

function inside(node: SyntaxNode, name: string): boolean {
  for (let n: SyntaxNode | null = node.parent; n; n = n.parent) if (n.name === name) return true;
  return false;
}

/**
 * `x > 100 for 10m` at the end of its line: keep what the author meant as a PromQL comment
 * (`x > 100  # for 10m`), which Prometheus, YAML and shell quotes all leave alone.
 */
function forAsNote(text: string, at: number): PromqlProblem['fixes'] {
  const m = /^for[ \t]+([0-9][0-9a-z]*)[ \t]*(?=\n|$)/.exec(text.slice(at));
  if (!m) return undefined;
  let from = at;
  while (from > 0 && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
  return [{ title: `Move \`for ${m[1]}\` into a comment (the alert rule's \`for:\` holds the duration)`, edits: [{ from, to: at + m[0].length, newText: `  # for ${m[1]}` }] }];
}

export function syntaxProblem(text: string, tree: Tree = parsePromql(text)): PromqlProblem | undefined {
  const err = firstError(tree);
  if (!err) return undefined;
  const tok = err.to > err.from ? { text: text.slice(err.from, err.to), from: err.from, to: err.to } : tokenAt(text, err.from);
  const word = tok ? tokenAt(text, tok.from) : undefined;
  const prev = tokenBefore(text, err.from);
  const problem = (from: number, to: number, message: string, fixes?: PromqlProblem['fixes']): PromqlProblem =>
    ({ from, to, code: 'promql/syntax', message, severity: 'error', fixes });

  // `name(` where the grammar knows no function `name`: the identifier became a selector.
  if (prev && /^[A-Za-z_:][\w:]*$/.test(prev.text) && word?.text === '(' && !functionSig(prev.text) && !aggregationSig(prev.text)) {
    const renamed = RENAMED_FUNCTIONS[prev.text];
    if (renamed) {
      // Still valid on Prometheus 2, so not certain to fail: a warning that says where it breaks.
      return {
        from: prev.from, to: prev.to, code: 'promql/unknown-function', severity: 'warning',
        message: `\`${prev.text}\` was renamed \`${renamed}\` in Prometheus 3 (where it also needs --enable-feature=promql-experimental-functions); it only works on Prometheus 2.`,
        fixes: [{ title: `Change to \`${renamed}\``, edits: [{ from: prev.from, to: prev.to, newText: renamed }] }],
      };
    }
    const s = suggestFunction(prev.text);
    const names = s ? [s.name, ...(s.alternatives ?? [])].map((x) => `\`${x}\``) : [];
    const hint = names.length ? ` Did you mean ${names.join(' or ')}?` : '';
    return {
      from: prev.from, to: prev.to, code: 'promql/unknown-function', severity: 'error',
      message: `Unknown function \`${prev.text}\`.${hint}`,
      fixes: s?.certain ? [{ title: `Change to \`${s.name}\``, edits: [{ from: prev.from, to: prev.to, newText: s.name }] }] : undefined,
    };
  }

  if (!tok || (err.from === err.to && tok.from >= text.length)) {
    const open = unclosed(text);
    if (open?.kind === 'string') return problem(open.from, open.from + 1, `This string is never closed: add a closing ${open.char}.`);
    if (open) return problem(open.from, open.from + 1, `\`${open.char}\` is never closed: add \`${CLOSER[open.char]}\`.`);
    if (!prev) return problem(0, Math.min(1, text.length), 'Empty expression.');
    const what = /^(offset|@)$/.test(prev.text) ? ' Give a duration, e.g. `offset 5m`.'
      : /^(by|without|on|ignoring|group_left|group_right)$/.test(prev.text) ? ` Give labels in parentheses, e.g. \`${prev.text} (job)\`.`
        : ' The right-hand side is missing.';
    return problem(prev.from, prev.to, `The expression ends after \`${prev.text}\`.${what}`);
  }

  const t = word ?? tok;
  const lineStart = text.lastIndexOf('\n', t.from - 1) + 1;
  if (t.text === '$' && /^\s*$/.test(text.slice(lineStart, t.from)) && /^\$\s/.test(text.slice(t.from))) {
    const end = t.from + (/^\$\s+/.exec(text.slice(t.from))?.[0].length ?? 1);
    return problem(t.from, t.from + 1, '`$` here is a shell prompt, not PromQL: remove it so the query can be pasted as is.',
      [{ title: 'Remove the prompt', edits: [{ from: t.from, to: end, newText: '' }] }]);
  }
  const lineEnd = text.indexOf('\n', t.from) < 0 ? text.length : text.indexOf('\n', t.from);
  if (OUTPUT_LINE.test(text.slice(lineStart, lineEnd)) && /^[-+.\dNI]/.test(t.text)) {
    // `series{labels} 1`: the result of a query pasted under it, as the Prometheus UI shows it.
    return { ...problem(lineStart + (text.slice(lineStart).length - text.slice(lineStart).trimStart().length), lineEnd,
      'This line looks like query output (a series and its value), not PromQL: move example output to a separate ```text block.'), severity: 'warning' };
  }
  if (t.text === ')' && prev?.text === ',') {
    return problem(prev.from, prev.to, 'PromQL allows no trailing `,` before `)`: remove it.',
      [{ title: 'Remove the trailing comma', edits: [{ from: prev.from, to: prev.to, newText: '' }] }]);
  }
  if (/^(by|without)$/.test(t.text) && prev && /^[A-Za-z_:][\w:]*$/.test(prev.text) && !aggregationSig(prev.text)) {
    return problem(prev.from, prev.to, `\`${prev.text}\` is not an aggregation operator, so \`${t.text} (…)\` cannot follow it: write e.g. \`sum ${t.text} (job) (${prev.text})\`, with \`sum\`, \`avg\`, \`max\`, \`count\`…`);
  }
  const variable = /^\$(\{[^}]*\}|\w+)/.exec(text.slice(t.from));
  if (variable) {
    // Grafana dashboards and templated runbooks write `$__rate_interval`, `${job}`: not PromQL, but
    // a substitution the reader makes before running, so a warning rather than an error.
    return { ...problem(t.from, t.from + variable[0].length, `\`${variable[0]}\` is a template variable, not PromQL: replace it with a value (e.g. \`5m\`) before running.`), severity: 'warning' };
  }
  if (t.text === 'for') {
    return problem(t.from, t.to, '`for` is not PromQL here: a duration belongs in the alert rule\'s `for:` field, not in the expression.', forAsNote(text, t.from));
  }
  const run = operatorRun(text, t.from);
  const before = run && tokenBefore(text, run.from);
  // Only when a complete operand precedes it (`x = 1`, not `x == = 1`) is the intended operator certain.
  if (run && BAD_OPERATORS[run.text] && !inside(err, 'LabelMatchers') && before && /^([\w:.]+|[)\]}]|"[^"]*"|'[^']*')$/.test(before.text)) {
    const good = BAD_OPERATORS[run.text];
    return problem(run.from, run.to, `\`${run.text}\` is not a PromQL operator: use \`${good}\`.`,
      [{ title: `Change to \`${good}\``, edits: [{ from: run.from, to: run.to, newText: good }] }]);
  }
  const aggOp = err.parent?.name === 'AggregateExpr' ? text.slice(err.parent.from, err.parent.to).match(/^\w+/)?.[0] : undefined;
  if (aggOp && /^[A-Za-z_]/.test(t.text) && (prev?.text === aggOp || /^(by|without)$/.test(prev?.text ?? '') || err.parent!.getChild('AggregateModifier')?.to === prev?.to)) {
    const op = aggOp;
    return problem(t.from, t.to, `The argument of \`${op}\` goes in parentheses: \`${op} (…)\` or \`${op} by (label) (…)\`.`);
  }
  if (inside(err, 'LabelMatchers') || inside(err, 'UnquotedLabelMatcher')) {
    if (prev && /^(=|!=|=~|!~)$/.test(prev.text) && /^[\w.:-]+$/.test(t.text)) {
      return problem(t.from, t.to, `Label values must be quoted: write "${t.text}".`,
        [{ title: `Quote "${t.text}"`, edits: [{ from: t.from, to: t.to, newText: `"${t.text}"` }] }]);
    }
    if (prev && /^[A-Za-z_]\w*$/.test(prev.text)) {
      return problem(prev.from, prev.to, `Label matcher \`${prev.text}\` needs an operator and a quoted value, e.g. \`${prev.text}="value"\`.`);
    }
    return problem(t.from, t.to, `Unexpected \`${t.text}\` in label matchers: write \`{label="value", …}\`.`);
  }
  if (inside(err, 'GroupingLabels') || inside(err, 'AggregateModifier')) {
    const kw = prev?.text ?? 'by';
    return problem(t.from, t.to, `Labels after \`${kw}\` go in parentheses, e.g. \`${kw} (job)\`.`);
  }
  if (/^[)\]}]$/.test(t.text)) return problem(t.from, t.to, `Unmatched \`${t.text}\`.`);
  if (/^(by|without)$/.test(t.text)) {
    return problem(t.from, t.to, `\`${t.text}\` cannot go here: an aggregation takes one \`by (…)\` or \`without (…)\` clause, right after the operator or after its parentheses.`);
  }
  if (prev && /^([\w:]+|[)\]}]|"[^"]*"|'[^']*')$/.test(prev.text) && /^([A-Za-z_:][\w:]*|\d[\w.]*|\(|\{|"|')/.test(t.text)) {
    return problem(t.from, t.to, `Unexpected \`${t.text}\` after a complete expression: join expressions with an operator (\`and\`, \`or\`, \`+\`, \`>\`…), or put each on its own line.`);
  }
  return problem(t.from, t.to, prev ? `Unexpected \`${t.text}\` after \`${prev.text}\`.` : `Unexpected \`${t.text}\`.`);
}
