#!/usr/bin/env node
// Bundles the extension client, the language server and the CLI with esbuild.
// usage: node scripts/build.mjs [client|server|cli ...] [--watch] [--production]
//   names         build only these bundles (default: all three)
//   --watch       rebuild on change (Ctrl-C to stop)
//   --production  minify, no source maps (what the .vsix ships)
//
// Everything is CommonJS for Node: the VS Code extension host loads CommonJS, and bundling also
// turns the ESM-only dependencies (unified, remark-*) into CommonJS, so bin/*.js can require()
// dist/cli.js and dist/server.js directly.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const watch = process.argv.includes('--watch');
// --outdir=DIR builds elsewhere than dist/ (packaging stages its production build apart, so a
// concurrent test run keeps its development bundles).
const outdir = process.argv.find(a => a.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist';
const production = process.argv.includes('--production');

const entries = [
  // The extension host provides `vscode`; it must never be bundled.
  { name: 'client', in: 'client/src/extension.ts', out: 'dist/client.js', external: ['vscode'] },
  // A bundle's `workers` are built with it: the server cannot run without its worker threads.
  { name: 'server', in: 'server/src/lsp/main.ts', out: 'dist/server.js', workers: ['analysisWorker', 'parseWorker'] },
  { name: 'cli', in: 'server/src/cli/main.ts', out: 'dist/cli.js', workers: ['parseWorker', 'checkWorker'] },
  // Parses chunks of big documents on the second core for both the server and the CLI.
  { name: 'parseWorker', in: 'server/src/model/parseWorker.ts', out: 'dist/parseWorker.js' },
  // The chart panel's page (a webview: a browser, not Node), with uPlot and its CSS bundled in,
  // so the page loads nothing from anywhere but the extension (dist/chartView.js and .css).
  { name: 'chartView', in: 'client/webview/chart.ts', out: 'dist/chartView.js', browser: true },
  // Checks files on every core for `runbook check` over a repository (repoCheck/pool.ts).
  { name: 'checkWorker', in: 'server/src/repoCheck/checkWorker.ts', out: 'dist/checkWorker.js' },
  // The language server's analysis, off its main thread (requests never wait behind it).
  { name: 'analysisWorker', in: 'server/src/offload/analysisWorker.ts', out: 'dist/analysisWorker.js' },
];
const names = process.argv.slice(2).filter(a => !a.startsWith('--'));
const unknown = names.filter(n => !entries.some(e => e.name === n));
if (unknown.length) {
  console.error(`build: unknown bundle ${unknown.join(', ')} (choose from ${entries.map(e => e.name).join(', ')})`);
  process.exit(2);
}

// sh-syntax reads its main.wasm relative to its own file, so it stays a real module in
// node_modules instead of being inlined (the CommonJS build of it is require()-able).
const runtimeExternals = ['sh-syntax'];

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // ESM dependencies that read import.meta.url would get `undefined` in a CommonJS bundle.
  define: { 'import.meta.url': '__runbookImportMetaUrl' },
  banner: { js: "const __runbookImportMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

const wanted = new Set(names.flatMap(n => [n, ...(entries.find(e => e.name === n)?.workers ?? [])]));
const present = entries.filter(e => !names.length || wanted.has(e.name)).filter(e => {
  if (existsSync(join(root, e.in))) return true;
  console.log(`build: skipping ${e.in} (not written yet)`);
  return false;
});

/** @type {import('esbuild').BuildOptions} */
const browser = { platform: 'browser', target: 'chrome120', format: 'iife', define: {}, banner: {} };

const contexts = await Promise.all(present.map(e => esbuild.context({
  ...common,
  ...(e.browser ? browser : {}),
  absWorkingDir: root,
  entryPoints: [e.in],
  outfile: join(outdir, e.out.replace(/^dist\//, '')),
  external: [...(e.external ?? []), ...runtimeExternals],
})));

try {
  if (watch) {
    await Promise.all(contexts.map(c => c.watch()));
    console.log(`build: watching ${present.map(e => e.in).join(', ')}`);
  } else {
    const t0 = Date.now();
    await Promise.all(contexts.map(c => c.rebuild()));
    console.log(`build: ${present.map(e => relative(root, join(root, outdir, e.out.replace(/^dist\//, '')))).join(', ')} in ${Date.now() - t0} ms`);
    await Promise.all(contexts.map(c => c.dispose()));
  }
} catch {
  // esbuild has already printed the errors with file and line; a stack trace adds nothing.
  await Promise.all(contexts.map(c => c.dispose()));
  process.exit(1);
}
