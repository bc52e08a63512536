// The prompts people paste in front of commands, as data. A shell prompt means "what follows was
// typed into a shell"; a REPL prompt means it was typed into another program (SQL, gpg, gdb,
// Python, PowerShell) and is not shell at all.
import { isCommandLine } from '../blocks/shellLooking';

// `$ `, `% `, `host$ `, `~/src$ `, `user@host:~/src$ `, `root@node:/# `, `[root@node ~]# `, `sh-5.1# `,
// `bash-4.2$ `, each maybe after a virtualenv or conda name (`(venv) $ `); zsh themes' `❯ ` and
// `➜  repo git:(main) ✗ `.
const prompt = /^[ \t]*(?:\([\w.-]+\) )?(?:(?:[\w.-]+@[\w.-]+(?::[^\s$#]*)?|\[[\w.-]+@[^\]\n]+\]|(?:ba|z|k|da)?sh-\d+(?:\.\d+)*)[$#%]|(?:[\w.-]+(?::[^\s$#%]*)?|~[\w./-]*)?[$%]|❯|➜ +[\w.~-]+(?: git:\([^)\s]*\))?(?: ✗)?) /;
// `$mac docker ps`: a prompt naming the machine, told from `$CMD args` by its lower-case name and
// a command word after it (a known one, or a plain lower-case word such as `scutil`).
const namedPrompt = /^[ \t]*\$[a-z][a-z0-9-]* (?=[a-z][\w.-]*(?:\s|$))/;

// `> kubectl get pods`: some docs use `>` as the prompt; a redirection would not name a tool.
const anglePrompt = /^[ \t]*> (?=[a-z])/;

/** Length of the shell prompt at the start of `line`, or 0. */
export function shellPrompt(line: string): number {
  const p = prompt.exec(line);
  if (p) return p[0].length;
  const a = anglePrompt.exec(line);
  if (a && isCommandLine(line.slice(a[0].length))) return a[0].length;
  const n = namedPrompt.exec(line);
  return n ? n[0].length : 0;
}

/** `# cmd`: root's prompt in some transcripts, a comment everywhere else (the caller decides). */
export const rootPrompt = /^[ \t]*# (?=\S)/;

const repl = new RegExp('^[ \\t]*(?:' + [
  // `gpg/card> `, `mysql> `, `sqlite> `, `cqlsh:ks> `, `ftp> `, `127.0.0.1:6379> `, `rs0:PRIMARY> `
  String.raw`(?:gpg(?:/card)?|mysql|mariadb|MariaDB \[[^\]\n]*\]|sqlite3?|cqlsh(?::\w+)?|mongo(?:sh)?|test|admin|ftp|sftp|lftp|redis(?: [\d.:]+)?|[\d.]+:\d+|rs\d*:\w+|irb\([^)\n]*\):\d+:\d+|iex\(\d+\)|scala|ghci|zkCli|etcdctl)> `,
  // `postgres=# `, `app=> `, `postgres-# ` (psql's continuation)
  String.raw`[\w-]+(?:\([\w-]+\))?[=-][#>] `,
  String.raw`\((?:gdb|lldb|Pdb)\) `,
  // Rails and SQL consoles: `[1] pry(main)> `, `SQL> `, `hive> `, `trino> `
  String.raw`\[\d+\] pry\([^)\n]*\)> `,
  String.raw`(?:SQL|hive|trino|presto|spark-sql|ksql|clickhouse)> `,
  '>>> ',
  // PowerShell: the commands are PowerShell, which a bash block can neither check nor run.
  String.raw`PS [^>\n]*> `,
  // cmd.exe: `C:\Users\ops> `
  String.raw`[A-Z]:\\[^>\n]*> `,
].join('|') + ')');

/** Length of a REPL prompt at the start of `line`, or 0. */
export function replPrompt(line: string): number {
  return repl.exec(line)?.[0].length ?? 0;
}
