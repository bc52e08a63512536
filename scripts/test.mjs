#!/usr/bin/env node
// Runs the test suites with Node's own test runner (TypeScript through tsx).
// usage: node scripts/test.mjs [types|unit|lsp|e2e ...]   (no argument: all suites, in that order)
// Every suite ends with the runner's summary; the exit code is non-zero if any suite failed.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const wanted = process.argv.slice(2);
const suites = wanted.length ? wanted : ['types', 'unit', 'lsp', 'e2e'];

function findTests(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

// The real tools the suites use (shellcheck, prometheus, the e2e host's packages): installed when
// missing and possible, otherwise the tests that need them skip and say why.
const setup = spawnSync('bash', [join(root, 'scripts/setup.sh')], { stdio: 'inherit' });
if (setup.status !== 0 && process.env.CI) { console.error('test: scripts/setup.sh failed'); process.exit(1); }

let failed = 0;
for (const suite of suites) {
  console.log(`\n=== ${suite} ===`);
  let r;
  if (suite === 'types') {
    // The type checker over server, client, tests and the benchmark: a type error fails CI too.
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    r = spawnSync(process.execPath, [tsc, '-b'], { stdio: 'inherit', cwd: root });
    if (r.status === 0) r = spawnSync(process.execPath, [tsc, '-p', 'bench'], { stdio: 'inherit', cwd: root });
    console.log(`types: ${r.status === 0 ? '1 passed, 0 failed' : '0 passed, 1 failed'}`);
  } else if (suite === 'e2e') {
    // The editor suite builds the extension and runs it inside a real VS Code.
    if (!existsSync(join(root, 'test/e2e/run.mjs'))) { console.log('e2e: no runner yet'); continue; }
    r = spawnSync(process.execPath, [join(root, 'test/e2e/run.mjs')], { stdio: 'inherit', cwd: root });
  } else {
    const files = findTests(join(root, 'test', suite));
    if (!files.length) { console.log(`${suite}: no tests`); continue; }
    r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit', cwd: root });
  }
  if (r.status !== 0) { failed++; console.log(`suite ${suite} FAILED (exit ${r.status ?? r.signal})`); }
}
console.log(`\nsuites: ${suites.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
