// `markdown/unfenced-command`: a command typed as a prose line (`kubectl rollout restart …` inside
// a list item) can't be checked or run. Only lines that are clearly commands are flagged: a known
// tool followed by one of its subcommands, a `python3 ops/…` script, or `sudo` + a command.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { DocumentAnalyzer, Fix, TextEditDoc } from '../analysis/types';
import { isCommandLine } from '../blocks/shellLooking';

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

export const unfencedCommands: DocumentAnalyzer = {
  id: 'markdown/unfenced-command',
  analyze: ({ model, text }) => {
    const doc = TextDocument.create(model.uri, 'markdown', model.version, text);
    const diagnostics: Diagnostic[] = [];
    for (const p of model.paragraphs) {
      let offset = p.offset;
      const lines = p.text.split('\n').map((raw, i) => {
        const lineStart = offset;
        offset += raw.length + 1;
        const prefixLen = i === 0 ? 0 : /^[ \t>]*/.exec(raw)![0].length;
        return { content: raw.slice(prefixLen).trimEnd(), start: lineStart + prefixLen };
      });
      for (let i = 0; i < lines.length; i++) {
        if (!isUnfencedCommand(lines[i].content)) continue;
        let j = i;
        while (j + 1 < lines.length && isUnfencedCommand(lines[j + 1].content)) j++;
        const start = doc.positionAt(lines[i].start);
        const end = doc.positionAt(lines[j].start + lines[j].content.length);
        // The fence must sit at the paragraph's own indentation (list item, block quote).
        const linePrefix = text.slice(doc.offsetAt({ line: start.line, character: 0 }), lines[i].start).replace(/[^>\t]/g, ' ');
        const body = lines.slice(i, j + 1).map((l) => l.content).join(`\n${linePrefix}`);
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
          message: j > i ? 'These lines are commands: put them in a ```bash block so they are checked and can be run.'
            : 'This line is a command: put it in a ```bash block so it is checked and can be run.',
          data: { fixes: [fix] },
        });
        i = j;
      }
    }
    return { diagnostics };
  },
};
