// `npm run fuzz -- --cases N [--seed S] [--path P] [--slow] [--no-lone-cr] [--strict] [--minutes M] [--no-shrink]`
// Runs the analysis properties over N generated runbooks and prints `cases: N, failures: F`.
// `--injection` runs the placeholder injection fuzzer instead (injection.ts: real bash, marker file).
// A failure prints the shrunk counterexample and the exact command that replays it.
// Documents mix LF, CRLF and (unless --no-lone-cr) classic-Mac lone CR line breaks.
import fc from 'fast-check';
import { fuzzProperty } from './properties';
import { injectionProperty } from './injection';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const cases = Number(arg('cases') ?? 1000);
  const seed = Number(arg('seed') ?? Date.now() % 2 ** 31);
  const path = arg('path');
  const includeSlow = process.argv.includes('--slow');
  const loneCr = !process.argv.includes('--no-lone-cr');
  // --strict: ranges must not split surrogate pairs either.
  const strict = process.argv.includes('--strict');
  // --minutes M stops generating new cases after M minutes and reports how many ran.
  const minutes = Number(arg('minutes') ?? 0);
  let ran = 0;
  const started = Date.now();
  const injection = process.argv.includes('--injection');
  const property: fc.IPropertyWithHooks<never> = (injection ? injectionProperty() : fuzzProperty({ includeSlow, loneCr, strict })) as never;
  property.beforeEach(() => {
    ran++;
    if (ran % 1000 === 0) {
      const s = (Date.now() - started) / 1000;
      process.stderr.write(`  ${ran} cases in ${s.toFixed(0)} s (${(ran / s).toFixed(1)}/s)\n`);
    }
  });
  console.log(`fuzz${injection ? ' (injection)' : ''}: seed ${seed}, ${cases} cases${includeSlow ? ', slow checks included' : ''}`);
  const details = await fc.check(property, { numRuns: cases, seed, ...(path ? { path } : {}), endOnFailure: process.argv.includes('--no-shrink'), ...(minutes ? { interruptAfterTimeLimit: minutes * 60_000, markInterruptAsFailure: false } : {}) });
  const secs = (Date.now() - started) / 1000;
  if (!details.failed) {
    if (details.interrupted) console.log(`stopped after ${minutes} min, before the ${cases} cases asked for`);
    console.log(`cases: ${details.numRuns}, failures: 0 (${secs.toFixed(1)} s, ${(details.numRuns / secs).toFixed(1)} cases/s)`);
    return 0;
  }
  const [text, edits] = (details.counterexample ?? []) as unknown[];
  console.log(`counterexample (after ${details.numShrinks} shrinks):`);
  if (injection) console.log(`  case:  ${JSON.stringify(text)}`);
  else { console.log(`  text:  ${JSON.stringify(text)}`); console.log(`  edits: ${JSON.stringify(edits)}`); }
  console.log((details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)).split('\n').map(l => `  ${l}`).join('\n'));
  console.log(`replay: npm run fuzz -- --cases ${cases} --seed ${details.seed} --path ${details.counterexamplePath}${injection ? ' --injection' : ''}${includeSlow ? ' --slow' : ''}${loneCr ? '' : ' --no-lone-cr'}${strict ? ' --strict' : ''}`);
  console.log(`cases: ${details.numRuns}, failures: 1`);
  return 1;
}

main().then(code => process.exit(code), e => { console.error(e); process.exit(2); });
