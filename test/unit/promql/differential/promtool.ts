// The oracle: Prometheus's own parser, through `promtool check rules`. One spawn checks a whole
// batch: every expression becomes a recording rule, and promtool reports each rule that fails to
// parse by its index, with the parser's message.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function promtoolVersion(): string | undefined {
  const r = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return undefined;
  return /version (\S+)/.exec(r.stdout + r.stderr)?.[1] ?? 'unknown';
}

/** promtool's verdict per expression: undefined when it parses, else the parser's message. */
export function promtoolVerdicts(exprs: readonly string[]): (string | undefined)[] {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-promtool-'));
  try {
    const file = join(dir, 'rules.yml');
    // A JSON string is a YAML double-quoted scalar, so any expression (newlines, quotes, backslashes)
    // reaches the parser byte for byte.
    const rules = exprs.map((e, i) => `  - record: r${i}\n    expr: ${JSON.stringify(e)}\n`).join('');
    writeFileSync(file, `groups:\n- name: g\n  rules:\n${rules}`);
    const r = spawnSync('promtool', ['check', 'rules', file], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.error) throw r.error;
    const out: (string | undefined)[] = exprs.map(() => undefined);
    const seen = new Set<number>();
    for (const line of (r.stdout + r.stderr).split('\n')) {
      const m = /group "g", rule (\d+), "r\d+": could not parse expression: (.*)$/.exec(line);
      if (m) { out[Number(m[1]) - 1] = m[2]; seen.add(Number(m[1]) - 1); }
    }
    // Anything else failing (the YAML itself) would silently read as "all valid": refuse instead.
    if (r.status !== 0 && !seen.size) throw new Error(`promtool failed without a parse error:\n${r.stdout}${r.stderr}`);
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
