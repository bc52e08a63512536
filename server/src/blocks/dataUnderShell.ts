// JSON or YAML pasted under a shell tag (a response, a manifest) is checked as the JSON or YAML it
// is, once block/language-mismatch has said so: a real syntax error there is still one after the
// block is re-tagged, where bash's complaints about braces and colons would be beside the point.
import type { BlockAnalyzer, BlockFindings } from '../analysis/types';
import { prepareShell } from '../shell/prepare';
import { jsonFindings } from './jsonSyntax';
import { yamlFindings } from './yamlSyntax';

export function dataUnderShellFindings(body: string): BlockFindings {
  const kind = prepareShell(body).foreign?.kind;
  return kind === 'json' ? jsonFindings(body) : kind === 'yaml' ? yamlFindings(body) : {};
}

export const dataUnderShell: BlockAnalyzer = {
  id: 'block/data-under-shell',
  appliesTo: (b) => b.lang === 'shell',
  analyze: (block) => dataUnderShellFindings(block.body),
};
