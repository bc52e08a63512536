// LogQL passed to Loki's CLI in a shell block: `logcli query '…'`, `logcli instant-query '…'` and
// `logcli series '…'`. The query is the first positional argument after the subcommand; arguments
// built from shell variables, and placeholders such as `<query>`, are skipped.
import type { BlockAnalyzer, BlockFindings } from '../analysis/types';
import { MappedText } from '../promql/mappedText';
import { shellCommands, shellTokens, type ShellToken } from '../promql/shellWords';
import { queryDiagnostics } from './findings';

const SUBCOMMANDS = new Set(['query', 'instant-query', 'series']);
/** logcli flags that take their value as the next word (`--since 1h`). */
const VALUE_FLAGS = new Set(['--from', '--to', '--since', '--limit', '--addr', '-o', '--output', '--org-id', '--step', '--interval',
  '--batch', '--timezone', '-z', '--exclude-label', '--include-label', '--username', '--password', '--cert', '--key', '--ca-cert',
  '--bearer-token', '--bearer-token-file', '--retries', '--labels-length', '--delay-for', '--parallel-duration',
  '--parallel-max-workers', '--part-path-prefix', '--auth-header', '--min-backoff', '--max-backoff', '--tls-server-name']);

function queryOf(cmd: ShellToken[]): ShellToken | undefined {
  const at = cmd.findIndex((t) => t.value.text.replace(/^.*\//, '') === 'logcli');
  if (at < 0) return undefined;
  let j = at + 1;
  for (; j < cmd.length && cmd[j].value.text.startsWith('-'); j++) if (VALUE_FLAGS.has(cmd[j].value.text)) j++;
  if (!SUBCOMMANDS.has(cmd[j]?.value.text ?? '')) return undefined;
  for (j++; j < cmd.length; j++) {
    const t = cmd[j].value.text;
    if (t.startsWith('-')) { if (VALUE_FLAGS.has(t)) j++; continue; }
    return cmd[j];
  }
  return undefined;
}

export function findLogcliQueries(body: string): MappedText[] {
  if (!body.includes('logcli')) return [];
  const out: MappedText[] = [];
  for (const cmd of shellCommands(shellTokens(MappedText.identity(body)))) {
    const q = queryOf(cmd);
    if (q && !q.expands && /^\s*(\{|[a-z_]+\s*\()/.test(q.value.text)) out.push(q.value);
  }
  return out;
}

export function analyzeShellLogql(body: string): BlockFindings {
  return { diagnostics: findLogcliQueries(body).flatMap(queryDiagnostics) };
}

export const shellLogqlAnalyzer: BlockAnalyzer = {
  id: 'logql-shell',
  appliesTo: (block) => block.lang === 'shell',
  analyze: (block) => analyzeShellLogql(block.body),
};
