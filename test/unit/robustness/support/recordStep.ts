// Runs one shell step through the real engine with run records in argv[2], and prints the
// result as JSON. Spawned by recordsFaults.test.ts inside a private mount namespace, where the
// records folder sits on a full or read-only tmpfs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunEngine } from '../../../../server/src/run/engine';
import { RunRecorder } from '../../../../server/src/run/records';
import { resolveEnvironment } from '../../../../server/src/environments/resolve';

async function main(): Promise<void> {
  const ws = mkdtempSync(join(tmpdir(), 'runbook-fault-'));
  const env = await resolveEnvironment({ name: 'staging', variables: {}, shell: 'bash', protected: false, secrets: [] }, {
    workspaceFolder: ws, baseEnv: { PATH: process.env.PATH, HOME: ws }, secrets: { get: async () => undefined },
  });
  const engine = new RunEngine({ recorder: new RunRecorder(process.argv[2]) });
  try {
    const r = await engine.runStep({ runbook: join(ws, 'rb.md'), block: { index: 0, lang: 'shell', sectionPath: ['Diagnose'] }, command: 'echo hi', env });
    console.log(JSON.stringify({ status: r.status, output: r.output, record: r.record }));
  } finally { await engine.dispose(); }
}

main().catch(e => { console.error(e); process.exit(1); });
