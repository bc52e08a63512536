// Reads `target:` of an environment in environments.yaml, reporting what is wrong where it is
// written. The file's other keys are read by environments/load.ts, which calls this.
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { DEFAULT_CONCURRENCY, type FleetTarget, type KubectlTarget, type SshTarget, type TargetDef } from './types';
import { sshOptionVerdict } from './sshOptions';
import { HOST_RE, USER_RE, jumpProblem, parseHostSpec } from './hostSpec';
import { isCanary } from './types';

export type Report = (node: Node | null | undefined, message: string, severity?: DiagnosticSeverity) => void;

const SSH_KEYS = ['host', 'user', 'port', 'jump', 'options'];
const KUBECTL_KEYS = ['context', 'namespace', 'pod', 'selector', 'container'];
const FLEET_KEYS = ['hosts', 'inventory', 'ssh', 'concurrency', 'canary', 'onHostFailure'];
const K8S_NAME_RE = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const SELECTOR_RE = /^[A-Za-z0-9_./-]+(?:\s*(?:=|==|!=)\s*[A-Za-z0-9_.-]*)?(?:\s*,\s*[A-Za-z0-9_./-]+(?:\s*(?:=|==|!=)\s*[A-Za-z0-9_.-]*)?)*$/;

const keyOf = (p: Pair<Node, Node>) => (isScalar(p.key) ? String(p.key.value) : String(p.key));
const str = (v: Node | null | undefined): string | undefined => (isScalar(v) && v.value !== null && typeof v.value !== 'object' ? String(v.value) : undefined);

/**
 * The target. One with an error is `invalid`, never `local`: a step meant for a remote host
 * must not run on this machine because of a typo.
 */
export function readTarget(v: Node | null, keyNode: Node, report: Report): TargetDef {
  return readAny(v, keyNode, report) ?? { kind: 'invalid', reason: 'its `target:` has errors (see .runbook/environments.yaml)' };
}

function readAny(v: Node | null, keyNode: Node, report: Report): TargetDef | undefined {
  if (isScalar(v) && v.value === 'local') return { kind: 'local' };
  if (!isMap(v)) { report(v ?? keyNode, '`target` must be `local`, `{ssh: …}`, `{kubectl: …}` or a fleet `{hosts: […]}` / `{inventory: file}`.'); return undefined; }
  const keys = (v.items as Pair<Node, Node>[]).map(keyOf);
  if (keys.includes('hosts') || keys.includes('inventory')) return readFleet(v as YAMLMap<Node, Node>, report);
  if (keys.length !== 1 || (keys[0] !== 'ssh' && keys[0] !== 'kubectl')) {
    report(v, '`target` needs exactly one of `ssh`, `kubectl`, or a fleet (`hosts` or `inventory`).');
    return undefined;
  }
  const inner = (v.items[0] as Pair<Node, Node>).value;
  return keys[0] === 'ssh' ? readSsh(inner, keyNode, report, true) : readKubectl(inner, keyNode, report);
}

/** An ssh target; with `needHost` false, the defaults of a fleet (no host). */
function readSsh(v: Node | null, at: Node, report: Report, needHost: boolean): SshTarget | undefined {
  if (needHost && isScalar(v)) return fromSpec(v, report);
  if (!isMap(v)) { report(v ?? at, needHost ? '`ssh` must be `{host, user?, port?, jump?, options?}` or `user@host:port`.' : '`ssh` must be `{user?, port?, jump?, options?}`.'); return undefined; }
  const t: SshTarget = { kind: 'ssh', host: '', options: {} };
  let ok = true;
  const bad = (node: Node | null | undefined, m: string) => { report(node, m); ok = false; };
  for (const p of v.items as Pair<Node, Node>[]) {
    const key = keyOf(p), val = p.value, s = str(val);
    if (key === 'host' && needHost) { if (s && HOST_RE.test(s)) t.host = s; else bad(val ?? p.key, `\`${s ?? ''}\` is not a host name or address.`); }
    else if (key === 'user') { if (s && USER_RE.test(s)) t.user = s; else bad(val ?? p.key, `\`${s ?? ''}\` is not a user name.`); }
    else if (key === 'port') { const n = Number(s); if (Number.isInteger(n) && n >= 1 && n <= 65535) t.port = n; else bad(val ?? p.key, '`port` must be a number from 1 to 65535.'); }
    else if (key === 'jump') { const problem = s ? jumpProblem(s) : '`jump` must be `[user@]host[:port]`.'; if (problem) bad(val ?? p.key, problem); else t.jump = s; }
    else if (key === 'options') readOptions(val, p.key, t, report, () => { ok = false; });
    else report(p.key, `Unknown key \`${key}\` in \`ssh\`. Expected one of: ${SSH_KEYS.filter((k) => needHost || k !== 'host').join(', ')}.`, DiagnosticSeverity.Warning);
  }
  if (needHost && !t.host && ok) bad(v, '`ssh` needs a `host`.');
  return ok ? t : undefined;
}

function readOptions(v: Node | null, at: Node, t: SshTarget, report: Report, fail: () => void): void {
  if (!isMap(v)) { report(v ?? at, '`options` must map ssh option names to values.'); fail(); return; }
  for (const p of v.items as Pair<Node, Node>[]) {
    const verdict = sshOptionVerdict(keyOf(p), str(p.value) ?? '');
    if (!verdict.ok) { report(p.key, verdict.reason); fail(); continue; }
    if (verdict.warning) report(p.value, verdict.warning, DiagnosticSeverity.Warning);
    t.options[verdict.name] = str(p.value)!.trim();
  }
}

function fromSpec(v: Node, report: Report): SshTarget | undefined {
  const spec = parseHostSpec(str(v) ?? '');
  if (typeof spec === 'string') { report(v, spec); return undefined; }
  return { kind: 'ssh', ...spec, options: {} };
}

function readKubectl(v: Node | null, at: Node, report: Report): KubectlTarget | undefined {
  if (!isMap(v)) { report(v ?? at, '`kubectl` must be `{context?, namespace, pod | selector, container?}`.'); return undefined; }
  const t: Partial<KubectlTarget> = { kind: 'kubectl' };
  let ok = true;
  for (const p of v.items as Pair<Node, Node>[]) {
    const key = keyOf(p), s = str(p.value);
    if (!KUBECTL_KEYS.includes(key)) { report(p.key, `Unknown key \`${key}\` in \`kubectl\`. Expected one of: ${KUBECTL_KEYS.join(', ')}.`, DiagnosticSeverity.Warning); continue; }
    const valid = key === 'selector' ? s !== undefined && SELECTOR_RE.test(s) : key === 'context' ? s !== undefined && /^[^\s-][^\s]*$/.test(s) : s !== undefined && K8S_NAME_RE.test(s);
    if (!valid) { report(p.value ?? p.key, `\`${s ?? ''}\` is not a valid ${key === 'selector' ? 'label selector (`app=api,tier!=db`)' : `${key} name`}.`); ok = false; continue; }
    (t as Record<string, string>)[key] = s!;
  }
  if (!t.namespace) { report(v, '`kubectl` needs a `namespace` (steps must never land in whatever namespace the context defaults to).'); ok = false; }
  if (!!t.pod === !!t.selector) { report(v, '`kubectl` needs exactly one of `pod` and `selector`.'); ok = false; }
  return ok ? (t as KubectlTarget) : undefined;
}

function readFleet(v: YAMLMap<Node, Node>, report: Report): FleetTarget | undefined {
  const f: FleetTarget = { kind: 'fleet', hosts: [], defaults: { options: {} }, concurrency: DEFAULT_CONCURRENCY, onHostFailure: 'stop' };
  let ok = true;
  const bad = (node: Node | null | undefined, m: string) => { report(node, m); ok = false; };
  for (const p of v.items as Pair<Node, Node>[]) {
    const key = keyOf(p), val = p.value, s = str(val);
    if (key === 'hosts') {
      if (!isSeq(val)) { bad(val ?? p.key, '`hosts` must be a list of `[user@]host[:port]` or `{host, user?, port?, jump?, options?}`.'); continue; }
      for (const item of val.items as Node[]) {
        const h = isMap(item) ? readSsh(item, p.key, report, true) : fromSpec(item, report);
        if (h) f.hosts.push(h); else ok = false;
      }
    } else if (key === 'inventory') { if (s && !s.includes('\0')) f.inventory = s; else bad(val ?? p.key, '`inventory` must be a file path.'); }
    else if (key === 'ssh') { const d = readSsh(val, p.key, report, false); if (d) { const { kind: _k, host: _h, ...rest } = d; f.defaults = rest; } else ok = false; }
    else if (key === 'concurrency') { const n = Number(s); if (Number.isInteger(n) && n >= 1 && n <= 100) f.concurrency = n; else bad(val ?? p.key, '`concurrency` must be a whole number from 1 to 100.'); }
    else if (key === 'canary') { if (s && typeof parseHostSpec(s) !== 'string') f.canary = s; else bad(val ?? p.key, '`canary` must name one of the hosts (`host`, or `host:port` when several share a name).'); }
    else if (key === 'onHostFailure') { if (s === 'stop' || s === 'continue') f.onHostFailure = s; else bad(val ?? p.key, '`onHostFailure` must be `stop` or `continue`.'); }
    else report(p.key, `Unknown key \`${key}\` in a fleet target. Expected one of: ${FLEET_KEYS.join(', ')}.`, DiagnosticSeverity.Warning);
  }
  const names = f.hosts.map((h) => h.host);
  const dup = names.find((n, i) => names.indexOf(n) !== i && f.hosts[i].port === f.hosts[names.indexOf(n)].port);
  if (dup) bad(v, `Host \`${dup}\` is listed twice: each step would run on it twice.`);
  if (f.canary && !f.inventory && !f.hosts.some((h) => isCanary(h, f.canary!))) bad(v, `Canary \`${f.canary}\` is not one of the hosts.`);
  if (!f.hosts.length && !f.inventory && ok) bad(v, 'A fleet needs `hosts` or an `inventory` file.');
  return ok ? f : undefined;
}
