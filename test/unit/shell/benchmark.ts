// Benchmark (not a test): every shell check on 1,000 blocks, without and with ShellCheck.
// usage: node --import tsx test/unit/shell/benchmark.ts [corpus dir]
// Blocks are the corpus's shell blocks plus the fixtures, cycled and made unique (a trailing
// comment) so that no cache answers for them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel } from '../../../server/src/model/build';
import { blockAnalyzers } from '../../../server/src/analysis/registry';
import { defaultSettings } from '../../../server/src/analysis/settings';
import type { CodeBlock } from '../../../server/src/model/types';

const corpus = process.argv[2] ?? '/work/shared/corpus';
const fixtures = join(__dirname, '../../fixtures/shell');
const sources: CodeBlock[] = [];
for (const dir of [corpus, fixtures].filter(existsSync)) {
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.md'))) {
    sources.push(...buildModel(readFileSync(join(dir, f), 'utf8')).blocks.filter((b) => b.lang === 'shell'));
  }
}
const shellIds = new Set(['shell/syntax', 'shell/placeholders', 'block/language-mismatch', 'command/dangerous', 'shellcheck']);
const blocks = Array.from({ length: 1000 }, (_, i) => {
  const b = sources[i % sources.length];
  return { ...b, body: `${b.body}\n# ${i}` };
});

/** CPU seconds of this process and of its finished children (ShellCheck), from /proc on Linux. */
function cpuSeconds(): number {
  const own = process.cpuUsage();
  let children = 0;
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    children = (Number(fields[13]) + Number(fields[14])) / 100; // cutime + cstime, in clock ticks
  } catch { /* not Linux: own CPU only */ }
  return (own.user + own.system) / 1e6 + children;
}

async function run(withShellcheck: boolean, round: number): Promise<{ wall: number; cpu: number }> {
  const analyzers = blockAnalyzers.filter((a) => shellIds.has(a.id) && (withShellcheck || !a.slow));
  const unique = blocks.map((b) => ({ ...b, body: `${b.body} r${round}${withShellcheck}` }));
  const [t0, c0] = [performance.now(), cpuSeconds()];
  await Promise.all(unique.flatMap((b) => analyzers.filter((a) => a.appliesTo(b)).map((a) => a.analyze(b, defaultSettings))));
  return { wall: performance.now() - t0, cpu: (cpuSeconds() - c0) * 1000 };
}

async function main() {
  console.log(`${sources.length} distinct shell blocks, cycled to ${blocks.length}`);
  await run(false, -1); // warm-up: WASM compile, JIT
  console.log(`load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
  for (const sc of [false, true]) {
    const runs: { wall: number; cpu: number }[] = [];
    for (let r = 0; r < 3; r++) runs.push(await run(sc, r));
    const median = (k: 'wall' | 'cpu') => runs.map((x) => x[k]).sort((a, b) => a - b)[1];
    console.log(`${sc ? 'with' : 'without'} ShellCheck, 1,000 blocks: wall ${median('wall').toFixed(0)} ms, CPU ${median('cpu').toFixed(0)} ms (median of 3; wall ${runs.map((x) => x.wall.toFixed(0)).join(', ')})`);
  }
}
main();
