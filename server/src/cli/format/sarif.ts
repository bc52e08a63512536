// SARIF 2.1.0 for code scanning (GitHub and others): one run, a rule per code with its help text,
// results with 1-based regions. Columns are UTF-16 code units, as LSP's are, and SARIF's end
// column is the one after the region, as LSP's end character is: both map by adding one.
import { relative, sep } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { policyFor } from '../../analysis/severityPolicy';
import { ruleHelp } from './ruleHelp';
import { severityWord, type SeverityWord } from './severityNames';
import type { Formatter } from './findings';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const LEVEL: Record<SeverityWord, 'error' | 'warning' | 'note' | 'none'> = { error: 'error', warning: 'warning', information: 'note', hint: 'none' };

export function sarifFormat(version: string, cwd = process.cwd()): Formatter {
  return (files) => {
    const samples = new Map<string, Diagnostic>();
    for (const f of files) for (const d of f.diagnostics) if (!samples.has(codeOf(d))) samples.set(codeOf(d), d);
    const ids = [...samples.keys()].sort();
    const index = new Map(ids.map((id, i) => [id, i]));
    const rules = ids.map((id) => {
      const help = ruleHelp(id, samples.get(id));
      const policy = policyFor(id);
      return {
        id,
        shortDescription: { text: help.text },
        help: { text: help.text },
        ...(help.uri ? { helpUri: help.uri } : {}),
        defaultConfiguration: { level: LEVEL[policy?.severity ?? severityWord(samples.get(id)!)] },
      };
    });
    const results = files.flatMap((f) => f.diagnostics.map((d) => ({
      ruleId: codeOf(d),
      ruleIndex: index.get(codeOf(d))!,
      level: LEVEL[severityWord(d)],
      message: { text: d.message },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: artifactUri(f.path, cwd), uriBaseId: '%SRCROOT%' },
          region: {
            startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1,
            endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1,
          },
        },
      }],
    })));
    return JSON.stringify({
      $schema: SCHEMA,
      version: '2.1.0',
      runs: [{
        tool: { driver: { name: 'runbook', version, rules } },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: `file://${encodePath(cwd.split(sep).join('/'))}/` } },
        results,
      }],
    }, null, 2) + '\n';
  };
}

function codeOf(d: Diagnostic): string { return String(d.code ?? 'runbook'); }

/** A path relative to the checkout root, as code scanning matches it against the repository. */
function artifactUri(path: string, cwd: string): string {
  const rel = relative(cwd, path).split(sep).join('/');
  return encodePath(rel.startsWith('../') ? path.split(sep).join('/') : rel);
}

function encodePath(p: string): string { return p.split('/').map(encodeURIComponent).join('/'); }
