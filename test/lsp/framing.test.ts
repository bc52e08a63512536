// Broken JSON-RPC framing on stdin: the server must say so and exit (its client restarts it),
// never sit there unable to answer again. Raw bytes, no JSON-RPC library, on the real server.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../..');

function frame(body: unknown, length?: number | string): Buffer {
  const json = Buffer.from(JSON.stringify(body));
  return Buffer.concat([Buffer.from(`Content-Length: ${length ?? json.length}\r\n\r\n`), json]);
}
const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } };
const symbols = (id: number) => ({ jsonrpc: '2.0', id, method: 'textDocument/documentSymbol', params: { textDocument: { uri: 'file:///tmp/none.md' } } });

/**
 * Starts the server, initializes it, then sends `bytes`; resolves with how it ended (or 'alive':
 * still running after `waitMs`, or as soon as every id in `until` is answered, so a slow, loaded
 * machine only makes the test take longer, never fail).
 */
function afterInitialize(bytes: Buffer[], waitMs: number, until?: number[]): Promise<{ code: number | null | 'alive'; stderr: string; answered: number[] }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/src/lsp/main.ts'), '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '', out = '';
  proc.stderr.on('data', (b) => { stderr += b; });
  return new Promise((resolve) => {
    let sent = false;
    const answered = () => [...out.matchAll(/"id":(\d+),"result"/g)].map((m) => Number(m[1]));
    proc.stdout.on('data', (b) => {
      out += b;
      if (until && until.every((id) => answered().includes(id))) { clearTimeout(timer); proc.kill('SIGKILL'); resolve({ code: 'alive', stderr, answered: answered() }); return; }
      if (!sent && answered().includes(1)) {
        sent = true;
        (async () => { for (const b of bytes) { proc.stdin.write(b); await new Promise((r) => setTimeout(r, 5)); } })();
      }
    });
    const timer = setTimeout(() => { proc.kill('SIGKILL'); resolve({ code: 'alive', stderr, answered: answered() }); }, waitMs);
    proc.on('exit', (code) => { clearTimeout(timer); resolve({ code, stderr, answered: answered() }); });
    proc.stdin.write(frame(initialize));
  });
}

const broken: { name: string; bytes: Buffer[]; waitMs?: number }[] = [
  { name: 'a Content-Length that is not a number', bytes: [frame(symbols(2), 'abc'), frame(symbols(3))] },
  { name: 'a Content-Length too short', bytes: [frame(symbols(2), 20), frame(symbols(3))] },
  { name: 'a Content-Length too long, then the next message', bytes: [frame(symbols(2), 200), frame(symbols(3)), frame(symbols(4))] },
  { name: 'a Content-Length of 99,999,999,999 bytes', bytes: [frame(symbols(2), 99_999_999_999)] },
  { name: 'no Content-Length at all', bytes: [Buffer.from('Content-Type: application/json\r\n\r\n{}'), frame(symbols(3))] },
  { name: 'a message cut short, and nothing after it', bytes: [frame(symbols(2), 5000)], waitMs: 20_000 },
];
for (const b of broken) {
  test(`${b.name}: the server logs it and exits, so the client restarts it`, { timeout: 40_000 }, async () => {
    const r = await afterInitialize(b.bytes, b.waitMs ?? 10_000);
    assert.equal(r.code, 1, `ended with ${r.code}; stderr: ${r.stderr}`);
    assert.match(r.stderr, /malformed LSP message framing on stdin/);
  });
}

test('well-formed messages split at every byte are still answered', { timeout: 40_000 }, async () => {
  const bytes = Buffer.concat([frame(symbols(2)), frame(symbols(3))]);
  const r = await afterInitialize([...bytes].map((x) => Buffer.from([x])), 35_000, [1, 2, 3]);
  assert.equal(r.code, 'alive', r.stderr);
  assert.deepEqual(r.answered, [1, 2, 3]);
});
