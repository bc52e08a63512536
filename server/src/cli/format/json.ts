// Each file's diagnostics with LSP ranges (0-based), its blocks and its metric references.
import { severityWord } from './severityNames';
import type { Formatter } from './findings';

export const jsonFormat: Formatter = (files) => JSON.stringify({
  files: files.map((f) => ({
    path: f.path,
    diagnostics: f.diagnostics.map((d) => ({ range: d.range, severity: severityWord(d), code: d.code, source: d.source ?? 'runbook', message: d.message })),
    blocks: (f.blocks ?? []).map((b) => ({ lang: b.lang, info: b.info, range: b.range, closed: b.closed })),
    metrics: (f.metrics ?? []).map((m) => ({ name: m.name, range: m.range, source: m.source, confidence: m.confidence })),
  })),
}, null, 2) + '\n';
