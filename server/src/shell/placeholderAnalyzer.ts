// `placeholder`: values the reader must fill in (`<pid>`, `YYYYMMDD`, `...`). A hint in the
// editor, and a list in the model so that the run step prompts once per name.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { BlockAnalyzer, BlockFindings } from '../analysis/types';
import { prepareShell } from './prepare';
import { isShellBlock } from './syntaxAnalyzer';

const describe: Record<string, (text: string) => string> = {
  angle: (t) => `${t} is a placeholder: replace it with a real value before running.`,
  brace: (t) => `${t} is a placeholder: replace it with a real value before running.`,
  bracket: (t) => `${t} is a placeholder: replace it with one real value before running.`,
  date: (t) => `${t} is a date template: replace it with a real date before running.`,
  ellipsis: () => 'This elision stands for omitted arguments: fill them in before running.',
};

export function placeholderFindings(body: string): BlockFindings {
  const prepared = prepareShell(body);
  if (prepared.foreign) return {};
  const hits = prepared.placeholders;
  return {
    placeholders: hits.map((h) => ({ name: h.name, kind: h.kind, text: h.text, span: { start: h.start, end: h.end } })),
    diagnostics: hits.map((h) => ({
      span: { start: h.start, end: h.end },
      severity: DiagnosticSeverity.Hint,
      code: 'placeholder',
      message: describe[h.kind](h.text),
    })),
  };
}

export const shellPlaceholders: BlockAnalyzer = {
  id: 'shell/placeholders',
  appliesTo: isShellBlock,
  analyze: (block) => placeholderFindings(block.body),
};
