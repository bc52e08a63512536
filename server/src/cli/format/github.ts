// GitHub Actions workflow commands: `::error file=…,line=…,col=…::message`, one per finding, shown
// as annotations on the pull request. Hints are left out (suggestions, not findings worth an
// annotation; GitHub also caps annotations per step). Escaping follows the runner's rules: in the
// message `%`, CR and LF; in a property also `:` and `,`, which would end it.
import { severityWord, type SeverityWord } from './severityNames';
import type { Formatter } from './findings';

const COMMAND: Partial<Record<SeverityWord, string>> = { error: 'error', warning: 'warning', information: 'notice' };

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const githubFormat: Formatter = (files) => files.flatMap((f) => f.diagnostics.flatMap((d) => {
  const cmd = COMMAND[severityWord(d)];
  if (!cmd) return [];
  const props = [
    `file=${escapeProperty(f.path)}`,
    `line=${d.range.start.line + 1}`, `endLine=${d.range.end.line + 1}`,
    `col=${d.range.start.character + 1}`, `endColumn=${d.range.end.character + 1}`,
    `title=${escapeProperty(String(d.code ?? 'runbook'))}`,
  ];
  return [`::${cmd} ${props.join(',')}::${escapeData(d.message)}\n`];
})).join('');
