// The analysis worker: every document's analysis runs here, so the server's main thread only
// answers requests and publishes. A version made stale by a newer one stops at the next block
// (the main thread flips its shared cancel flag); what comes back is capped diagnostics and
// metrics, in batches, never the model (a 4.8 MB runbook's model is 28 MB serialised).
import { parentPort } from 'node:worker_threads';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { runPasses, planFindings } from './passes';
import { metricBatch, type FromWorker, type ToWorker } from './protocol';
import { stopShellcheck, watchShellcheckProcesses } from '../shell/shellcheck';
import { warmUp } from '../lsp/warmUp';
import { defaultSettings } from '../analysis/settings';

const port = parentPort!;
const post = (m: FromWorker) => port.postMessage(m);
watchShellcheckProcesses((pid, alive) => post({ type: 'shellcheck', pid, alive }));

// The JIT warms up here, where the analysis runs, before the first document arrives.
void warmUp({ ...defaultSettings, shellcheck: { ...defaultSettings.shellcheck, enabled: false } }).catch(() => undefined);

port.on('message', (m: ToWorker) => {
  if (m.type === 'shutdown') { stopShellcheck(); return; }
  if (m.type === 'plan') {
    planFindings(m.input).then(findings => post({ type: 'plan', id: m.id, findings }), (e: unknown) => post({ type: 'plan', id: m.id, error: message(e) }));
    return;
  }
  const stale = () => Atomics.load(m.cancel, 0) !== 0;
  let previous: PassMetrics | undefined;
  runPasses(m.input, stale, async (pass, r) => {
    // The slow pass only adds to the fast one's findings: as many metrics means the same ones.
    const sameMetrics = previous !== undefined && previous.length === r.metrics.length;
    const { metrics, ...rest } = r;
    post({ type: 'pass', id: m.id, pass, ...rest, metricCount: metrics.length, sameMetrics });
    if (!sameMetrics) {
      for (let i = 0; i < r.metrics.length; i += metricBatch) post({ type: 'metrics', id: m.id, batch: r.metrics.slice(i, i + metricBatch) });
    }
    previous = r.metrics;
    await nextTurn();
  }).then(
    outcome => post({ type: 'done', id: m.id, abandoned: outcome === 'abandoned' }),
    (e: unknown) => post({ type: 'done', id: m.id, abandoned: false, error: message(e) }),
  );
});

type PassMetrics = readonly unknown[];

function message(e: unknown): string { return e instanceof Error ? e.message : String(e); }
