// `block/language-mismatch`: a block tagged as shell whose content is JSON, YAML, a config file or
// program output, judged by content (never by a bash parse error alone); and an untagged block that
// reads as shell, which is offered the `bash` tag so it gets checked and a Run lens.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { BlockAnalyzer, BlockFindings, BodySpan, LocalDiagnostic, TextEditLocal } from '../analysis/types';
import type { CodeBlock } from '../model/types';
import { prepareShell } from '../shell/prepare';
import { isTranscript } from '../shell/transcript';
import { looksLikePromql } from './promqlLooking';
import { looksLikeShell } from './shellLooking';

const code = 'block/language-mismatch';

/** What is checked instead of shell, said in the message so the author knows the block is not ignored. */
const checkedAs: Partial<Record<string, string>> = {
  promql: ': it is checked as PromQL',
  json: ': it is checked as JSON',
  yaml: ': it is checked as YAML',
  http: ': its JSON bodies are checked',
  output: ': it is not checked as commands',
};

/** The first line with content, skipping `#` comments when there is anything else. */
function firstLineSpan(body: string): BodySpan {
  const m = /^[ \t]*([^#\s][^\n]*)/m.exec(body) ?? /\S[^\n]*/.exec(body);
  if (!m) return { start: 0, end: 0 };
  const text = m[1] ?? m[0];
  const start = m.index + m[0].indexOf(text);
  return { start, end: start + text.trimEnd().length };
}

function retag(infoString: string): LocalDiagnostic['fixes'] {
  return [{ title: `Change the block's language to \`${infoString}\``, edits: [{ infoString }], isPreferred: true }];
}

/** PromQL typed at `$ ` prompts: re-tagged, the prompts go too (a query has no prompt). */
function retagQueries(body: string): LocalDiagnostic['fixes'] {
  const edits: (TextEditLocal | { infoString: string })[] = [{ infoString: 'promql' }];
  let at = 0;
  for (const line of body.split('\n')) {
    const m = /^[ \t]*\$ /.exec(line);
    if (m) edits.push({ span: { start: at + m[0].length - 2, end: at + m[0].length }, newText: '' });
    at += line.length + 1;
  }
  return [{ title: 'Change the block\'s language to `promql`', edits, isPreferred: true }];
}

/** Output kept as documentation: `# ` before each line, so the block is runnable as written. */
function commentOut(body: string, start: number, end: number): NonNullable<LocalDiagnostic['fixes']>[number] {
  const edits: TextEditLocal[] = [];
  for (let at = start; at < end; at = body.indexOf('\n', at) + 1 || end) edits.push({ span: { start: at, end: at }, newText: '# ' });
  return { title: 'Turn the output lines into comments', edits };
}

export function languageMismatchFindings(block: Pick<CodeBlock, 'body' | 'lang' | 'rawLang' | 'kind'>): BlockFindings {
  const diagnostics: LocalDiagnostic[] = [];
  if (block.lang === 'shell') {
    const prepared = prepareShell(block.body);
    const tag = block.rawLang || 'shell';
    if (prepared.foreign) {
      diagnostics.push({
        span: firstLineSpan(block.body),
        severity: DiagnosticSeverity.Warning,
        code,
        message: `This \`${tag}\` block looks like ${prepared.foreign.label}, not shell${checkedAs[prepared.foreign.kind] ?? ''}.`,
        fixes: prepared.foreign.kind === 'promql' ? retagQueries(block.body) : retag(prepared.foreign.infoString),
      });
    }
    for (const s of prepared.embeddedJson) {
      diagnostics.push({
        span: { start: s.start + (block.body.slice(s.start).search(/\S/)), end: s.end },
        severity: DiagnosticSeverity.Warning,
        code,
        message: `These lines look like JSON output, not shell: move them to a \`json\` block (they are not checked as shell).`,
        fixes: [commentOut(block.body, s.start, s.end)],
      });
    }
    for (const s of prepared.embeddedOutput) {
      diagnostics.push({
        span: { start: s.start, end: s.end },
        severity: DiagnosticSeverity.Warning,
        code,
        message: `${s.endLine > s.startLine ? 'These lines look' : 'This line looks'} like program output, not shell: put the output in its own block, or a \`$ \` prompt before each command (they are not checked as shell).`,
        fixes: [commentOut(block.body, s.start, s.end)],
      });
    }
  } else if (block.lang === 'none' && block.kind === 'fenced') {
    const transcript = isTranscript(block.body);
    if (transcript || looksLikeShell(block.body)) {
      const infoString = transcript ? 'console' : 'bash';
      diagnostics.push({
        span: firstLineSpan(block.body),
        severity: DiagnosticSeverity.Hint,
        code,
        message: `This block looks like ${transcript ? 'a shell session' : 'shell commands'}: tag it \`${infoString}\` so it is checked and can be run.`,
        fixes: retag(infoString),
      });
    } else if (looksLikePromql(block.body)) {
      diagnostics.push({
        span: firstLineSpan(block.body),
        severity: DiagnosticSeverity.Hint,
        code,
        message: 'This block looks like a PromQL query: tag it `promql` so it is checked and can be run.',
        fixes: retag('promql'),
      });
    }
  }
  return diagnostics.length ? { diagnostics } : {};
}

export const languageMismatch: BlockAnalyzer = {
  id: code,
  appliesTo: (b) => b.lang === 'shell' || (b.lang === 'none' && b.kind === 'fenced'),
  analyze: (block) => languageMismatchFindings(block),
};
