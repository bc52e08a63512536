// A fresh server answered its first keystroke JIT-cold: 40-60 ms on a 25 KB runbook against 4 ms
// once warm, mostly compiling the incremental paths (chunk refinement, memo lookups, the checks of
// an edited block) on first use. A few edits to a small built-in runbook at start-up, a turn at a
// time, pay that while the editor is still opening files. Nothing here touches the user's files.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { analyzeText } from '../analysis/pipeline';
import { buildModel } from '../model/build';
import type { Settings } from '../analysis/settings';

const uri = 'runbook-warmup:/sample.md';

const sample = [
  '# Mempool congestion', '', 'Check `accumen_mempool_size` and the error rate first.', '',
  '## Diagnose', '', '1. Look at the node:', '', '   ```bash', '   kubectl -n <namespace> logs <pod> --tail=50', '   echo "$RELEASE"', '   ```', '',
  '2. Query Prometheus:', '', '```promql', 'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) > 0.05', '```', '',
  '```yaml', 'groups:', '  - name: mempool', '    rules:', '      - alert: MempoolFull', '        expr: accumen_mempool_size > 5000', '        for: 10m', '```', '',
  '- kubectl rollout restart deploy/accumen', '',
].join('\n');

/** Analyses the sample and `edits` one-character edits inside its shell block; resolves with the last analysis. */
export async function warmUp(settings: Settings, edits = 4): Promise<Awaited<ReturnType<typeof analyzeText>>> {
  let text = sample;
  let result = await analyzeText(text, { uri, version: 1, settings, model: buildModel(text, uri, 1) });
  const at = text.indexOf('--tail=50') + '--tail=50'.length;
  for (let v = 2; v <= edits + 1; v++) {
    await nextTurn();
    text = text.slice(0, at) + 'x'.repeat(v - 1) + sample.slice(at);
    result = await analyzeText(text, { uri, version: v, settings, model: buildModel(text, uri, v) });
  }
  return result;
}

/**
 * The main thread's share when the analysis runs on a worker: the model a feature asks for
 * (outline, folding, lenses) is still built here, and its first build would otherwise be JIT-cold.
 */
export async function warmUpModel(edits = 4): Promise<void> {
  const at = sample.indexOf('--tail=50') + '--tail=50'.length;
  buildModel(sample, uri, 1);
  for (let v = 2; v <= edits + 1; v++) {
    await nextTurn();
    buildModel(sample.slice(0, at) + 'x'.repeat(v - 1) + sample.slice(at), uri, v);
  }
}
