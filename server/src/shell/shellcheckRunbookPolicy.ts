// ShellCheck is written for scripts; a runbook block is a few commands a person types and watches.
// Some rules nag about exactly that style, so they are off by default (settings exclude) or
// downgraded here; the rules that find real bugs keep ShellCheck's level. README ("ShellCheck for
// runbooks") gives the same reasons.
import { DiagnosticSeverity } from 'vscode-languageserver-types';

/** Off by default: never worth an author's time in a documented, interactive step. */
export const runbookExcludes: readonly string[] = [
  // `export X=$(cmd)` hides cmd's exit status from `set -e`; nobody types a runbook under set -e,
  // and the reader sees the failure on screen.
  'SC2155',
  // `cd dir || exit` would close the reader's own terminal; a failed cd is visible at once.
  'SC2164',
  // `source <(kubectl completion bash)`: ShellCheck saying it cannot follow a file is no finding.
  'SC1090',
];

/** Downgraded: sometimes a bug in a script, mostly intended in a documented command. */
export const runbookDowngrades: Readonly<Record<number, DiagnosticSeverity>> = {
  // `kubectl logs $POD -n $NS`: the reader has just set a one-word value; quoting every
  // expansion makes the step harder to read for no gain.
  2086: DiagnosticSeverity.Hint,
  // `kubectl delete $(kubectl get pods -o name)`: the split into words is the point.
  2046: DiagnosticSeverity.Information,
  // `ROLE=admin`, `EDITOR=vim`: a value that happens to be a command name is meant as a string.
  2209: DiagnosticSeverity.Information,
  // `ls -l /var/log | grep syslog`: a person reads the listing; odd file names are a script's worry.
  2010: DiagnosticSeverity.Information,
};

// `-i, --interactive    Keep STDIN open`: a line of `--help` output pasted under its command.
// ShellCheck reads the flag as a command name (SC2215) ending in `,` (SC2288); a line broken off a
// real command (`  --namespace prod` after a missing `\`) has no two-space gap before prose.
const helpLine = /^[ \t]*-{1,2}[\w?][\w-]*(?:[ =][<[]?[\w.|-]+[>\]]?)?(?:,[ \t]*-{1,2}[\w-]+(?:[ =][<[]?[\w.|-]+[>\]]?)?)*,?(?:[ \t]{2,}|\t)\S/;

/** SC2215/SC2288 on a line that is `--help` output, not a command. */
export function isOutputLineFinding(code: number, line: string): boolean {
  return (code === 2215 || code === 2288) && helpLine.test(line);
}

/**
 * SC1xxx notes at `error` level that ShellCheck reports while parsing on: the block still parses,
 * so they are findings in their own right rather than the parse failure `shell/syntax` owns.
 * SC1101 (a space after a line-continuation `\`) splits the command in two when run.
 */
export const nonFatalParseNotes: ReadonlySet<number> = new Set([1101, 1017, 1018, 1100]);
