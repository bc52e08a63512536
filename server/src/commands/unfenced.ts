// `markdown/unfenced-command`: a command typed as a prose line (`kubectl rollout restart …` inside
// a list item) can't be checked or run. Only lines that are clearly commands are flagged: a known
// tool followed by one of its subcommands, a `python3 ops/…` script, or `sudo` + a command.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { DocumentAnalyzer, Fix, TextEditDoc } from '../analysis/types';
import { isCommandLine } from '../blocks/shellLooking';
import { ContentMemo } from '../analysis/contentMemo';
import { positionInParagraph } from '../model/paragraphPosition';
import { fencePrefix } from '../markdown/fencePrefix';

const patterns = [
  /^kubectl\s+(?:-\S+\s+)*(?:get|describe|logs|apply|delete|exec|rollout|scale|top|port-forward|edit|patch|label|annotate|create|run|cp|config|drain|cordon|uncordon|auth|wait|set|debug)\b/,
  /^helm\s+(?:install|upgrade|rollback|uninstall|list|ls|status|history|get|repo|template|lint|show|dependency|pull|test|search|diff)\b/,
  /^docker(?:-compose|\s+compose)\s+(?:-\S+\s+)*(?:up|down|ps|logs|restart|stop|start|pull|build|exec|run|config|top|kill|rm)\b/,
  /^docker\s+(?:run|exec|ps|logs|restart|stop|start|pull|build|inspect|stats|rm|rmi|system)\b/,
  /^python3?\s+(?:ops|scripts|tools|bin)\/\S+/,
];

/** Is this prose line (prefix already stripped) clearly a shell command? */
export function isUnfencedCommand(line: string): boolean {
  const t = line.trim();
  if (patterns.some((re) => re.test(t))) return true;
  const sudo = /^sudo\s+(?:-\S+\s+)*(\S.*)$/.exec(t);
  return !!sudo && isCommandLine(sudo[1]);
}

/** A run of command lines in one paragraph, in offsets into the paragraph's text. */
interface CommandRun { start: number; end: number; lines: number; contents: string[] }

// Per paragraph text: almost every paragraph has none, and only the edited one is re-scanned.
const runsOf = new ContentMemo<CommandRun[]>((text) => {
  const runs: CommandRun[] = [];
  let offset = 0;
  const lines = text.split('\n').map((raw, i) => {
    const lineStart = offset;
    offset += raw.length + 1;
    const prefixLen = i === 0 ? 0 : /^[ \t>]*/.exec(raw)![0].length;
    return { content: raw.slice(prefixLen).trimEnd(), start: lineStart + prefixLen };
  });
  for (let i = 0; i < lines.length; i++) {
    if (!isUnfencedCommand(lines[i].content)) continue;
    let j = i;
    while (j + 1 < lines.length && isUnfencedCommand(lines[j + 1].content)) j++;
    const run = lines.slice(i, j + 1);
    runs.push({ start: lines[i].start, end: lines[j].start + lines[j].content.length, lines: run.length, contents: run.map((l) => l.content) });
    i = j;
  }
  return runs;
});

export const unfencedCommands: DocumentAnalyzer = {
  id: 'markdown/unfenced-command',
  analyze: ({ model, text, document }) => {
    const diagnostics: Diagnostic[] = [];
    for (const p of model.paragraphs) {
      for (const run of runsOf.get(p.text)) {
        const at = (rel: number) => positionInParagraph(p, rel) ?? document().positionAt(p.offset + rel);
        const start = at(run.start);
        const end = at(run.end);
        // The fence must sit at the paragraph's own indentation (list item, block quote).
        const linePrefix = fencePrefix(text, p.offset + run.start);
        const body = run.contents.join(`\n${linePrefix}`);
        const fix: Fix<TextEditDoc> = {
          title: 'Wrap in a ```bash block',
          isPreferred: true,
          edits: [{ range: { start, end }, newText: `\`\`\`bash\n${linePrefix}${body}\n${linePrefix}\`\`\`` }],
        };
        diagnostics.push({
          range: { start, end },
          severity: DiagnosticSeverity.Hint,
          code: 'markdown/unfenced-command',
          source: 'runbook',
          message: run.lines > 1 ? 'These lines are commands: put them in a ```bash block so they are checked and can be run.'
            : 'This line is a command: put it in a ```bash block so it is checked and can be run.',
          data: { fixes: [fix] },
        });
      }
    }
    return { diagnostics };
  },
};
