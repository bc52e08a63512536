// `runbook check`: diagnostics for every Markdown file given, in the format asked for (text,
// JSON, SARIF, GitHub annotations). Files are checked on all cores, with results cached on disk
// by content (repoCheck/): a re-run re-checks only what changed. Each file's findings are plain
// data written by one formatter (format/), so every format, thread count and cache state shows
// the same findings, in the order of the files.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultSettings } from '../analysis/settings';
import { defaultCacheDir } from '../index/diskCache';
import type { FileResult } from '../repoCheck/fileResult';
import { checkIdentity } from '../repoCheck/cacheKey';
import { ResultCache, resultCacheFile, resultKey } from '../repoCheck/resultCache';
import { checkAll, type CheckJob } from '../repoCheck/pool';
import { OrderedOutput } from '../repoCheck/orderedOutput';
import { collectMarkdown, UsageError } from './files';
import { FORMAT_NAMES, formatterFor, isFormatName, type FormatName } from './format/formats';
import type { FileFindings } from './format/findings';
import { VERSION } from './version';
import { workspaceRoot } from './workspaceRoot';
import type { BrokenLiveLink } from '../online/liveRuleLinks';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';

interface Options {
  format: FormatName; jobs: number; cache: boolean; paths: string[]; env?: string;
  /** What the editor's runbook.alerts.runbookUrlPrefixes says: URL prefixes that stand for the workspace root. */
  urlPrefixes: string[];
}

function parseArgs(args: string[]): Options | string {
  let format = 'text';
  const o = { jobs: availableParallelism(), cache: true, paths: [] as string[], env: undefined as string | undefined, urlPrefixes: [] as string[] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--format') format = args[++i] ?? '';
    else if (a.startsWith('--format=')) format = a.slice(9);
    else if (a === '--jobs' || a === '-j' || a.startsWith('--jobs=')) {
      const v = a.startsWith('--jobs=') ? a.slice(7) : args[++i] ?? '';
      if (!/^[1-9]\d{0,2}$/.test(v)) return `--jobs must be a whole number from 1 to 999, not '${v}'`;
      o.jobs = Number(v);
    } else if (a === '--no-cache') o.cache = false;
    else if (a === '--env' || a.startsWith('--env=')) {
      o.env = a.startsWith('--env=') ? a.slice(6) : args[++i] ?? '';
      if (!o.env) return '--env needs an environment name';
    } else if (a === '--runbook-url-prefix' || a.startsWith('--runbook-url-prefix=')) {
      const v = a.startsWith('--runbook-url-prefix=') ? a.slice(21) : args[++i] ?? '';
      if (!/^https?:\/\/[^/\s]+\/\S*$/.test(v)) return `--runbook-url-prefix expects an http(s) URL that stands for the workspace root, such as https://github.com/acme/ops/blob/main/, not '${v}'`;
      o.urlPrefixes.push(v);
    }
    else if (a.startsWith('-')) return `unknown option '${a}'`;
    else o.paths.push(a);
  }
  if (!isFormatName(format)) return `--format must be ${FORMAT_NAMES.join(', ')}, not '${format}'`;
  if (!o.paths.length) return 'give at least one file or folder';
  return { ...o, format };
}

type Outcome = { result: FileResult } | { unreadable: string };

/** Formats that are one file's lines after another's can be written as each file is ready. */
const streamed: ReadonlySet<FormatName> = new Set(['text', 'github']);

export async function checkCommand(args: string[]): Promise<number> {
  const o = parseArgs(args);
  if (typeof o === 'string') { console.error(`runbook check: ${o}`); return 2; }
  let files: string[];
  try { files = collectMarkdown(o.paths); } catch (e) {
    if (e instanceof UsageError) { console.error(`runbook check: ${e.message}`); return 2; }
    throw e;
  }
  const settings = defaultSettings;
  const identity = o.cache ? checkIdentity(settings) : '';
  const cache = o.cache ? new ResultCache(resultCacheFile(defaultCacheDir())).load() : undefined;
  const format = formatterFor(o.format, VERSION);

  let errors = 0;
  let unreadable = false;
  let fromCache = 0;
  const found: FileFindings[] = [];
  const out = new OrderedOutput<Outcome>((i, r) => {
    const path = files[i];
    if ('unreadable' in r) {
      console.error(`runbook check: cannot read '${path}': ${r.unreadable}`);
      unreadable = true;
      return;
    }
    errors += r.result.errors;
    const { diagnostics, blocks, metrics } = r.result;
    // Online findings join a file's own, so with --env every file waits for them.
    if (streamed.has(o.format) && !o.env) process.stdout.write(format([{ path, diagnostics, blocks, metrics }]));
    else found.push({ path, diagnostics, blocks, metrics });
  });

  const texts = new Map<string, string>();
  const misses: CheckJob[] = [];
  const keys: string[] = [];
  for (const [index, file] of files.entries()) {
    let text: string;
    try { text = readFileSync(file, 'utf8'); } catch (e) {
      out.put(index, { unreadable: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
      continue;
    }
    if (o.env) texts.set(file, text);
    if (cache) {
      keys[index] = resultKey(identity, text);
      const hit = cache.get(keys[index]);
      if (hit) { fromCache++; out.put(index, { result: hit }); continue; }
    }
    misses.push({ index, uri: pathToFileURL(resolve(file)).href, text });
  }
  await checkAll(misses, { jobs: o.jobs, settings }, (index, result) => {
    cache?.set(keys[index], result);
    out.put(index, { result });
  });
  cache?.save();

  if (o.env) {
    const online = await addOnlineFindings(o.env, found, texts, o.urlPrefixes);
    if (online !== undefined) { console.error(`runbook check: ${online}`); return 2; }
  }
  if (!streamed.has(o.format) || o.env) process.stdout.write(format(found));
  if (o.format === 'text' && files.length) console.error(`${files.length} file(s) checked${fromCache ? ` (${fromCache} unchanged, from the cache)` : ''}, ${errors} error(s)`);
  if (unreadable) return 2;
  return errors ? 1 : 0;
}

/** Adds the online findings to each file's (in place), or says why they could not be had. */
async function addOnlineFindings(envName: string, found: FileFindings[], texts: ReadonlyMap<string, string>, prefixes: readonly string[]): Promise<string | undefined> {
  // Loaded only for --env: the Prometheus client and its dependencies would otherwise be most of
  // the start-up of a cached re-run (which must take well under a second).
  const { cliEnvironments, prometheusOf } = await import('./environmentPrometheus');
  const { onlineChecks, EnvironmentUnreachable } = await import('../online/onlineChecks');
  const { LINK_CODE } = await import('../alertLinks/linkDiagnostics');
  const root = workspaceRoot(process.cwd());
  const envs = await cliEnvironments(root).catch((e: Error) => ({ file: '', defs: [], errors: [e.message] }));
  if (envs.errors.length) return `${envs.errors.join('\n')}\nfix the environments file first`;
  let client;
  try { client = await prometheusOf(envs.defs.find((d) => d.name === envName), envName, root); } catch (e) { return (e as Error).message; }
  if (typeof client === 'string') return `${client}: no online check ran`;
  try {
    const online = await onlineChecks(client, envName, found.map((f) => ({ text: texts.get(f.path) ?? '', metrics: f.metrics ?? [] })), { root, runbooks: found.map((f) => f.path), prefixes });
    const perFile = online.perFile.map((d) => [...d]);
    const envFindings: Diagnostic[] = [];
    for (const l of online.liveLinks) {
      // A missing heading is the runbook's finding (on its first line); a missing runbook has no
      // file of its own, so it goes on the environment the rule was found in.
      const i = l.runbook ? found.findIndex((f) => resolve(f.path) === l.runbook) : -1;
      const d = liveLinkDiagnostic(l, envName, LINK_CODE, i >= 0 ? undefined : envLine(envs.file, envName));
      if (i >= 0) perFile[i]!.push(d); else envFindings.push(d);
    }
    found.forEach((f, i) => {
      if (perFile[i]!.length) f.diagnostics = [...f.diagnostics, ...perFile[i]!].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    });
    if (envFindings.length) found.push({ path: relative(process.cwd(), envs.file) || envs.file, diagnostics: envFindings });
    return undefined;
  } catch (e) {
    if (e instanceof EnvironmentUnreachable) return e.message;
    throw e;
  } finally {
    await client.close();
  }
}

function liveLinkDiagnostic(l: BrokenLiveLink, envName: string, code: string, line = 0): Diagnostic {
  return {
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    severity: DiagnosticSeverity.Warning, code, source: 'runbook',
    message: `Alert ${l.alert}, loaded in ${envName}'s Prometheus: ${l.problem}`,
  };
}

/** The line naming the environment in the environments file (0-based), else 0. */
function envLine(file: string, envName: string): number {
  let text = '';
  try { text = readFileSync(file, 'utf8'); } catch { return 0; }
  const i = text.split('\n').findIndex((l) => new RegExp(`^\\s+["']?${envName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*:`).test(l));
  return Math.max(0, i);
}
