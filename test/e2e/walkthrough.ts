// The walk-through: what an on-call engineer does in the first five minutes, in the real VS Code
// (the test host's web workbench, driven by headless Chromium), asserted on what the screen shows.
// open a runbook → read the Problems → hover a metric → complete a metric name and a label value →
// run a step → run a step that fails in the middle → fill a placeholder → Run all → switch to a
// protected environment → confirm → cancel a long step → open Run History → the Runs view →
// chart a PromQL step.
// A real Prometheus (test/support) backs both environments: staging as 127.0.0.1:PORT and
// production as localhost:PORT, so a step shows which environment's URL it was given.
// Each step saves test-results/walkthrough/NN-step.png (…-failure.png when it fails).
//
// usage: node --import tsx test/e2e/walkthrough.ts [--only=REGEXP] [--readme] [--timeout=SECONDS] [--results=FILE]
//   --only    run the steps whose name matches (and the ones they need: open is always run)
//   --readme  also write the "run a step" picture to docs/images/ui-run-lens.png
//   --results write {passed, failed, failures} there as JSON (run.mjs reads it)
// The last line is "N passed, N failed"; exit 0 only when nothing failed.
// Expects the extension built (dist/) and the host installed (run.mjs does both).
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { prometheusAvailable, startPrometheus, type RunningPrometheus } from '../support/prometheus';

const require = createRequire(__filename);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const { startServer, launchBrowser } = require('./host/workbench.js') as { startServer: (o: object) => Promise<any>; launchBrowser: (env: object) => Promise<Browser> };

const root = join(__dirname, '../..');
const arg = (name: string) => process.argv.find(a => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const only = arg('only') ? new RegExp(arg('only')!) : undefined;
const timeoutSec = Number(arg('timeout') ?? 420);
const outDir = join(root, 'test-results/walkthrough');
const t0 = Date.now();
const say = (msg: string) => console.log(`walkthrough: ${((Date.now() - t0) / 1000).toFixed(1)}s ${msg}`);

/** Runbook fixtures the steps work on (test/e2e/walkthrough/runbooks), and their line numbers. */
const BACKLOG = 'payout-backlog.md';
const QUICK = 'quick-checks.md';
const SYMPTOMS = 'live-symptoms.md';
const LINE = { backlogMetric: 7, promqlStep: 14, whereStep: 20, failingStep: 26, placeholderStep: 33, slowStep: 39, scratchBlank: 47, dangerousStep: 53 };

let page: Page;
let passed = 0;
let failed = 0;
const failures: string[] = [];
let shotNo = 0;

async function shot(name: string): Promise<string> {
  const file = join(outDir, `${String(++shotNo).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

async function step(name: string, fn: () => Promise<void>, always = false): Promise<void> {
  if (only && !always && !only.test(name)) return;
  say(`▸ ${name}`);
  try {
    await fn();
    await page.waitForTimeout(300);
    say(`  ✓ ${name} (${await shot(name)})`);
    passed++;
  } catch (e) {
    failed++;
    failures.push(`${name}: ${(e as Error)?.message?.split('\n')[0] ?? e}`);
    const file = await shot(`${name}-failure`).catch(() => '(no screenshot)');
    console.error(`walkthrough: ✗ ${name}: ${(e as Error)?.message?.split('\n').slice(0, 6).join('\n  ') ?? e}\n  screenshot: ${file}`);
    // Leave no dialog or quick pick open for the next step.
    for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
  }
}

function check(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(message);
}

/** Polls `read` until `pred` holds; fails with the last value read. */
async function until<T>(what: string, read: () => Promise<T>, pred: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    try { last = await read(); if (pred(last)) return last; } catch { /* the element is not there yet */ }
    if (Date.now() > end) throw new Error(`${what}; last seen: ${JSON.stringify(last)?.slice(0, 600)}`);
    await page.waitForTimeout(250);
  }
}

const editor = () => page.locator('.editor-group-container.active .monaco-editor').first();
const clean = (s: string) => s.replace(/\u00a0/g, ' ');
async function editorLines(): Promise<string> {
  return clean(await editor().locator('.view-lines').innerText());
}
async function terminalText(): Promise<string> {
  return clean(await page.locator('.terminal-wrapper.active .xterm-rows').first().innerText());
}
async function terminalTabs(): Promise<string> {
  return clean(await page.locator('.terminal-tabs-entry, .single-terminal-tab, .panel .terminal-tab').allInnerTexts().then(t => t.join(' | ')));
}

async function runCommand(title: string): Promise<void> {
  await editor().click({ position: { x: 400, y: 5 } }).catch(() => undefined);
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

async function openFile(name: string): Promise<void> {
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click();
  await until(`${name} open in the editor`, () => page.locator('.editor-group-container.active .tab.active').innerText(), t => t.includes(name));
  await editor().locator('.view-lines').waitFor();
}

async function gotoLine(line: number, column?: number): Promise<void> {
  await editor().locator('.view-lines').click();
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(column ? `:${line}:${column}` : `:${line}`);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(200);
}

/** The CodeLens drawn just above `line` (1-based) whose text matches; waits out lens refreshes. */
async function lensAbove(line: number, text: RegExp, within = 40) {
  const links = editor().locator('.codelens-decoration a', { hasText: text });
  const number = editor().locator('.margin-view-overlays .line-numbers', { hasText: new RegExp(`^\\s*${line}\\s*$`) }).first();
  // Measured together, and again until they agree: a refresh redraws the lenses and moves lines.
  const found = await until(`a lens matching ${text} right above line ${line}`, async () => {
    const y = (await number.boundingBox())?.y;
    if (y === undefined) return undefined;
    let best: { i: number; y: number } | undefined;
    const n = await links.count();
    for (let i = 0; i < n; i++) {
      const b = await links.nth(i).boundingBox();
      if (b && b.y < y && (!best || b.y > best.y)) best = { i, y: b.y };
    }
    return best && y - best.y < within ? best : undefined;
  }, (b) => !!b, 30_000);
  await page.waitForTimeout(200);
  return links.nth(found!.i);
}

/**
 * The confirmation a run asks for, however it is drawn: a modal dialog, or a quick pick (whose
 * first item is what Enter picks). `focused` is what Enter would choose.
 */
async function confirmation(): Promise<{ kind: 'dialog' | 'pick'; text: string; focused: string }> {
  const box = page.locator('.monaco-dialog-box').first();
  const pick = page.locator('.quick-input-widget').first();
  const kind = await until('a confirmation (dialog or pick)', async () =>
    (await box.isVisible()) ? 'dialog' as const
      : (await pick.isVisible()) && (await pick.locator('.monaco-list-row', { hasText: /\bRun\b/ }).count()) > 0 ? 'pick' as const
        : (await pick.isVisible()) && (await pick.locator('input[type="password"]').count()) > 0 ? 'secret' as const : undefined, k => !!k, 15_000);
  check(kind !== 'secret', `a secret was asked before the confirmation: ${clean(await pick.innerText())}`);
  if (kind === 'dialog') {
    const focused = await page.evaluate('document.activeElement?.innerText ?? ""') as string;
    return { kind, text: clean(await box.innerText()), focused: focused.trim() };
  }
  const focused = await pick.locator('.monaco-list-row.focused').first().innerText().catch(() => '');
  return { kind: 'pick' as const, text: clean(await pick.innerText()), focused: clean(focused).trim() };
}

/** Chooses to run in the confirmation on screen. */
async function acceptRun(): Promise<void> {
  const c = await confirmation();
  if (c.kind === 'dialog') await page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Run/ }).first().click();
  else await page.locator('.quick-input-widget .monaco-list-row', { hasText: /Run/ }).first().click();
}

async function quickInput(): Promise<string> {
  const w = page.locator('.quick-input-widget');
  await w.waitFor({ state: 'visible', timeout: 15_000 });
  return clean(await w.innerText());
}

async function walk(readme: boolean, prom: RunningPrometheus): Promise<void> {
  const stagingUrl = prom.url;
  const productionUrl = prom.url.replace('127.0.0.1', 'localhost');

  await step('open a runbook', async () => {
    await openFile(BACKLOG);
    await until('the Run lens is drawn', () => editor().locator('.codelens-decoration').allInnerTexts(), t => t.some(x => /▶ Run step 1 on staging/.test(x)), 60_000);
    const status = await page.locator('.statusbar-item', { hasText: 'staging' }).first().innerText();
    check(/staging/.test(status), `the status bar names the environment: ${status}`);
    // …and shows that its Prometheus answers (a check mark; an error sign when it does not).
    await until("the status bar shows staging's Prometheus reachable", () => page.locator('.statusbar-item:has-text("staging") .codicon-pass').count(), n => n > 0, 20_000);
  }, true);

  await step('one outline', async () => {
    // The Outline view in the Explorer: one tree of the sections, not one per provider.
    const folder = page.locator('.pane-header', { hasText: /^\s*runbooks/i }).first();
    const header = page.locator('.pane-header', { hasText: /^\s*Outline/i }).first();
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    await folder.click(); // fold the file list, so the outline has room
    const rows = page.locator('.outline-pane .monaco-list-row');
    await until('the outline lists the sections', () => rows.allInnerTexts().then(t => clean(t.join(' | '))), t => /Diagnosis/.test(t) && /Archive old logs/.test(t), 20_000);
    await rows.first().click();
    await page.keyboard.press('End'); // the last row: a second provider's group would be here
    await page.waitForTimeout(300);
    const text = clean((await rows.allInnerTexts()).join(' | '));
    check(!/Markdown Language Features/.test(text), `one outline, not one per provider: ${text}`);
    check(!/^\s*Runbook\s*$/m.test((await rows.allInnerTexts()).join('\n')), `no group per provider: ${text}`);
    check((text.match(/Diagnosis/g) ?? []).length === 1, `each section once: ${text}`);
    await gotoLine(LINE.whereStep + 1);
    const crumbs = await until('the breadcrumb shows the section', () => page.locator('.editor-group-container.active .breadcrumbs-control').innerText().then(clean), t => /Where am I/.test(t));
    check(!/Markdown Language Features|Runbook/.test(crumbs), `the breadcrumb names no provider: ${crumbs}`);
    await shot('outline-open');
    await folder.click();
    await header.click();
  });

  await step('read the Problems', async () => {
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    const text = await until('Problems lists the `for` error and the ShellCheck finding', () => rows.allInnerTexts().then(t => clean(t.join('\n'))),
      t => /`for` is not PromQL here/.test(t) && /SC2045/.test(t) && /rm -rf on a variable/.test(t), 30_000);
    // One line per problem, never a file with nothing in it: placeholders are hints, not noise.
    check(!/\$RUNBOOK_PROMETHEUS_URL is not set/.test(text), `the environment's Prometheus variable is not reported as unset:\n${text}`);
  });

  await step('fix a problem', async () => {
    // The `for` error's quick fix, from the light bulb menu (Ctrl+.), as a person would.
    await gotoLine(LINE.scratchBlank - 1, 37);
    await page.keyboard.press('Control+.');
    const menu = await until('the quick fix menu offers the note', () => page.locator('.action-widget').first().innerText().then(clean), t => /Move `for 10m` into a comment/.test(t), 15_000);
    check(/Quick Fix\s*\n\s*Move `for 10m`/.test(menu), `the fix comes first in the menu: ${menu}`);
    await page.keyboard.press('Enter');
    await until('the line keeps the duration as a note', editorLines, t => /treasury_disbursement_backlog > 100  # for 10m/.test(t));
    const rows = page.locator('.markers-panel .monaco-list-row');
    await until('the `for` error is gone from Problems', () => rows.allInnerTexts().then(t => clean(t.join('\n'))), t => !/`for` is not PromQL here/.test(t), 20_000);
  });

  await step('hover a metric', async () => {
    await page.keyboard.press('Control+Shift+M'); // close the panel again
    await gotoLine(LINE.backlogMetric);
    const token = editor().locator('.view-line span:not(:has(span))', { hasText: 'treasury_disbursement_backlog' }).first();
    await token.hover();
    const hover = page.locator('.monaco-hover:not(.hidden)').first();
    const text = await until('the hover shows the live value on staging', () => hover.innerText().then(clean),
      t => /treasury_disbursement_backlog/.test(t) && /staging/.test(t) && /\d/.test(t), 30_000);
    check(/gauge/i.test(text), `the hover gives the TYPE: ${text}`);
    check(await hover.locator('img').count() > 0, 'the hover draws a trend chart');
    check(!/\d\.\d{5,}/.test(text), `values are rounded as people read them: ${text}`);
    const headline = text.match(/\n\s*([\d,.]+[KM]?) · \d+ series/)?.[1];
    const last = text.match(/last hour · min [\d,.]+ · max [\d,.]+ · now ([\d,.]+[KM]?)/)?.[1];
    check(headline && headline === last, `the headline (${headline}) is the chart's last point (${last}): ${text}`);
    check(!/[▁▂▃▄▅▆▇█]{5}/.test(text), `one chart, no second sparkline: ${text}`);
    const link = await hover.locator('a', { hasText: 'open in Prometheus' }).first().getAttribute('data-href') ?? await hover.locator('a', { hasText: 'open in Prometheus' }).first().getAttribute('href');
    check(link?.startsWith(`${stagingUrl}/graph?g0.expr=`), `a link to staging's graph page: ${link}`);
  });

  await step('complete a metric name', async () => {
    await page.mouse.move(5, 5);
    await gotoLine(LINE.scratchBlank);
    await page.keyboard.type('accumen_', { delay: 40 });
    await page.keyboard.press('Control+Space');
    const row = page.locator('.suggest-widget .monaco-list-row', { hasText: 'accumen_mempool_size' }).first();
    await row.waitFor({ timeout: 20_000 });
    const rows = await page.locator('.suggest-widget .monaco-list-row').allInnerTexts();
    check(rows.every(r => /accumen/i.test(r)), `the list is filtered by what was typed: ${rows.join(' | ')}`);
    check(!rows.some(r => /^accumen_\s/.test(r)), `the half-typed word is not offered: ${rows.join(' | ')}`);
    await row.click();
    const text = await until('the line reads accumen_mempool_size', editorLines, t => /accumen_mempool_size/.test(t));
    check(!/accumen_accumen_/.test(text), `accepting does not double what was typed: ${text}`);
  });

  await step('complete a label value', async () => {
    await page.keyboard.press('Escape');
    await gotoLine(LINE.scratchBlank + 1);
    await page.keyboard.type('treasury_disbursement_backlog{queue="', { delay: 40 });
    const suggest = page.locator('.suggest-widget .monaco-list-row', { hasText: 'payroll' }).first();
    await suggest.waitFor({ timeout: 10_000 }).catch(async () => { await page.keyboard.press('Control+Space'); await suggest.waitFor({ timeout: 15_000 }); });
    await suggest.click();
    const text = await until('the selector reads {queue="payroll"}', editorLines, t => /treasury_disbursement_backlog\{queue="payroll"\}/.test(t));
    check(!/payroll""/.test(text), `one closing quote: ${text}`);
  });

  await step('run a step', async () => {
    await page.keyboard.press('Escape');
    await gotoLine(LINE.whereStep);
    await (await lensAbove(LINE.whereStep, /▶ Run/)).click();
    const out = await until('the terminal shows the step and its result', terminalText, t => /ns=payments-staging/.test(t) && /✓/.test(t), 30_000);
    check(/step 2 · staging \$/.test(out), `the terminal numbers the step as its heading and lens do (2): ${out}`);
    check(out.includes(`prometheus=${stagingUrl}`), `the step got staging's Prometheus (${stagingUrl}):\n${out}`);
    const tabs = await terminalTabs();
    check(/payout-backlog/.test(tabs) && /staging/.test(tabs), `the terminal is named after the runbook and the environment: ${tabs}`);
    // The README's picture: the step's lens, the next steps' lenses and the output.
    if (readme) copyFileSync(await shot('readme'), join(root, 'docs/images/ui-run-lens.png'));
  });

  await step('run a step that fails in the middle', async () => {
    await gotoLine(LINE.failingStep);
    await (await lensAbove(LINE.failingStep, /▶ Run/)).click();
    // Until the step's status line is printed too (it comes a moment after the last output line).
    const out = await until('the terminal shows the failing command, the step going on and how it ended', terminalText,
      t => /payoutctl: command not found/.test(t) && /worker checked[\s\S]*(line \d+ failed|✓|✗)/.test(t.slice(t.lastIndexOf('payoutctl'))), 30_000);
    const tail = out.slice(out.lastIndexOf('payoutctl'));
    check(!/✓ done/.test(tail), `a step whose first command failed is not shown as done:\n${tail}`);
    check(/line 1 failed \(exit 127\)/.test(tail), `the terminal says which line failed:\n${tail}`);
    const lens = await until('the lens shows the failure', () => editor().locator('.codelens-decoration').allInnerTexts(), t => t.some(x => /line 1 failed|exit 127|✗|⚠/.test(x)));
    check(!lens.some(x => /✓/.test(x) && /payoutctl/.test(x)), `no ✓ on the failed step: ${lens.join(' | ')}`);
  });

  await step('fill a placeholder', async () => {
    await gotoLine(LINE.placeholderStep);
    await (await lensAbove(LINE.placeholderStep, /▶ Run/)).click();
    const prompt = await quickInput();
    check(/PAYOUT_ID/.test(prompt), `the input box asks for the placeholder: ${prompt}`);
    await page.keyboard.type('po-4711');
    await page.keyboard.press('Enter');
    // Then the filled-in command is shown for review before it runs.
    const review = await confirmation();
    check(/looking at payout po-4711/.test(review.text), `the review shows the command as it will run: ${review.text}`);
    await acceptRun();
    await until('the step ran with the value', terminalText, t => /looking at payout po-4711 in payments-staging/.test(t), 30_000);
  });

  await step('Run all', async () => {
    await openFile(QUICK);
    // On the first heading, once, counting the steps it will run.
    await (await lensAbove(1, /Run all \(3 steps\) on staging/)).click();
    const out = await until('all three checks ran', terminalText, t => /check one on payments-staging/.test(t) && /check two/.test(t) && /check three/.test(t), 40_000);
    check((out.match(/✓/g) ?? []).length >= 3, `each step shows its result:\n${out}`);
  });

  await step('Enter does not run a dangerous step', async () => {
    await openFile(BACKLOG);
    await gotoLine(LINE.dangerousStep);
    await (await lensAbove(LINE.dangerousStep, /▶ Run/)).click();
    const d = await confirmation();
    check(/rm -rf/.test(d.text) || /dangerous/i.test(d.text), `the confirmation names the danger: ${d.text}`);
    // What matters is what Enter does: it must not run the step.
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1500);
    for (let i = 0; i < 2; i++) await page.keyboard.press('Escape');
    check(!(await terminalText().catch(() => '')).includes('rm -rf /tmp/payout-cache'), `Enter ran the dangerous step (Enter chose "${d.focused}")`);
  });

  await step('switch to a protected environment', async () => {
    await openFile(BACKLOG);
    await page.locator('.statusbar-item', { hasText: 'staging' }).first().click();
    await quickInput();
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'production' }).first().click();
    const status = await until('the status bar shows production', () => page.locator('.statusbar-item', { hasText: 'production' }).first().innerText(), t => /production/.test(t));
    check(/production/.test(status), status);
    await until('the lenses name production', () => editor().locator('.codelens-decoration').allInnerTexts(), t => t.some(x => /Run step \d+ on production/.test(x)), 30_000);
  });

  await step('confirm', async () => {
    await gotoLine(LINE.whereStep);
    await (await lensAbove(LINE.whereStep, /▶ Run/)).click();
    const d = await confirmation();
    check(/production/i.test(d.text), `the confirmation names the environment: ${d.text}`);
    await acceptRun();
    // Then production's secret, once: after the confirmation, never before it or twice.
    const ask = await quickInput();
    check(/PAYOUT_API_TOKEN/.test(ask), `production's secret is asked for: ${ask}`);
    await page.keyboard.type('walkthrough-token-0123456789');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(800);
    const again = await page.locator('.quick-input-widget').first().isVisible() ? clean(await page.locator('.quick-input-widget').first().innerText()) : '';
    check(!/PAYOUT_API_TOKEN/.test(again), `the secret is asked once: ${again}`);
    const out = await until('the step ran on production', terminalText, t => /ns=payments\b/.test(t), 30_000);
    check(out.includes(`prometheus=${productionUrl}`), `the step got production's Prometheus (${productionUrl}), not the editor's:\n${out}`);
  });

  await step('cancel a long step', async () => {
    await gotoLine(LINE.slowStep);
    await (await lensAbove(LINE.slowStep, /▶ Run/)).click();
    await acceptRun();
    await until('the terminal shows sleep running', terminalText, t => /sleep 120/.test(t), 20_000);
    const cancel = page.locator('.notifications-toasts .monaco-button, .notification-toast .monaco-button', { hasText: 'Cancel' }).first();
    await cancel.waitFor({ timeout: 15_000 });
    await cancel.click();
    const out = await until('the terminal says the step was cancelled', terminalText, t => /cancelled/i.test(t.slice(t.lastIndexOf('sleep 120'))), 20_000);
    check(!/✓ done/.test(out.slice(out.lastIndexOf('sleep 120'))), 'a cancelled step is not shown as done');
  });

  await step('open Run History', async () => {
    await runCommand('Runbook: Show Run History');
    await until('the run history picker opens', () => page.locator('.quick-input-widget .quick-input-title').innerText(), t => /run history/i.test(t));
    const list = await until('the history lists the runs', () => page.locator('.quick-input-widget .monaco-list-row').allInnerTexts().then(t => t.map(clean)), t => t.length >= (only ? 2 : 5));
    check(list.some(r => /cancel/i.test(r)), `the cancelled run is listed as cancelled: ${list.join(' | ')}`);
    if (!only) check(list.some(r => /line 1 failed \(exit 127\)/.test(r)), `the step that failed in the middle is listed so: ${list.join(' | ')}`);
    await page.keyboard.press('Enter'); // the newest: the cancelled step
    const text = await until('the record opens', editorLines, t => /Result:/.test(t));
    check(/Result:\s+✗ cancelled/.test(text), `the record says cancelled: ${text}`);
    check(/Environment: production/.test(text), `the record names production: ${text}`);
  });

  await step('the Runs view', async () => {
    // Runbook Runs in the Explorer: today's runs by runbook, each with how it ended and where.
    const folder = page.locator('.pane-header', { hasText: /^\s*runbooks/i }).first();
    const header = page.locator('.pane-header', { hasText: /Runbook Runs/i }).first();
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    await folder.click(); // fold the file list, so the runs have room
    const rows = page.locator('.pane-body .monaco-list-row', { hasText: /step \d+/ });
    const text = await until('the view lists the runs of today', () => page.locator('.pane-body .monaco-list-row').allInnerTexts().then(t => clean(t.join(' | '))),
      t => /Today/.test(t) && /payout-backlog\.md/.test(t) && /step \d+/.test(t), 20_000);
    check(/staging · \d/.test(text), `runs name their environment and duration: ${text}`);
    check(await rows.locator('.codicon-pass').count() > 0, `a run that passed shows it: ${text}`);
    // After the whole walk (not with --only): runs on both environments, and the ones that failed.
    if (!only) check(/production/.test(text) && await rows.locator('.codicon-error, .codicon-warning').count() > 0, `failed runs and production's are listed: ${text}`);
    await shot('runs-view');
    await folder.click();
    await header.click();
  });

  await step('chart a PromQL step', async () => {
    await openFile(BACKLOG);
    await gotoLine(LINE.promqlStep);
    await (await lensAbove(LINE.promqlStep, /Chart/)).click();
    // On production after the steps before (on staging when run alone): read-only either way.
    const tab = await until('the chart panel opens beside the runbook', () => page.locator('.tab', { hasText: /Chart · step 1/ }).allInnerTexts().then(t => t.map(clean)), t => t.some(x => /staging|production/.test(x)), 20_000);
    const envUrl = tab.some(x => /production/.test(x)) ? productionUrl : stagingUrl;
    // The page sits two frames deep (VS Code's webview host, then the page itself).
    const view = page.frameLocator('iframe.webview.ready').frameLocator('iframe');
    const legend = await until('the legend lists a series per queue', () => view.locator('.u-legend .u-series .u-label').allInnerTexts().then(t => t.map(clean).slice(1)), t => t.length >= 2, 30_000);
    check(legend.every(l => /^queue="/.test(l)), `legend names are the label that differs: ${legend.join(' | ')}`);
    check(await view.locator('canvas').count() === 1, 'one canvas');
    await view.locator('button', { hasText: '6h' }).click();
    await until('the range changes to 6h', () => view.locator('#rangeLabel').innerText().then(clean), t => /last 6h/.test(t), 15_000);
    const link = await view.locator('#queries a', { hasText: 'Open in Prometheus' }).first().getAttribute('href');
    check(link?.startsWith(`${envUrl}/graph?g0.expr=`) && /range_input=6h/.test(link), `a link to the environment's graph page over the same range: ${link}`);
    if (readme) copyFileSync(await shot('readme-chart'), join(root, 'docs/images/ui-chart.png'));
  });

  await step('check symptoms and run a verification', async () => {
    await openFile(SYMPTOMS);
    // On staging, whatever the steps before chose: a verification on production would ask first.
    const current = await page.locator('.statusbar-item', { hasText: /staging|production/ }).first();
    if (/production/.test(await current.innerText())) {
      await current.click();
      await quickInput();
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'staging' }).first().click();
    }
    await (await lensAbove(5, /Check symptoms on staging/)).click();
    const lines = await until('each symptom line ends with its result', editorLines, t => /● present \([\d,.]+K?\)/.test(t) && /○ absent/.test(t), 30_000);
    check(!/last_error != null.*[●○]/.test(lines), `prose that is not PromQL gets no result:\n${lines}`);
    await (await lensAbove(13, /▶ Verify step 1/)).click();
    const out = await until('the terminal shows the verification holding', terminalText, t => /✓ verification holds/.test(t), 30_000);
    check(/Verifying \(polls every 1\.0s, up to 20\.0s\): accumen_mempool_size > 0/.test(out), `the terminal says what is verified and how:\n${out}`);
    await until('the lens shows it verified', () => editor().locator('.codelens-decoration').allInnerTexts(), t => t.some(x => /✓ verified in/.test(x)));
  });
}

async function main(): Promise<void> {
  if (!prometheusAvailable()) {
    console.log('walkthrough: skipped: prometheus is not installed (apt-get install prometheus)');
    console.log('0 passed, 0 failed');
    if (arg('results')) writeFileSync(arg('results')!, JSON.stringify({ passed: 0, failed: 0, failures: [] }));
    return;
  }
  const readme = process.argv.includes('--readme');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  // A folder named like one a user opens (it shows in the screenshots); edits land in this copy.
  const base = mkdtempSync(join(tmpdir(), 'runbook-walk-'));
  const workspace = join(base, 'runbooks');
  cpSync(join(__dirname, 'walkthrough/runbooks'), workspace, { recursive: true });

  let prom: RunningPrometheus | undefined;
  let server: { env: object; logFile: string; stateDir: string; url: (o: object) => string; stop: () => Promise<void> } | undefined;
  let browser: Browser | undefined;
  const timer = setTimeout(() => {
    console.error(`walkthrough: TIMEOUT after ${timeoutSec}s`);
    console.log(`${passed} passed, ${failed + 1} failed`);
    if (arg('results')) writeFileSync(arg('results')!, JSON.stringify({ passed, failed: failed + 1, failures: [...failures, `timeout after ${timeoutSec}s`] }));
    void Promise.allSettled([browser?.close(), server?.stop(), prom?.stop()]).then(() => process.exit(124));
  }, timeoutSec * 1000);
  try {
    prom = await startPrometheus();
    mkdirSync(join(workspace, '.runbook'));
    writeFileSync(join(workspace, '.runbook/environments.yaml'), [
      'default: staging',
      'environments:',
      '  staging:',
      '    variables: { NS: payments-staging }',
      `    prometheus: ${prom.url}`,
      '  production:',
      '    protected: true',
      '    variables: { NS: payments }',
      '    secrets: [PAYOUT_API_TOKEN]',
      `    prometheus: ${prom.url.replace('127.0.0.1', 'localhost')}`,
      '',
    ].join('\n'));
    say(`Prometheus on ${prom.url}`);
    const srv = await startServer({
      workspace,
      stateDir: join(base, 'host'),
      // The editor's own PROMETHEUS_URL must not reach the steps: each environment has its own.
      env: { PROMETHEUS_URL: 'http://127.0.0.1:1' },
      // The DOM renderer, so the terminal's text can be read off the page.
      settings: { 'terminal.integrated.gpuAcceleration': 'off', 'editor.hover.delay': 200, 'files.autoSave': 'off', 'workbench.editor.enablePreview': false },
    });
    server = srv;
    browser = await launchBrowser(srv.env);
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(srv.url({ extensionDevelopmentPath: root }));
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: BACKLOG }).first().waitFor({ timeout: 90_000 });
    say('workbench up');
    await walk(readme, prom);
  } catch (e) {
    failed++;
    failures.push(`could not start: ${(e as Error)?.message?.split('\n')[0] ?? e}`);
    console.error(`walkthrough: FAILED: ${(e as Error)?.message?.split('\n')[0] ?? e}`);
    if (server) console.error(`walkthrough: code-server log: ${server.logFile}`);
  } finally {
    clearTimeout(timer);
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await prom?.stop();
    if (failed) console.error(`walkthrough: the editor's state and logs are kept in ${base}/host`);
    else rmSync(base, { recursive: true, force: true });
  }
  console.log(`${passed} passed, ${failed} failed`);
  if (arg('results')) writeFileSync(arg('results')!, JSON.stringify({ passed, failed, failures }));
  process.exit(failed ? 1 : 0);
}

void main();
