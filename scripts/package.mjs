#!/usr/bin/env node
// Builds the .vsix: production bundles (esbuild), then @vscode/vsce with no node_modules inside.
// The one runtime module kept outside the bundle (sh-syntax, which loads its .wasm from its own
// folder) is copied next to the bundles, where Node's resolution finds it first.
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) { console.error(`package: ${cmd} ${args.join(' ')} failed`); process.exit(r.status ?? 1); }
};

rmSync(join(root, 'dist'), { recursive: true, force: true });
run(process.execPath, ['scripts/build.mjs', '--production']);
mkdirSync(join(root, 'dist/node_modules'), { recursive: true });
cpSync(join(root, 'node_modules/sh-syntax'), join(root, 'dist/node_modules/sh-syntax'), { recursive: true });

const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = process.argv[2] ?? `${name}-${version}.vsix`;
run(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out]);
console.log(`package: ${out}`);
