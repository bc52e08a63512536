// The JSON bodies of console HTTP requests (`GET _search` then `{ … }`), wherever they are fenced:
// ```http, ```json (whose request line is not JSON, so json/syntax leaves the block to this check)
// or a shell tag that block/language-mismatch has already named. Only the bodies can be checked.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { BlockAnalyzer, BlockFindings, LocalDiagnostic } from '../analysis/types';
import type { CodeBlock } from '../model/types';
import { prepareShell } from '../shell/prepare';
import { consoleRequests } from './consoleRequests';
import { jsonFindings } from './jsonSyntax';

/** A bulk body (one JSON document per line, as `_bulk` takes) is valid when every line is. */
function isNdjson(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim());
  return lines.length > 1 && lines.every((l) => { try { JSON.parse(l); return true; } catch { return false; } });
}

// Requests that remove data: the console's `curl -X DELETE`. Named like a dangerous command, and
// in the model's dangers, so that running the block asks first.
const removing = /^\s*(?:DELETE\s+\S+|POST\s+\S*_delete_by_query\b\S*)/;

export function consoleRequestFindings(body: string): BlockFindings {
  const diagnostics: LocalDiagnostic[] = [];
  const dangers: NonNullable<BlockFindings['dangers']> = [];
  for (const r of consoleRequests(body) ?? []) {
    const line = body.slice(r.line.start, r.line.end);
    if (removing.test(line)) {
      const reason = 'the request deletes what it names (an index, its documents)';
      dangers.push({ rule: 'http-delete', reason, span: r.line });
      diagnostics.push({ span: r.line, severity: DiagnosticSeverity.Warning, code: 'command/dangerous', message: `Dangerous request (http-delete): ${reason}.` });
    }
    if (!r.body) continue;
    const text = body.slice(r.body.start, r.body.end);
    // Templated bodies ({{var}}, REST Client) and Kibana's triple-quoted strings are not plain JSON.
    if (/\{\{|"""/.test(text) || isNdjson(text)) continue;
    for (const d of jsonFindings(text).diagnostics ?? []) {
      diagnostics.push({ ...d, span: { start: d.span.start + r.body.start, end: d.span.end + r.body.start } });
    }
  }
  return diagnostics.length ? { diagnostics, dangers } : {};
}

function applies(b: CodeBlock): boolean {
  return b.lang === 'http' || (b.lang === 'json' && b.rawLang === 'json') || b.lang === 'shell';
}

export const consoleRequestBodies: BlockAnalyzer = {
  id: 'block/console-request-bodies',
  appliesTo: applies,
  analyze: (block) => {
    if (block.lang === 'shell' && prepareShell(block.body).foreign?.kind !== 'http') return {};
    return consoleRequestFindings(block.body);
  },
};
