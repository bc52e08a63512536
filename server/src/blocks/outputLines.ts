// Program output pasted between the commands of a shell block without a prompt to tell them
// apart: an `ls -l` listing under `ls -al`, a `kubectl get` table, `Error from server …`. Run as
// shell, `-rw-r--r--` is "a flag used as a command name"; these lines are found so that the
// mismatch check can name them once and the shell checks skip them. Only shapes no command has.
import { isCommandLine } from './shellLooking';

export interface OutputSpan { start: number; end: number; startLine: number; endLine: number }

const lsRow = /^[ \t]*[-dlcbps][rwxsStT-]{9}[.+@]?[ \t]+\d+[ \t]+\S+[ \t]+\S+[ \t]+\d/;
const lsTotal = /^[ \t]*total \d+[ \t]*$/;
const tableHeader = /^[ \t]*[A-Z][A-Z_-]+(?: {2,}[A-Z][A-Z_() %-]*){2,}[ \t]*$/;
// One-line results: kubectl's errors and empty answers, Ceph's health summaries (`3 full osd(s)`).
const resultLine = /^[ \t]*(?:Error from server \(|error: (?:the server|unable to|no |resource|you must)|No resources found in |HEALTH_(?:OK|WARN|ERR)\b|\d+ [\w -]+\(s\)|[\w.-]+\/[\w.-]+ (?:created|deleted|configured|unchanged|patched|labeled|annotated|scaled|restarted|cordoned|uncordoned|drained|evicted)$|[a-z.]+ "[^"]+" (?:created|deleted|configured|unchanged|patched|labeled|annotated|scaled|restarted|cordoned|uncordoned|drained|evicted)$)/;

/** Offsets of lines that only output can be; `code(offset)` says whether the lexer sees code there. */
export function findOutputLines(text: string, code: (offset: number) => boolean): OutputSpan[] {
  const lines = text.split('\n');
  const starts: number[] = [];
  let pos = 0;
  for (const l of lines) { starts.push(pos); pos += l.length + 1; }
  const spans: OutputSpan[] = [];
  const add = (from: number, to: number) => spans.push({ start: starts[from] + lines[from].search(/\S/), end: starts[to] + lines[to].length, startLine: from, endLine: to });
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    if (!line.trim() || !code(starts[n] + line.search(/\S/))) continue;
    if (lsRow.test(line) || (lsTotal.test(line) && lsRow.test(lines[n + 1] ?? ''))) {
      let m = n + 1;
      while (m < lines.length && lsRow.test(lines[m])) m++;
      add(n, m - 1);
      n = m - 1;
    } else if (tableHeader.test(line)) {
      // The rows run to a blank line or the next command.
      let m = n + 1;
      while (m < lines.length && lines[m].trim() && !isCommandLine(lines[m])) m++;
      if (m > n + 1) { add(n, m - 1); n = m - 1; }
    } else if (resultLine.test(line)) {
      add(n, n);
    }
  }
  return spans;
}
