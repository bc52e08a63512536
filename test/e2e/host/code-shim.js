#!/usr/bin/env node
// Stand-in for the VS Code executable, for @vscode/test-electron's
// runTests({ vscodeExecutablePath: '<this file>' }). test-electron spawns it with desktop flags:
//   [launchArgs...] --no-sandbox ... --disable-workspace-trust --extensionTestsPath=F
//   --extensionDevelopmentPath=D --user-data-dir=U --extensions-dir=E
// and uses its exit code. The paths and the workspace (the positional launch argument) are kept;
// --extensions-dir is honoured as VS Code would (run.mjs installs the .vsix there); the other
// desktop-only flags and the user-data folder are dropped, because the test host makes its own.
//
// test-electron always adds --disable-workspace-trust, so trust is chosen by the environment
// (pass it in runTests' extensionTestsEnv, which also reaches the tests):
//   RUNBOOK_E2E_TRUST=untrusted   workspace trust on, folder untrusted (Restricted Mode)
//   RUNBOOK_E2E_TIMEOUT=SECONDS   hard limit for the run (default 300)
//   RUNBOOK_E2E_SCREENSHOT=PNG    screenshot of the workbench if the run fails
'use strict';
const path = require('node:path');
const { runTestsInWorkbench } = require('./run-vscode-tests');

const args = process.argv.slice(2);
const flag = name => {
  const hit = args.find(s => s.startsWith(`--${name}=`));
  return hit && hit.slice(name.length + 3);
};
const positional = args.filter(s => !s.startsWith('-'));
const extensionDevelopmentPath = flag('extensionDevelopmentPath');
const extensionTestsPath = flag('extensionTestsPath');
if (!extensionDevelopmentPath || !extensionTestsPath) {
  console.error('code-shim: expected --extensionDevelopmentPath and --extensionTestsPath (run through @vscode/test-electron runTests)');
  process.exit(2);
}

runTestsInWorkbench({
  extensionDevelopmentPath,
  extensionTestsPath,
  workspace: path.resolve(positional[0] || process.cwd()),
  extensionsDir: flag('extensions-dir'),
  trust: process.env.RUNBOOK_E2E_TRUST !== 'untrusted',
  timeoutSec: Number(process.env.RUNBOOK_E2E_TIMEOUT) || undefined,
  screenshot: process.env.RUNBOOK_E2E_SCREENSHOT || undefined,
  verbose: !!process.env.RUNBOOK_E2E_VERBOSE,
}).then(code => process.exit(code));
