// Parses `.runbook/environments.yaml` into environment definitions plus diagnostics with ranges,
// so the same code serves the CLI (which prints them) and the language server (which shows them).
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { EnvironmentDef, EnvironmentsFile, PrometheusDef } from './types';
import { fileVariableVerdict } from './sessionVariables';
import { internalAddress } from './internalAddress';
import { readTarget } from '../targets/parse';
import { readChoices } from '../targets/choicesParse';

export const ENVIRONMENTS_FILE = '.runbook/environments.yaml';
/** A file that lists environments is a few KB; 28 MB of YAML took 10 s and 1.3 GB to parse. */
export const MAX_ENVIRONMENTS_FILE_BYTES = 1024 * 1024;

const ENV_KEYS = ['variables', 'prometheus', 'alertmanager', 'cwd', 'shell', 'protected', 'secrets', 'target', 'choices'];
const PROM_KEYS = ['url', 'headers', 'auth'];
const AUTH_KEYS = ['bearer', 'basic'];
const BASIC_KEYS = ['username', 'password'];
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const VAR_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface ParsedEnvironments extends EnvironmentsFile {
  diagnostics: Diagnostic[];
}

export function parseEnvironments(text: string): ParsedEnvironments {
  if (text.length > MAX_ENVIRONMENTS_FILE_BYTES) return tooLargeEnvironments(text.length);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false, prettyErrors: false });
  const diagnostics: Diagnostic[] = [];
  const range = (node: { range?: [number, number, number] | null } | null | undefined): Range => {
    const [s, e] = node?.range ?? [0, 0, 0];
    const a = lc.linePos(s), b = lc.linePos(e);
    return { start: { line: a.line - 1, character: a.col - 1 }, end: { line: b.line - 1, character: b.col - 1 } };
  };
  const report = (node: Node | null | undefined, message: string, severity: DiagnosticSeverity = DiagnosticSeverity.Error) =>
    diagnostics.push({ range: range(node), message, severity, source: 'runbook', code: 'environments' });

  for (const err of doc.errors) {
    const s = lc.linePos(err.pos[0]), e = lc.linePos(err.pos[1]);
    diagnostics.push({
      range: { start: { line: s.line - 1, character: s.col - 1 }, end: { line: e.line - 1, character: e.col - 1 } },
      message: `YAML: ${err.message.split('\n')[0]}`, severity: DiagnosticSeverity.Error, source: 'runbook', code: 'environments',
    });
  }
  const out: ParsedEnvironments = { environments: [], diagnostics };
  const root = doc.contents;
  if (root == null) return out;
  if (!isMap(root)) { report(root as Node, 'The environments file must be a mapping with an `environments:` key.'); return out; }

  for (const pair of root.items as Pair<Node, Node>[]) {
    const key = keyOf(pair);
    if (key === 'environments') {
      if (isMap(pair.value)) readEnvironments(pair.value as YAMLMap<Node, Node>, out, report);
      else if (pair.value != null) report(pair.value, '`environments` must map environment names to their settings.');
    } else if (key === 'default') {
      if (isScalar(pair.value) && typeof pair.value.value === 'string') out.default = pair.value.value;
      else report(pair.value ?? pair.key, '`default` must be an environment name.');
    } else report(pair.key, `Unknown key \`${key}\`. Expected \`environments\` or \`default\`.`, DiagnosticSeverity.Warning);
  }
  if (out.default && !out.environments.some((e) => e.name === out.default) && out.default !== 'local') {
    const node = root.items.find((p) => keyOf(p as Pair<Node, Node>) === 'default')?.value as Node;
    report(node, `Default environment \`${out.default}\` is not defined.`);
  }
  return out;
}

type Report = (node: Node | null | undefined, message: string, severity?: DiagnosticSeverity) => void;

function keyOf(pair: Pair<Node, Node>): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

function readEnvironments(map: YAMLMap<Node, Node>, out: ParsedEnvironments, report: Report): void {
  const seen = new Set<string>();
  for (const pair of map.items) {
    const name = keyOf(pair);
    if (seen.has(name)) { report(pair.key, `Duplicate environment name \`${name}\`.`); continue; }
    seen.add(name);
    if (!NAME_RE.test(name)) report(pair.key, `Environment name \`${name}\` should be letters, digits, '.', '_' or '-'.`);
    const env: EnvironmentDef = { name, variables: {}, shell: 'bash', protected: false, secrets: [], target: { kind: 'local' } };
    if (pair.value != null && !isMap(pair.value)) { report(pair.value, `Environment \`${name}\` must be a mapping.`); continue; }
    for (const p of ((pair.value as YAMLMap<Node, Node> | null)?.items ?? [])) readEnvKey(env, p, report);
    out.environments.push(env);
  }
}

function readEnvKey(env: EnvironmentDef, p: Pair<Node, Node>, report: Report): void {
  const key = keyOf(p), v = p.value;
  switch (key) {
    case 'variables':
      if (!isMap(v)) { report(v ?? p.key, '`variables` must map names to values.'); return; }
      for (const vp of v.items as Pair<Node, Node>[]) {
        const name = keyOf(vp);
        // Invalid names (`BASH_FUNC_x%%` would become a function that shadows a reviewed command)
        // and names that change how the shell itself starts or runs are reported and never exported.
        if (!VAR_RE.test(name)) { report(vp.key, `\`${name}\` is not a valid shell variable name, so it is not exported.`); continue; }
        const verdict = fileVariableVerdict(name);
        if (verdict.refused) { report(vp.key, verdict.reason); continue; }
        if (verdict.warning) report(vp.key, verdict.warning, DiagnosticSeverity.Warning);
        if (isScalar(vp.value) && vp.value.value !== null && typeof vp.value.value !== 'object') env.variables[name] = String(vp.value.value);
        else report(vp.value ?? vp.key, `Variable \`${name}\` must have a scalar value.`);
      }
      return;
    case 'prometheus': {
      const prom = readPrometheus(v, report);
      if (prom) env.prometheus = prom;
      return;
    }
    case 'alertmanager': {
      // The same shape as `prometheus:`: URL, headers, auth by secret name.
      const am = readPrometheus(v, report, 'alertmanager');
      if (am) env.alertmanager = am;
      return;
    }
    case 'cwd':
      if (isScalar(v) && typeof v.value === 'string') env.cwd = v.value; else report(v ?? p.key, '`cwd` must be a path.');
      return;
    case 'shell':
      if (isScalar(v) && (v.value === 'bash' || v.value === 'pwsh')) env.shell = v.value;
      else report(v ?? p.key, '`shell` must be `bash` or `pwsh`.');
      return;
    case 'protected':
      if (isScalar(v) && typeof v.value === 'boolean') env.protected = v.value; else report(v ?? p.key, '`protected` must be true or false.');
      return;
    case 'secrets':
      if (!isSeq(v)) { report(v ?? p.key, '`secrets` must be a list of variable names.'); return; }
      for (const item of v.items as Node[]) {
        const s = isScalar(item) ? String(item.value) : '';
        if (VAR_RE.test(s)) env.secrets.push(s); else report(item, `Secret \`${s}\` is not a valid variable name.`);
      }
      return;
    case 'target':
      env.target = readTarget(v, p.key, report);
      return;
    case 'choices':
      env.choices = readChoices(v, p.key, report);
      return;
    default:
      report(p.key, `Unknown key \`${key}\` in environment \`${env.name}\`. Expected one of: ${ENV_KEYS.join(', ')}.`, DiagnosticSeverity.Warning);
  }
}

function readPrometheus(v: Node | null, report: Report, key: 'prometheus' | 'alertmanager' = 'prometheus'): PrometheusDef | undefined {
  const what = key === 'prometheus' ? 'Prometheus' : 'Alertmanager';
  const checkUrl = (node: Node, url: unknown): string | undefined => {
    if (typeof url === 'string' && isHttpUrl(url)) {
      const internal = internalAddress(url);
      if (internal) report(node, `This ${what} URL points inside the machine's network: ${internal}. ${key === 'prometheus' ? 'Hovers send queries' : 'Lenses ask for silences'} (and credentials) there.`, DiagnosticSeverity.Warning);
      return url;
    }
    report(node, `\`${String(url)}\` is not an http(s) URL.`);
    return undefined;
  };
  if (isScalar(v)) { const url = checkUrl(v, v.value); return url ? { url } : undefined; }
  if (!isMap(v)) { report(v, `\`${key}\` must be a URL or \`{url, headers, auth}\`.`); return undefined; }
  const def: Partial<PrometheusDef> = {};
  for (const p of v.items as Pair<Node, Node>[]) {
    const k = keyOf(p), val = p.value;
    if (k === 'url') def.url = checkUrl(val ?? p.key, isScalar(val) ? val.value : val);
    else if (k === 'headers') {
      if (!isMap(val)) { report(val ?? p.key, '`headers` must map header names to values.'); continue; }
      def.headers = {};
      for (const hp of val.items as Pair<Node, Node>[]) def.headers[keyOf(hp)] = isScalar(hp.value) ? String(hp.value.value) : '';
    } else if (k === 'auth') def.auth = readAuth(val, report);
    else report(p.key, `Unknown key \`${k}\` in \`${key}\`. Expected one of: ${PROM_KEYS.join(', ')}.`, DiagnosticSeverity.Warning);
  }
  if (!def.url) { if (!v.items.some((p) => keyOf(p as Pair<Node, Node>) === 'url')) report(v, `\`${key}\` needs a \`url\`.`); return undefined; }
  return def as PrometheusDef;
}

function readAuth(v: Node | null, report: Report): PrometheusDef['auth'] {
  if (!isMap(v)) { report(v, '`auth` must be `{bearer: SECRET}` or `{basic: {username, password: SECRET}}`.'); return undefined; }
  const auth: NonNullable<PrometheusDef['auth']> = {};
  for (const p of v.items as Pair<Node, Node>[]) {
    const key = keyOf(p), val = p.value;
    if (key === 'bearer') {
      if (isScalar(val) && VAR_RE.test(String(val.value))) auth.bearer = String(val.value);
      else report(val ?? p.key, '`bearer` must name a secret (a variable listed in `secrets`).');
    } else if (key === 'basic') {
      if (!isMap(val)) { report(val ?? p.key, '`basic` must be `{username, password}`.'); continue; }
      const b: Record<string, string> = {};
      for (const bp of val.items as Pair<Node, Node>[]) {
        const k = keyOf(bp);
        if (!BASIC_KEYS.includes(k)) report(bp.key, `Unknown key \`${k}\` in \`basic\`. Expected username, password.`, DiagnosticSeverity.Warning);
        else b[k] = isScalar(bp.value) ? String(bp.value.value) : '';
      }
      if (b.username && b.password && VAR_RE.test(b.password)) auth.basic = { username: b.username, password: b.password };
      else report(val, '`basic` needs `username` and `password` (the name of a secret).');
    } else report(p.key, `Unknown key \`${key}\` in \`auth\`. Expected one of: ${AUTH_KEYS.join(', ')}.`, DiagnosticSeverity.Warning);
  }
  return auth;
}

export function isHttpUrl(s: string): boolean {
  try { const u = new URL(s); return (u.protocol === 'http:' || u.protocol === 'https:') && !!u.hostname; } catch { return false; }
}

/** The whole file is refused: a partial read could drop `protected: true` from an environment. */
export function tooLargeEnvironments(size: number): ParsedEnvironments {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return {
    environments: [],
    diagnostics: [{
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Error, source: 'runbook', code: 'environments',
      message: `${ENVIRONMENTS_FILE} is ${mb(size)}, over the ${mb(MAX_ENVIRONMENTS_FILE_BYTES)} limit: it is not read. An environments file lists a few environments; keep data elsewhere.`,
    }],
  };
}
