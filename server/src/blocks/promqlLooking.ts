// Does a block tagged as shell hold PromQL? Queries are often pasted under ```console or ```sh
// (the tag of the page they came from); bash then reports a dozen syntax errors about parentheses.
// Judged by PromQL-only shapes (a call of a PromQL function, a `{label="value"}` matcher, a
// `[5m]` range) and the parser, with anything that only shell has (pipes, `;`, `$(…)`, a command
// word) ruling it out: a wrong "PromQL" would hide real shell errors.
import { AGGREGATIONS, FUNCTIONS } from '../promql/functions';
import { parseStatus } from '../promql/parse';
import { splitStatements } from '../promql/split';
import { isCommandLine } from './shellLooking';

const callable = new Set([...FUNCTIONS.map((f) => f.name), ...AGGREGATIONS.map((a) => a.name)]);
const call = /\b([a-z_]+)\s*(?:(?:by|without)\s*\([^()]*\)\s*)?\(/g;
const matcher = /(?:^|[\w:\s(,])\{\s*[a-zA-Z_]\w*\s*(?:=~|!~|!=|=)\s*""/;
const range = /\[\s*\d+(?:ms|[smhdwy])(?:\s*:\s*(?:\d+(?:ms|[smhdwy]))?)?\s*\]/;
const comment = /^\s*(?:#|\/\/)/;

/** Strings replaced by `""`, so that their content (regexes with `|`, paths) is not read as syntax. */
function withoutStrings(line: string): string {
  return line.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`]*`/g, '""');
}

function hasCall(code: string): boolean {
  for (const m of code.matchAll(call)) if (callable.has(m[1])) return true;
  return false;
}

/** Queries are short; the parser takes seconds on half a megabyte of near-PromQL, so don't ask it. */
const maxQueryChars = 20_000;

export function looksLikePromql(body: string): boolean {
  if (body.length > maxQueryChars) return false;
  const lines = body.split('\n').filter((l) => l.trim() && !comment.test(l));
  if (!lines.length) return false;
  // Queries typed at a `$ ` prompt, their results below: the prompted lines are what to judge.
  if (/^\s*\$ \S/.test(lines[0])) return looksLikePromql(lines.filter((l) => /^\s*\$ \S/.test(l)).map((l) => l.replace(/^\s*\$ /, '')).join('\n'));
  const code = lines.map(withoutStrings).join('\n');
  // Only shell has these: pipes and lists, substitutions, redirection to a file, a command word first.
  if (/[|;&`\\]|\$\(|(?:^|[\s\d])>>?\s*(?:[/~]|\.{1,2}\/|[A-Za-z_][\w-]*\.[A-Za-z])/m.test(code) || lines.some((l) => isCommandLine(l))) return false;
  if (!(hasCall(code) || matcher.test(code) || range.test(code))) return false;
  // A `//` comment is a PromQL error that the PromQL check reports; for the guess it is blank.
  const blanked = body.split('\n').map((l) => (/^\s*\/\//.test(l) ? l.replace(/[^\s]/g, ' ') : l)).join('\n');
  const statements = splitStatements(blanked);
  const clean = statements.filter((s) => parseStatus(s.text) === 'ok').length;
  // A typo still leaves a query that starts like one: a PromQL call or a selector with matchers.
  const first = withoutStrings(lines[0]);
  const head = /^\s*([a-z_]+)\s*(?:\(|(?:by|without)\b)/.exec(first);
  const startsLikeQuery = (!!head && callable.has(head[1])) || /^\s*[a-zA-Z_:][\w:]*\s*\{\s*[a-zA-Z_]\w*\s*(?:=~|!~|!=|=)/.test(first);
  return (clean > 0 && clean * 2 >= statements.length) || startsLikeQuery;
}
