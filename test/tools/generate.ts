// Deterministic synthetic runbooks for tests and the benchmark: sections, lists, bash steps with
// placeholders, promql blocks, alert rules and inline metrics, in the proportions of field runbooks.

/** A small seeded PRNG (mulberry32), so that a size and a seed always give the same text. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const services = ['treasury', 'relay', 'ledger', 'mempool', 'gateway', 'indexer'];

function section(r: () => number, n: number): string {
  const svc = services[Math.floor(r() * services.length)];
  const metric = `${svc}_queue_depth`;
  const parts = [`## ${n}. ${svc} step ${n}\n`, `Symptoms: \`${metric}\` rises above 100 and \`${svc}_errors_total\` climbs.\n`];
  const kind = Math.floor(r() * 5);
  if (kind === 0) parts.push('```bash\n' + `systemctl status ${svc}-worker\njournalctl -u ${svc}-worker --since "10 min ago" | grep -i error\nkill -TERM <pid>\n` + '```\n');
  if (kind === 1) parts.push('```promql\n' + `# backlog by region\nsum by (region) (${metric})\n\nrate(${svc}_errors_total[5m]) > 0.1\n` + '```\n');
  if (kind === 2) parts.push('```yaml\ngroups:\n  - name: ' + svc + '\n    rules:\n      - alert: ' + svc[0].toUpperCase() + svc.slice(1) + 'Backlog\n        expr: ' + metric + ' > 100\n        for: 5m\n        labels:\n          severity: warning\n```\n');
  if (kind === 3) parts.push(`1. Drain the node:\n\n   \`\`\`bash\n   ${svc}ctl drain --node <node> 2>&1 | tee /tmp/drain-YYYYMMDD.log\n   \`\`\`\n\n2. Check \`${svc}_drain_seconds\`.\n`);
  if (kind === 4) parts.push('```bash\nprometheus_query() {\n  curl -s "$PROM/api/v1/query" --data-urlencode "query=$1"\n}\nprometheus_query \'' + metric + '\'\n```\n\nExpected output:\n```\n{"status":"success"}\n```\n');
  parts.push('- a list item with `inline` code\n- another item\n');
  return parts.join('\n');
}

export function generateRunbook(targetBytes: number, seed = 1): string {
  const r = rng(seed);
  const out: string[] = ['# Synthetic runbook\n\nGenerated for tests and benchmarks.\n'];
  let size = out[0].length;
  for (let n = 1; size < targetBytes; n++) {
    const s = section(r, n);
    out.push(s);
    size += s.length + 1;
  }
  return out.join('\n');
}
