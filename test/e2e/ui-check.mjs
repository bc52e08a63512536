#!/usr/bin/env node
// UI check, as a person would see it: the web workbench of the test host with the extension loaded,
// a fixture runbook opened from the Explorer, and the Run CodeLens text present in the editor's DOM.
// The screenshot (test-results/ui-run-lens.png) is the CI artifact and the README's picture.
// The API-level suite (run.mjs) proves the lens data; this proves it is drawn.
//
// usage: node test/e2e/ui-check.mjs [--lens=REGEXP] [--file=NAME.md] [--out=PNG] [--timeout=SECONDS]
//          [--workspace=DIR]   where to copy the fixtures; named like a folder a user would open,
//                              because the name shows in the screenshot
// Prints "ui-check: ok ..." and exits 0, or says what was missing and exits 1 (124 on timeout).
// Expects the extension built (dist/) and the host installed (run.mjs does both).
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { startServer, launchBrowser } = require('./host/workbench.js');

const root = fileURLToPath(new URL('../..', import.meta.url));
const arg = (name, fallback) => process.argv.find(a => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const lensPattern = new RegExp(arg('lens', '▶ Run (?:step \\d+ )?on \\S+'));
const file = arg('file', 'checkout-latency.md');
const out = arg('out', join(root, 'test-results/ui-run-lens.png'));
const timeoutSec = Number(arg('timeout', 180));

const t0 = Date.now();
const say = msg => console.log(`ui-check: ${((Date.now() - t0) / 1000).toFixed(1)}s ${msg}`);

async function check(page, server) {
  await page.goto(server.url({ extensionDevelopmentPath: root }));
  // Explorer rows appear once the browser is connected to the server: the workbench is usable.
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: file }).first();
  await row.waitFor({ timeout: 90_000 });
  say('workbench up');
  await row.click();
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 30_000 });
  say(`${file} open`);
  const lens = page.locator('.codelens-decoration a', { hasText: lensPattern }).first();
  await lens.waitFor({ timeout: 60_000 });
  const text = (await lens.textContent())?.trim();
  // Let the rest of the editor settle so the picture shows what a person would see.
  await page.waitForTimeout(500);
  mkdirSync(dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  return text;
}

async function main() {
  // The extension host may write state into the folder; work on a copy of the fixtures.
  const workspace = arg('workspace', join(root, '.vscode-test/ui-check/runbooks'));
  rmSync(workspace, { recursive: true, force: true });
  cpSync(join(root, 'test/e2e/workspace'), workspace, { recursive: true });

  let server, browser, page, code = 1;
  const timer = setTimeout(async () => {
    console.error(`ui-check: TIMEOUT after ${timeoutSec}s`);
    try { await browser?.close(); } catch { /* gone */ }
    await server?.stop();
    process.exit(124);
  }, timeoutSec * 1000);
  try {
    server = await startServer({ workspace });
    browser = await launchBrowser(server.env);
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const text = await check(page, server);
    say(`ok: CodeLens "${text}" is shown; screenshot ${out}`);
    code = 0;
  } catch (e) {
    console.error(`ui-check: FAILED: ${e?.message?.split('\n')[0] ?? e}`);
    const failShot = out.replace(/\.png$/, '-failure.png');
    try { await page?.screenshot({ path: failShot }); console.error(`ui-check: screenshot of the failure: ${failShot}`); } catch { /* no page */ }
    if (server) console.error(`ui-check: code-server log: ${server.logFile}`);
  } finally {
    clearTimeout(timer);
    try { await browser?.close(); } catch { /* gone */ }
    await server?.stop();
    if (code === 0 && server) rmSync(server.stateDir, { recursive: true, force: true });
  }
  process.exit(code);
}

main();
