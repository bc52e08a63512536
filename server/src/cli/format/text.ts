// Compiler-style lines, `path:line:col: severity code message`, 1-based.
import { severityWord } from './severityNames';
import type { Formatter } from './findings';

export const textFormat: Formatter = (files) => files.flatMap((f) => f.diagnostics.map((d) =>
  `${f.path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${severityWord(d)} ${d.code} ${d.message}\n`)).join('');
