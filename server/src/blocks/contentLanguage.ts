// What a block's content is, judged by its shape rather than by a parse error: a ```bash block
// that holds JSON, YAML, a logrotate/nginx config or program output should be re-tagged, and
// `bash -n` failing says nothing about which of these it is. PromQL and console HTTP requests
// (`GET _search` and a JSON body) pasted under a shell tag are recognised too.
import { parseDocument } from 'yaml';
import { consoleRequests } from './consoleRequests';
import { isJsonFragment } from './jsonFragment';
import { isJsonDocument, looksLikeJson } from './jsonLike';
import { looksLikePromql } from './promqlLooking';
import { maskYamlElisions } from './yamlSyntax';
import { isCommandLine, looksLikeShell } from './shellLooking';

export type ContentKind = 'json' | 'yaml' | 'config' | 'output' | 'promql' | 'http' | 'shell' | 'unknown';

/** Kinds that are not shell at all: a shell-tagged block of these gets no shell checks. */
export const foreignKinds: ReadonlySet<ContentKind> = new Set(['json', 'yaml', 'config', 'output', 'promql', 'http']);

export interface ContentGuess {
  kind: ContentKind;
  /** Info string to offer in a quick fix. */
  infoString: string;
  /** How to name it in a message: "JSON", "a logrotate/nginx-style config"... */
  label: string;
}

const reservedWords = new Set(['function', 'if', 'then', 'else', 'elif', 'for', 'while', 'until', 'do', 'case', 'select', 'time', '{']);
const configHeader = /^([^\s{}()=;|&$`'"]+(?:[ \t]+[^\s{}()=;|&$`'"]+)*)[ \t]*\{[ \t]*$/;
const directive = /^[ \t]*(?:[A-Za-z_][\w.-]*(?:[ \t]+[^\s|&;<>`]+)*[ \t]*;?|\}|[^\s{}]+(?:[ \t]+[^\s{}]+)*[ \t]*\{)[ \t]*$/;

const outputLine = [
  /^(?:=== RUN|--- (?:PASS|FAIL|SKIP)|PASS$|FAIL\s|ok\s+\S+\s+[\d.]+s)/,
  /^(?:INFO|WARN|WARNING|ERROR|DEBUG|TRACE|FATAL)[\[:\s]/,
  /^\[?\d{4}-\d\d-\d\d[T ]\d\d:\d\d/,
  /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d /,
  /^HTTP\/\d(?:\.\d)? \d{3}\b/,
  // A `kubectl get`-style table header: upper-case columns two or more spaces apart.
  /^[A-Z][A-Z_-]+(?: {2,}[A-Z][A-Z_() %-]*)+\s*$/,
  /^(?:Error|error|Warning|fatal): /,
  /^Error from server\b/,
  /^No resources found\b/,
  // `ls -l`: a mode string, a link count, owner and group; and its `total 48` line.
  /^[-dlcbps][rwxsStT-]{9}[.+@]?\s+\d+\s+\S+\s+\S+\s+/,
  /^total \d+$/,
  // Health and count summaries (`HEALTH_WARN 3 full osd(s)`, `2 pool(s) have no replicas`).
  /^HEALTH_(?:OK|WARN|ERR)\b/,
  /^\d+ [\w -]+\(s\)/,
];

/**
 * Shapes only output has, wherever they are in the block: column-aligned rows (three gaps of two
 * or more spaces), `----  ------` separators and `+----+` borders, `Key:   value` padding, and
 * kubectl's one-line results (`pod "cache-0" deleted`).
 */
const strongOutput = [
  ...outputLine,
  /\S {2,}\S.*\S {2,}\S.*\S {2,}\S/,
  /^\s*-{3,}(?:\s+-{3,})+\s*$/,
  /^\s*\+-{3,}[-+]*\+\s*$/,
  /^\s*[A-Za-z][\w .()-]*:[ \t]{2,}\S/,
  /^\s*\d+ [\w -]+\(s\)/,
  /\bHEALTH_(?:OK|WARN|ERR)\b/,
  /^[\w.-]+(?:\/[\w.-]+| "[^"]+") (?:created|deleted|configured|unchanged|patched|labeled|annotated|scaled|restarted|cordoned|uncordoned|drained|evicted|rolled back|exposed)$/,
];

const cronLine = /^\s*(?:@(?:reboot|yearly|annually|monthly|weekly|daily|hourly)|(?:[\d*][\d*/,-]*\s+){4}[\d*A-Za-z][\d*/,A-Za-z-]*)\s+\S/;

function significantLines(body: string): string[] {
  return body.split('\n').filter((l) => l.trim() !== '' && !/^\s*#/.test(l));
}

function isConfig(lines: string[]): boolean {
  const first = lines[0]?.trim() ?? '';
  const m = configHeader.exec(first);
  if (!m || reservedWords.has(m[1].split(/\s+/)[0])) return false;
  if (lines[lines.length - 1].trim() !== '}') return false;
  const inner = lines.slice(1, -1);
  const ok = inner.filter((l) => directive.test(l)).length;
  return inner.length > 0 && ok / inner.length >= 0.8;
}

/** `[Unit]` / `[section]` headers and `Key=value` lines: a systemd unit, an INI or .conf file. */
function isIni(lines: string[]): boolean {
  const section = /^\s*\[[\w .:"-]+\]\s*$/;
  if (!section.test(lines[0]) || lines.length < 2) return false;
  return lines.every((l) => section.test(l) || /^\s*[\w.-]+\s*=\s*\S?/.test(l) || /^\s*;/.test(l));
}

function isYamlMap(body: string, lines: string[]): { yes: boolean; spacedKeys: boolean } {
  const keyLine = /^\s*(?:-\s+)?(["']?)[\w./-][\w ./-]*\1:(?:\s|$)/;
  const keyLines = lines.filter((l) => keyLine.test(l));
  if (keyLines.length < 2) return { yes: false, spacedKeys: false };
  // `...` lines elide part of the document (kubectl output cut short); they are read as comments.
  const shaped = lines.every((l) => keyLine.test(l) || /^\s+\S/.test(l) || /^\s*-\s/.test(l) || /^\s*(?:\.{3,}|…)\s*$/.test(l));
  if (!shaped) return { yes: false, spacedKeys: false };
  const doc = parseDocument(maskYamlElisions(body).masked);
  const value: unknown = doc.errors.length ? undefined : doc.toJS();
  const yes = !!value && typeof value === 'object';
  const spacedKeys = keyLines.some((l) => /^\s*[A-Za-z][\w-]* [\w ]*:/.test(l));
  return { yes, spacedKeys };
}

/**
 * Output that starts with no tell-tale first line (`  cluster:` of `ceph status`, `Events:` of
 * `kubectl describe`, a `df -h` table): no line reads as a command, most lines are shaped like
 * output, and at least one has a shape only output has.
 */
function isUnpromptedOutput(lines: string[], body: string): boolean {
  const outputish = (l: string) => strongOutput.some((re) => re.test(l)) || /^\s+\S/.test(l) || / {2,}\S/.test(l) || /^\s*[\w.-]+:(?:\s|$)/.test(l);
  const strong = (l: string) => strongOutput.some((re) => re.test(l));
  // A row that starts with a path (`/dev/sda1   50G …`) is still a row.
  if (!outputish(lines[0]) || lines.some((l) => isCommandLine(l) && !strong(l))) return false;
  if (lines.filter(outputish).length / lines.length < 0.6) return false;
  return lines.some(strong) && !looksLikeShell(body);
}

export function guessContentLanguage(body: string): ContentGuess {
  const lines = significantLines(body);
  if (!lines.length) return { kind: 'unknown', infoString: '', label: 'empty' };
  if (isJsonDocument(body) || looksLikeJson(body) || isJsonFragment(body)) return { kind: 'json', infoString: 'json', label: 'JSON' };
  if (consoleRequests(body)) return { kind: 'http', infoString: 'http', label: 'a console HTTP request (as in Kibana Dev Tools)' };
  if (isConfig(lines)) {
    const nginx = lines.slice(1, -1).some((l) => /;\s*$/.test(l));
    return { kind: 'config', infoString: nginx ? 'nginx' : 'conf', label: 'a logrotate/nginx-style config' };
  }
  if (lines.every((l) => cronLine.test(l))) return { kind: 'config', infoString: 'crontab', label: 'a crontab entry' };
  if (isIni(lines)) return { kind: 'config', infoString: 'ini', label: 'an INI file or systemd unit' };
  if (outputLine.some((re) => re.test(lines[0]))) {
    const outputish = lines.filter((l) => outputLine.some((re) => re.test(l)) || /^\s+\S/.test(l) || / {2,}\S/.test(l));
    if (outputish.length / lines.length >= 0.6 && !looksLikeShell(body)) {
      return { kind: 'output', infoString: 'text', label: 'program output' };
    }
  }
  const yaml = isYamlMap(body, lines);
  if (yaml.yes) {
    // Status output can happen to parse as YAML (`ceph status`): health words and counts say which.
    const statusOutput = lines.some((l) => /\bHEALTH_(?:OK|WARN|ERR)\b|^\s*\d+ [\w -]+\(s\)|\S {2,}\S.*\S {2,}\S.*\S {2,}\S/.test(l));
    return yaml.spacedKeys || statusOutput
      ? { kind: 'output', infoString: 'text', label: 'program output' }
      : { kind: 'yaml', infoString: 'yaml', label: 'YAML' };
  }
  if (isUnpromptedOutput(lines, body)) return { kind: 'output', infoString: 'text', label: 'program output' };
  if (looksLikeShell(body)) return { kind: 'shell', infoString: 'bash', label: 'shell' };
  if (looksLikePromql(body)) return { kind: 'promql', infoString: 'promql', label: 'a PromQL query' };
  return { kind: 'unknown', infoString: '', label: 'unknown' };
}
