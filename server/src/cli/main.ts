// `runbook` command line: the same engine as the editor, for CI pipelines and terminals.
import { checkCommand } from './check';
import { VERSION } from './version';

const usage = `usage:
  runbook check [--format text|json|sarif|github] [--env <name> [--runbook-url-prefix <url> ...]] <files or folders...>
  runbook run <file> --env <name> (--block N | --section "Heading" | --all) [--set name=value ...] [--confirm <env>]
  runbook symptoms <file> [--env <name>] [--format text|json]   exit 1 when a symptom is present
  runbook report [--since 2h | --from <time> --to <time>] [--env <name>] [--runbook <file>] [--format md|json] [--out <file.md>]
  runbook --version`;

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'check': return checkCommand(rest);
    case 'run': {
      const { runCommand } = await import('./run');
      return runCommand(rest);
    }
    case 'symptoms': {
      const { symptomsCommand } = await import('./symptoms');
      return symptomsCommand(rest);
    }
    case 'report': {
      const { reportCommand } = await import('./report');
      return reportCommand(rest);
    }
    case '--version': case '-v':
      console.log(`runbook ${VERSION}`);
      return 0;
    case undefined: case '--help': case '-h': case 'help':
      console.log(usage);
      return cmd === undefined ? 2 : 0;
    default:
      console.error(`runbook: unknown command '${cmd}'\n${usage}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  code => { process.exitCode = code; },
  (e: unknown) => {
    // A bug must still read as a message, not a stack trace, to someone at 3 a.m.
    console.error(`runbook: ${e instanceof Error ? e.message : String(e)}`);
    if (process.env.RUNBOOK_DEBUG) console.error(e);
    process.exitCode = 2;
  },
);
