// The session environment is built from the environment definition (issue 14 fault 2), and an
// environments file cannot steer what a reviewed command runs (issue 19 item 2). Real bash.
import test from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { parseEnvironments } from '../../../server/src/environments/load';
import { environmentList, resolveEnvironment, sessionBaseEnv } from '../../../server/src/environments/resolve';
import { overriddenVariables } from '../../../server/src/environments/sessionVariables';
import { decideStep } from '../../../server/src/run/guardrails';
import { RunEngine } from '../../../server/src/run/engine';
import { scratchDir } from '../run/helpers';

const none = { get: async () => undefined };
const editorEnv = {
  PATH: process.env.PATH, HOME: '/home/sre', LANG: 'C.UTF-8', TERM: 'xterm-256color', USER: 'sre',
  PROMETHEUS_URL: 'http://127.0.0.1:41234', EDITOR_ONLY_TOKEN: 'tok-editor-123', NODE_OPTIONS: '--require /x.js',
};

async function runOn(envName: string, file: string, command: string, baseEnv: NodeJS.ProcessEnv = editorEnv) {
  const ws = scratchDir('runbook-sessenv-');
  const parsed = parseEnvironments(file);
  const def = environmentList(parsed).find((e) => e.name === envName)!;
  const env = await resolveEnvironment(def, { workspaceFolder: ws, baseEnv: sessionBaseEnv(baseEnv), secrets: none });
  const engine = new RunEngine();
  try {
    return await engine.runStep({ runbook: 'rb.md', block: { index: 0, lang: 'shell', sectionPath: [] }, env, command });
  } finally { await engine.dispose(); }
}

const file = [
  'environments:',
  '  staging:',
  '    prometheus: http://prom-staging.internal:9090',
  '  production:',
  '    prometheus: { url: "https://mimir.example.com/prometheus" }',
  '  offline:',
  '    variables: { NS: x }',
].join('\n');

test('a step on each environment sees its own Prometheus URL, never the editor\'s', async () => {
  const print = 'echo "${RUNBOOK_PROMETHEUS_URL:-none} ${PROMETHEUS_URL:-none}"';
  assert.equal((await runOn('staging', file, print)).output, 'http://prom-staging.internal:9090 http://prom-staging.internal:9090\n');
  assert.equal((await runOn('production', file, print)).output, 'https://mimir.example.com/prometheus https://mimir.example.com/prometheus\n');
  // An environment without Prometheus has none: the editor's does not leak in.
  assert.equal((await runOn('offline', file, print)).output, 'none none\n');
  // `local` is the user's own machine: there PROMETHEUS_URL is the user's choice.
  assert.equal((await runOn('local', file, print)).output, 'http://127.0.0.1:41234 http://127.0.0.1:41234\n');
});

test('only the documented set of the editor\'s environment reaches a step', async () => {
  const r = await runOn('staging', file, 'echo "$HOME|$LANG|$TERM|$USER|${EDITOR_ONLY_TOKEN:-unset}|${NODE_OPTIONS:-unset}"; [ -n "$PATH" ] && echo path');
  assert.equal(r.output, '/home/sre|C.UTF-8|xterm-256color|sre|unset|unset\npath\n');
});

test('an environments file cannot set PATH and friends; a reviewed `kubectl` runs the real one', async () => {
  const ws = scratchDir('runbook-pathjack-');
  mkdirSync(join(ws, '.runbook/bin'), { recursive: true });
  const marker = join(ws, 'hijacked');
  writeFileSync(join(ws, '.runbook/bin/kubectl'), `#!/bin/sh\ntouch '${marker}'\n`);
  chmodSync(join(ws, '.runbook/bin/kubectl'), 0o755);
  const refused = ['PATH', 'HOME', 'NODE_OPTIONS', 'LESSOPEN', 'https_proxy', 'HTTP_PROXY', 'POSIXLY_CORRECT', 'BASH_XTRACEFD', 'PYTHONPATH',
    'PERL5LIB', 'GIT_SSH_COMMAND', 'GIT_DIR', 'LD_PRELOAD', 'LD_LIBRARY_PATH', 'BASH_ENV', 'ENV', 'IFS', 'PS4', 'SHELLOPTS', 'PROMETHEUS_URL', 'RUNBOOK_PROMETHEUS_URL'];
  const text = ['environments:', '  staging:', '    variables:', `      PATH: "${ws}/.runbook/bin:/usr/bin:/bin"`,
    ...refused.filter((n) => n !== 'PATH').map((n) => `      ${n}: "x"`), '      KUBECONFIG: ./kubeconfig', '      NS: payments'].join('\n');
  const parsed = parseEnvironments(text);
  const def = parsed.environments[0];
  assert.deepEqual(Object.keys(def.variables).sort(), ['KUBECONFIG', 'NS']);
  for (const n of refused) {
    assert.ok(parsed.diagnostics.some((d) => d.severity === DiagnosticSeverity.Error && d.message.startsWith(`\`${n}\``)), `${n} refused`);
  }
  assert.ok(parsed.diagnostics.some((d) => d.severity === DiagnosticSeverity.Warning && /^`KUBECONFIG`/.test(d.message)), 'KUBECONFIG warned');
  const env = await resolveEnvironment(def, { workspaceFolder: ws, baseEnv: { PATH: process.env.PATH, HOME: ws }, secrets: none });
  const engine = new RunEngine();
  try {
    await engine.runStep({ runbook: 'rb.md', block: { index: 0, lang: 'shell', sectionPath: [] }, env, command: 'kubectl get pods >/dev/null 2>&1; true' });
  } finally { await engine.dispose(); }
  assert.equal(existsSync(marker), false, 'the repository\'s own kubectl ran');
});

test('the run confirmation lists the variables the environment sets over the user\'s own', () => {
  const variables = { KUBECONFIG: './kubeconfig', AWS_PROFILE: 'prod', NS: 'payments' };
  const overrides = overriddenVariables(variables, { AWS_PROFILE: 'me', NS: 'payments' });
  assert.deepEqual(overrides, ['AWS_PROFILE', 'KUBECONFIG']);
  const d = decideStep({ explicit: true, trusted: true, env: { name: 'staging', protected: false }, command: 'kubectl get pods', substituted: false, dangers: [], overrides });
  assert.equal(d.kind, 'confirm');
  assert.match(d.kind === 'confirm' ? d.detail : '', /over your own environment: AWS_PROFILE, KUBECONFIG/);
  const m = decideStep({ explicit: true, trusted: true, env: { name: 'prod', protected: true }, command: 'x', substituted: false, dangers: [], overrides });
  assert.match(m.kind === 'confirm' ? m.detail : '', /KUBECONFIG/);
  assert.deepEqual(decideStep({ explicit: true, trusted: true, env: { name: 's', protected: false }, command: 'x', substituted: false, dangers: [], overrides: [] }), { kind: 'run' });
});
