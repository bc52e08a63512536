#!/usr/bin/env node
// Property-based fuzzing of the analysis pipeline (see test/fuzz). Arguments pass through:
//   npm run fuzz -- --cases 100000 [--seed S] [--workers W] [--path P] [--slow] [--no-shrink]
// --workers W splits the cases over W processes (one per core); worker i uses seed S+i, so each
// share replays on its own with the seed it prints. The last line adds the shares up.
import { spawn } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const argv = process.argv.slice(2);
const valueOf = (name) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : undefined; };
const without = (args, name) => { const i = args.indexOf(`--${name}`); return i >= 0 ? [...args.slice(0, i), ...args.slice(i + 2)] : args; };

function run(args, prefix) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fuzz/main.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let last = '';
    const relay = (stream, out) => {
      let buf = '';
      stream.on('data', (d) => {
        buf += d;
        const lines = buf.split('\n');
        buf = lines.pop();
        for (const l of lines) { out.write(`${prefix}${l}\n`); if (l.startsWith('cases: ')) last = l; }
      });
    };
    relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    child.on('close', (code) => {
      const m = /^cases: (\d+), failures: (\d+)/.exec(last);
      resolve({ code: code ?? 1, cases: m ? Number(m[1]) : 0, failures: m ? Number(m[2]) : 1 });
    });
  });
}

const workers = Math.max(1, Number(valueOf('workers') ?? 1));
const base = without(argv, 'workers');
if (workers === 1) {
  const r = await run(base, '');
  process.exit(r.code);
}
const cases = Number(valueOf('cases') ?? 1000);
const seed = Number(valueOf('seed') ?? Date.now() % 2 ** 31);
const started = Date.now();
const shares = await Promise.all(Array.from({ length: workers }, (_, i) => {
  const n = Math.floor(cases / workers) + (i < cases % workers ? 1 : 0);
  const args = [...without(without(base, 'cases'), 'seed'), '--cases', String(n), '--seed', String(seed + i)];
  return run(args, `[worker ${i}] `);
}));
const total = shares.reduce((a, s) => a + s.cases, 0);
const failures = shares.reduce((a, s) => a + s.failures, 0);
const secs = (Date.now() - started) / 1000;
console.log(`cases: ${total}, failures: ${failures} (${workers} workers, seeds ${seed}..${seed + workers - 1}, ${secs.toFixed(1)} s)`);
process.exit(shares.every((s) => s.code === 0) ? 0 : 1);
