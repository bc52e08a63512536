// The Runs view in the real editor: runs made here appear grouped by day and runbook with their
// status, environment and duration; a run's output opens, its step is found, it runs again
// through the Run command, and a selection goes to the incident report command.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, fixtureUri, runbookApi } from '../support/runbook';

interface Entry { label: string; description: string; icon: { id: string }; record: { block: number; status: string; time: string; runbook: string } }
interface Day { label: string; runbooks: { runbook: string; runs: Entry[] }[] }
interface Outcome { status: string; message?: string }

const runNode = (entry: Entry) => ({ kind: 'run', entry });
const refresh = () => vscode.commands.executeCommand<Day[]>('runbook.runs.refresh');
const bookOf = (days: Day[], name: string) => days.flatMap(d => d.runbooks).find(b => b.runbook === name);

function writeRunbook(name: string, ...blocks: string[]): vscode.Uri {
  const uri = fixtureUri(name);
  writeFileSync(uri.fsPath, `# ${name}\n\nIntro.\n\n${blocks.map(b => `\`\`\`bash\n${b}\n\`\`\`\n`).join('\n')}`);
  return uri;
}

suite('Runs view', () => {
  teardown(closeAllEditors);

  test('runs appear by day and runbook with status, environment and duration; output, step, run again and report work from them', async () => {
    await runbookApi();
    const uri = writeRunbook('runs-view.md', 'echo first', '(exit 3)');
    await vscode.window.showTextDocument(uri);
    for (const index of [0, 1]) await vscode.commands.executeCommand<Outcome>('runbook.runBlock', { uri: uri.toString(), index });

    const days = await refresh();
    assert.match(days[0]!.label, /^Today \(\d{4}-\d{2}-\d{2}\)$/);
    const book = bookOf(days, 'runs-view.md');
    assert.ok(book, `the runbook is listed: ${JSON.stringify(days.map(d => d.runbooks.map(b => b.runbook)))}`);
    assert.deepEqual(book.runs.map(r => [r.icon.id, r.record.block]), [['error', 1], ['pass', 0]], 'newest first, each with its status icon');
    assert.match(book.runs[0]!.label, /^\d\d:\d\d:\d\d step 2$/);
    assert.match(book.runs[0]!.description, /^local · (\d+ ms|[\d.]+ s) · (exit 3|line 1 failed \(exit 3\)) · runs-view\.md$/);
    assert.match(book.runs[1]!.description, /^local · (\d+ ms|[\d.]+ s) · runs-view\.md$/);

    const opened = await vscode.commands.executeCommand<{ opened: string }>('runbook.runs.openOutput', runNode(book.runs[0]!));
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), opened.opened);
    assert.match(vscode.window.activeTextEditor!.document.getText(), /Result:\s+✗ .*exit 3/);

    const at = await vscode.commands.executeCommand<{ uri: string; line: number }>('runbook.runs.goToStep', runNode(book.runs[0]!));
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), uri.toString());
    assert.equal(editor.selection.active.line, at.line);
    assert.equal(editor.document.lineAt(at.line).text, '```bash');
    assert.equal(editor.document.lineAt(at.line + 1).text, '(exit 3)', 'the step that ran');

    const again = await vscode.commands.executeCommand<{ status: string; steps: { index: number }[] }>('runbook.runs.rerun', runNode(book.runs[1]!));
    assert.equal(again.status, 'ok');
    assert.deepEqual(again.steps.map(s => s.index), [0]);
    assert.equal(bookOf(await refresh(), 'runs-view.md')!.runs.length, 3, 'the new run is listed');

    const target = fixtureUri('reports/runs-view-incident.md').fsPath;
    const node = { kind: 'runbook', day: '', group: book };
    const report = await vscode.commands.executeCommand<{ scope?: { from: string; to: string; runbook?: string }; message?: string } | string | undefined>(
      'runbook.runs.exportReport', node, [node], { target });
    if (typeof report === 'object' && report?.scope) {
      // The report command is not in this build: the view says so and names the scope it would pass.
      assert.equal(report.scope.runbook, 'runs-view.md');
      assert.ok(report.scope.from <= book.runs[1]!.record.time && report.scope.to > book.runs[0]!.record.time);
    } else {
      // The report of the selection's window: it holds this runbook's runs.
      assert.equal(typeof report, 'string', `the report's URI: ${JSON.stringify(report)}`);
      assert.match(readFileSync(target, 'utf8'), /runs-view\.md/);
    }
  });

  test('a step no longer in the runbook is said so, not run', async () => {
    await runbookApi();
    const uri = writeRunbook('runs-gone.md', 'echo soon gone');
    await vscode.commands.executeCommand('runbook.runBlock', { uri: uri.toString(), index: 0 });
    const entry = bookOf(await refresh(), 'runs-gone.md')!.runs[0]!;
    // The runbook changes under the record: its one step goes.
    const doc = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(0, 0, doc.lineCount, 0), '# runs-gone.md\n\nNo steps any more.\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await doc.save();
    assert.doesNotMatch(doc.getText(), /```/);
    const r = await vscode.commands.executeCommand<{ message?: string; status?: string }>('runbook.runs.rerun', runNode(entry));
    assert.match(r.message ?? '', /no longer in runs-gone\.md|no step/i, JSON.stringify(r));
  });
});

suite('Runs view [untrusted]', () => {
  test('a recorded run is listed, and running it again is refused in Restricted Mode', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    await runbookApi();
    const uri = writeRunbook('runs-untrusted.md', 'echo hi');
    const file = fixtureUri(`.runbook/runs/${new Date().toISOString().slice(0, 10)}.jsonl`).fsPath;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ time: new Date().toISOString(), runbook: 'runs-untrusted.md', section: ['runs-untrusted.md'], block: 0, step: 1, environment: 'local', kind: 'shell', command: 'echo hi', status: 'ok', exitCode: 0, durationMs: 12, output: 'hi\n', outputTruncated: false, outputChars: 3 }) + '\n', { flag: 'a' });
    const book = bookOf(await refresh(), 'runs-untrusted.md');
    assert.ok(book, 'listed');
    assert.equal(book.runs[0]!.description, 'local · 12 ms · runs-untrusted.md');
    await vscode.window.showTextDocument(uri);
    const r = await vscode.commands.executeCommand<Outcome>('runbook.runs.rerun', runNode(book.runs[0]!));
    assert.equal(r.status, 'refused');
    assert.match(r.message ?? '', /not trusted/);
  });
});
