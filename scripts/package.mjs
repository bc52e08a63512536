#!/usr/bin/env node
// Builds the .vsix: production bundles (esbuild) in a staging folder, then @vscode/vsce with no
// node_modules inside. Staging keeps the working tree's dist/ (development bundles with source
// maps, possibly in use by a test run) untouched. The one runtime module kept outside the bundles
// (sh-syntax, which loads its .wasm from its own folder) is copied next to them, where Node's
// module resolution finds it first.
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync, mkdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stage = join(root, '.vscode-test', `vsix-stage-${process.pid}`); // per run: packaging may overlap
const run = (cmd, args, cwd = root) => {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`package: ${cmd} ${args.join(' ')} failed`);
    rmSync(stage, { recursive: true, force: true });
    process.exit(r.status ?? 1);
  }
};

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
run(process.execPath, ['scripts/build.mjs', '--production', `--outdir=${join(stage, 'dist')}`]);
cpSync(join(root, 'node_modules/sh-syntax'), join(stage, 'dist/node_modules/sh-syntax'), { recursive: true });
for (const f of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore', 'bin', 'syntaxes', 'schemas', 'images']) {
  if (existsSync(join(root, f))) cpSync(join(root, f), join(stage, f), { recursive: true });
}

const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = resolve(root, process.argv[2] ?? `${name}-${version}.vsix`);
run(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--skip-license', '--out', out], stage);
rmSync(stage, { recursive: true, force: true });
console.log(`package: ${out}`);
