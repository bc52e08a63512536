// Mocha inside the extension host. VS Code loads this file (extensionTestsPath) and calls run().
// test/e2e/run.mjs bundles it together with every suite/*.test.ts into one folder; this file
// loads all the bundled tests found beside it, so adding a test file needs no registration.
//
// Tests use mocha's TDD interface: suite(), test(), suiteSetup(), setup(), teardown().
// run.mjs starts the editor once per pass; a tag in a test's full title picks its pass:
//   (no tag)      "trusted": the extension from this checkout, workspace trust off
//   [untrusted]   workspace trust on and the folder untrusted (Restricted Mode)
//   [vsix]        the extension installed from the packaged .vsix instead of this checkout
//
// Env (set by run.mjs, passed through the test host):
//   RUNBOOK_E2E_PASS     trusted | untrusted | vsix
//   RUNBOOK_E2E_RESULTS  JSON file to write the counts and failures to, for run.mjs's summary
//   RUNBOOK_E2E_GREP     run only tests whose full title matches this regular expression
import Mocha from 'mocha';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const PASS_TAGS = { untrusted: '[untrusted]', vsix: '[vsix]' } as const;

function passOf(title: string): string {
  for (const [pass, tag] of Object.entries(PASS_TAGS)) if (title.includes(tag)) return pass;
  return 'trusted';
}

interface TestOutcome { title: string; state: 'passed' | 'failed' | 'pending'; error?: string }

export async function run(): Promise<void> {
  const pass = process.env.RUNBOOK_E2E_PASS ?? 'trusted';
  const mocha = new Mocha({ ui: 'tdd', color: false, reporter: 'spec', timeout: 60_000 });
  // One filter for both the pass and a user's grep (mocha takes a single grep). Mocha only
  // calls .test() on it, so a RegExp with its own test() keeps mocha's types and behaviour.
  const userGrep = process.env.RUNBOOK_E2E_GREP ? new RegExp(process.env.RUNBOOK_E2E_GREP) : undefined;
  const filter = /(?:)/;
  filter.test = title => passOf(title) === pass && (!userGrep || userGrep.test(title));
  mocha.grep(filter);
  const files = fs.readdirSync(__dirname).filter(f => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  const outcomes: TestOutcome[] = [];
  const failures = await new Promise<number>((resolve, reject) => {
    try {
      const runner = mocha.run(resolve);
      runner.on('pass', t => outcomes.push({ title: t.fullTitle(), state: 'passed' }));
      runner.on('fail', (t, err: Error) => outcomes.push({ title: t.fullTitle(), state: 'failed', error: err?.message ?? String(err) }));
      runner.on('pending', t => outcomes.push({ title: t.fullTitle(), state: 'pending' }));
    } catch (e) {
      reject(e);
    }
  });
  const passed = outcomes.filter(o => o.state === 'passed').length;
  const failed = Math.max(failures, outcomes.filter(o => o.state === 'failed').length);

  const resultsFile = process.env.RUNBOOK_E2E_RESULTS;
  if (resultsFile) {
    fs.writeFileSync(resultsFile, JSON.stringify({
      pass,
      workspaceTrusted: vscode.workspace.isTrusted,
      uiKind: vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop',
      vscodeVersion: vscode.version,
      passed, failed, tests: outcomes,
    }, null, 2));
  }
  if (failed) throw new Error(`${failed} e2e test(s) failed`);
}
