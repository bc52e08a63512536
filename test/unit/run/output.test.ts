import test from 'node:test';
import assert from 'node:assert/strict';
import { newSession } from './helpers';
import { StreamRedactor } from '../../../server/src/run/redact';
import { SentinelScanner } from '../../../server/src/run/sentinel';
import { BoundedCapture } from '../../../server/src/run/capture';

test('200 MB of output stays in bounded memory and the capture is truncated', async () => {
  const { s } = newSession({ collect: false });
  let streamed = 0;
  s.on('output', (t: string) => { streamed += t.length; });
  try {
    global.gc?.();
    const base = process.memoryUsage().rss;
    let peak = base;
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
    const r = await s.run("yes 'a line of output from a chatty command 0123456789' | head -c 200000000; echo; echo last-line", { captureLimit: 64 * 1024 });
    clearInterval(sampler);
    assert.equal(r.status, 'ok');
    assert.ok(streamed >= 200_000_000, `all output streamed (${streamed})`);
    assert.equal(r.truncated, true);
    assert.ok(r.output.length < 64 * 1024 + 200, `capture is bounded (${r.output.length})`);
    assert.match(r.output, /characters truncated/);
    assert.match(r.output, /last-line\n$/);
    assert.ok(r.output.startsWith('a line of output'));
    const grewMb = (peak - base) / 1024 / 1024;
    assert.ok(grewMb < 100, `memory grew by ${grewMb.toFixed(0)} MB`);
  } finally { await s.dispose(); }
});

test('a secret value never reaches the stream or the capture, even split across writes', async () => {
  const secret = 'S3cr3t-T0ken-xyz';
  const { s, stream } = newSession({ env: { API_TOKEN: secret }, secretValues: [secret] });
  try {
    const r = await s.run([
      'echo "token=$API_TOKEN"',
      "printf 'S3cr3t-'; sleep 0.2; printf 'T0ken-xyz\\n'",
      'printf "%s" "$API_TOKEN" | dd bs=3 status=none',
      'echo',
    ].join('\n'));
    assert.equal(r.status, 'ok');
    for (const text of [stream(), r.output]) {
      assert.ok(!text.includes(secret), text);
      assert.ok(!text.includes('T0ken'), text);
    }
    assert.equal(r.output, 'token=***\n***\n***\n');
  } finally { await s.dispose(); }
});

test('redactor masks a secret cut at every possible chunk boundary', () => {
  const secret = 'hunter2-password';
  const text = `before ${secret} middle ${secret}${secret} after`;
  for (let cut = 0; cut <= text.length; cut++) {
    for (const step of [1, 3, 7]) {
      const r = new StreamRedactor([secret]);
      let out = r.push(text.slice(0, cut));
      for (let i = cut; i < text.length; i += step) out += r.push(text.slice(i, i + step));
      out += r.flush();
      assert.equal(out, 'before *** middle ****** after');
    }
  }
});

test('sentinel is found however the chunks split it, and output is never lost', () => {
  const token = '__RUNBOOK_abcdef0123456789';
  const text = `partial__RUN line\n${token}:42\ntrailing`;
  for (let cut = 1; cut < text.length; cut++) {
    const sc = new SentinelScanner(token);
    const a = sc.push(text.slice(0, cut));
    const b = a.exitCode === undefined ? sc.push(text.slice(cut)) : { text: '', exitCode: undefined, rest: '' };
    assert.equal(a.exitCode ?? b.exitCode, 42);
    assert.equal(a.text + b.text, 'partial__RUN line\n');
  }
});

test('bounded capture keeps head and tail and says how much it dropped', () => {
  const c = new BoundedCapture(10);
  for (const ch of 'abcdefghijklmnopqrstuvwxyz') c.push(ch);
  assert.equal(c.truncated, true);
  assert.equal(c.text(), 'abcde\n… [16 characters truncated] …\nvwxyz');
  const small = new BoundedCapture(10);
  small.push('abc');
  assert.equal(small.text(), 'abc');
});
