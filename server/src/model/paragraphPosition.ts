// Positions inside a paragraph from its own text: line k of Paragraph.text is document line
// range.start.line + k, and only the first line is offset by the paragraph's start column. This
// spares prose checks a line table of the whole document on every keystroke.
import type { Paragraph, Position } from './types';

/**
 * The position of `rel` (an offset into p.text), or undefined when the paragraph holds a lone CR,
 * which LSP counts as a line break and this line count does not: the caller asks the document.
 */
export function positionInParagraph(p: Paragraph, rel: number): Position | undefined {
  if (p.text.includes('\r') && /\r(?!\n)/.test(p.text)) return undefined;
  let line = 0, lineStart = 0;
  for (let i = p.text.indexOf('\n'); i !== -1 && i < rel; i = p.text.indexOf('\n', i + 1)) { line++; lineStart = i + 1; }
  return line === 0
    ? { line: p.range.start.line, character: p.range.start.character + rel }
    : { line: p.range.start.line + line, character: rel - lineStart };
}
