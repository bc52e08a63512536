// logql/syntax: the first error of a query, said so a person can act on it, plus the one rule Loki
// applies after parsing that is certain to fail: a stream selector whose matchers all match the
// empty string. Template variables (`$__auto`, `${app}`) are a warning: Grafana substitutes them.
import type { LogqlProblem } from './problem';
import { firstError, isBlankLogql, parseLogql, type SyntaxNode, type Tree } from './parse';
import { unclosed } from '../promql/syntax';
import { re2MatchesEmpty } from '../promql/re2';
import { decodeString } from '../promql/literals';
import { regexLiteralProblem } from '../promql/literalChecks';

const CLOSER: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const TOKEN = /\s*([A-Za-z_][\w.]*|\d[\w.]*|\|=|!=|\|~|!~|\|>|!>|=~|==|>=|<=|"(?:[^"\\\n]|\\.)*"?|`[^`]*`?|\S)/y;

function tokenAt(text: string, pos: number): { text: string; from: number; to: number } | undefined {
  TOKEN.lastIndex = pos;
  const m = TOKEN.exec(text);
  if (!m) return undefined;
  return { text: m[1], from: TOKEN.lastIndex - m[1].length, to: TOKEN.lastIndex };
}

function inside(node: SyntaxNode, name: string): boolean {
  for (let n: SyntaxNode | null = node.parent; n; n = n.parent) if (n.name === name) return true;
  return false;
}

function problem(from: number, to: number, message: string, severity: LogqlProblem['severity'] = 'error', fixes?: LogqlProblem['fixes']): LogqlProblem {
  return { from, to, code: 'logql/syntax', message, severity, fixes };
}

function grammarProblem(text: string, err: SyntaxNode): LogqlProblem {
  const variable = /\$(\{[^}\n]*\}|\w+)/.exec(text);
  if (variable) {
    return problem(variable.index, variable.index + variable[0].length,
      `\`${variable[0]}\` is a template variable, not LogQL: replace it with a value (e.g. \`5m\`) before running.`, 'warning');
  }
  const t = tokenAt(text, err.from);
  const open = unclosed(text);
  if (open?.kind === 'string') return problem(open.from, open.from + 1, `This string is never closed: add a closing ${open.char}.`);
  if (!t || t.from >= text.trimEnd().length) {
    if (open) return problem(open.from, open.from + 1, `\`${open.char}\` is never closed: add \`${CLOSER[open.char]}\`.`);
    const last = text.trimEnd();
    return problem(Math.max(0, last.length - 1), last.length, 'The query ends too early: something is missing after this.');
  }
  if (inside(err, 'Matcher') && /^[\w.:-]+$/.test(t.text)) {
    return problem(t.from, t.to, `Label values must be quoted: write "${t.text}".`, 'error',
      [{ title: `Quote "${t.text}"`, edits: [{ from: t.from, to: t.to, newText: `"${t.text}"` }] }]);
  }
  if (err.from === 0 && t.text !== '{' && /^[A-Za-z_]/.test(t.text) && !/\(/.test(text.slice(t.to, t.to + 1))) {
    return problem(t.from, t.to, 'A LogQL query starts with a stream selector such as `{app="api"}`, or with a function such as `rate(…)`.');
  }
  return problem(t.from, t.to, `Unexpected \`${t.text}\` in this LogQL query.`);
}

/** Loki refuses a selector none of whose matchers needs a non-empty value (`{app=~".*"}`). */
function selectorProblem(tree: Tree, text: string): LogqlProblem | undefined {
  const c = tree.cursor();
  do {
    if (c.name !== 'Selector') continue;
    const matchers: { op: string; value: string }[] = [];
    const m = c.node.getChild('Matchers');
    for (let k = m?.firstChild; k; k = k.nextSibling) {
      if (k.name !== 'Matcher') continue;
      const op = k.firstChild?.nextSibling;
      const value = k.getChild('String');
      if (!op || !value) return undefined;
      matchers.push({ op: text.slice(op.from, op.to), value: decodeString(text.slice(value.from, value.to)).value });
    }
    const matchesEmpty = (x: { op: string; value: string }) => x.op === '=' ? x.value === '' : x.op === '!=' ? x.value !== ''
      : x.op === '=~' ? re2MatchesEmpty(x.value) : x.op === '!~' ? re2MatchesEmpty(x.value) === false : false;
    if (matchers.length && matchers.every((x) => matchesEmpty(x) === true)) {
      return problem(c.from, c.to, 'Loki needs at least one matcher that does not match the empty string, e.g. `{app="api"}` or `{app=~".+"}`.');
    }
  } while (c.next());
  return undefined;
}

/** Loki's lexer reads strings with Go's rules: `"\d"` is an invalid escape, not a `d`. */
function escapeProblem(tree: Tree, text: string): LogqlProblem | undefined {
  const c = tree.cursor();
  do {
    if (c.name !== 'String') continue;
    const p = decodeString(text.slice(c.from, c.to)).problem;
    if (p) return problem(c.from + p.from, c.from + p.to, p.message.replace('PromQL string', 'LogQL string'));
  } while (c.next());
  return undefined;
}

/** Loki compiles label and line-filter regexes with Go's regexp (RE2), as Prometheus does. */
function regexProblem(tree: Tree, text: string): LogqlProblem | undefined {
  const c = tree.cursor();
  do {
    const strings: SyntaxNode[] = [];
    if (c.name === 'Matcher' || c.name === 'LineFilter') {
      const op = c.node.getChild('Filter') ?? c.node.firstChild?.nextSibling;
      if (op && /~/.test(text.slice(op.from, op.to))) strings.push(...c.node.getChildren('String'));
    } else if (c.name === 'LabelParser' && c.node.getChild('Regexp')) strings.push(...c.node.getChildren('String'));
    for (const s of strings) {
      const p = regexLiteralProblem(text.slice(s.from, s.to));
      if (p) return problem(s.from + p.from, s.from + p.to, p.message.replace('Prometheus regexes', 'Loki regexes'));
    }
  } while (c.next());
  return undefined;
}

export function logqlProblems(text: string): LogqlProblem[] {
  if (isBlankLogql(text)) return [];
  const tree = parseLogql(text);
  const err = firstError(tree);
  if (err) return [grammarProblem(text, err)];
  const p = escapeProblem(tree, text) ?? selectorProblem(tree, text) ?? regexProblem(tree, text);
  return p ? [p] : [];
}
