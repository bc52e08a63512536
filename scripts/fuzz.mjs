#!/usr/bin/env node
// Property-based fuzzing of the analysis pipeline (see test/fuzz). Arguments pass through:
//   npm run fuzz -- --cases 100000 [--seed S] [--path P] [--slow] [--no-shrink]
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/fuzz/main.ts', ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);
