// Small runbooks for the repository-check tests: shell blocks with ShellCheck findings, an error,
// and (optionally) one big file first, which finishes last when files are checked in parallel.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeRunbooks(dir: string, count: number, opts: { bigFirst?: boolean } = {}): string[] {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = join(dir, `r${String(i).padStart(2, '0')}.md`);
    const parts = [`# Runbook ${i}\n`, '## Check\n', '```bash\n' + `for f in $(ls /var/log/app${i}); do echo $f; done\n` + '```\n',
      '## Fix\n', '```bash\n' + `kubectl delete pod web-${i} -n $NS\n` + 'echo "unclosed\n```\n'];
    if (i % 3 === 0) parts.push('```promql\n' + `rate(http_requests_total[5m]) by (job${i})\n` + '```\n');
    if (opts.bigFirst && i === 0) {
      for (let s = 0; s < 300; s++) parts.push(`## Step ${s}\n\nRun this.\n\n` + '```bash\n' + `grep -r $PATTERN${s} /srv/${s} | wc -l\n` + '```\n');
    }
    writeFileSync(name, parts.join('\n'));
    files.push(name);
  }
  return files;
}
