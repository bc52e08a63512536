// Completion and the unknown-metric check hitting a faulty Prometheus at the same time: whatever
// the fault, requests on the wire never exceed the client's concurrency limit, every call settles,
// and once the fault clears the next call goes through (no slot leaks, no pile-up).
import test from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { PrometheusClient } from '../../../server/src/prometheus/client';
import { completeMetrics } from '../../../server/src/metrics/completion';
import { checkUnknownMetrics } from '../../../server/src/metrics/unknownMetricsCheck';
import type { MetricRef } from '../../../server/src/analysis/types';
import { startHttpServer } from '../../support/servers';

type Mode = 'hang' | 'http500' | 'malformed' | 'oversized' | 'slow' | 'ok';
const LIMIT = 3;

function answer(res: ServerResponse, url: string): void {
  const data = url.includes('/label/__name__/values') ? ['http_requests_total', 'up']
    : url.includes('/values') ? ['api'] : url.includes('/labels') ? ['job'] : {};
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data }));
}

const ref = (name: string, line: number): MetricRef => ({ name, source: 'promql-block', confidence: 0.9, range: { start: { line, character: 0 }, end: { line, character: name.length } } });

for (const fault of ['hang', 'http500', 'malformed', 'oversized', 'slow'] as const) {
  test(`${fault}: completion + unknown-metric check together stay within ${LIMIT} in flight`, { timeout: 120_000 }, async () => {
    let mode: Mode = fault;
    let open = 0, maxOpen = 0;
    const srv = await startHttpServer((req, res) => {
      open++; maxOpen = Math.max(maxOpen, open);
      res.on('close', () => { open--; });
      const url = req.url ?? '';
      switch (mode) {
        case 'hang': return; // never answered; the client's timeout ends it
        case 'http500': res.writeHead(500, { 'content-type': 'application/json' }).end('{"status":"error","errorType":"internal","error":"boom"}'); return;
        case 'malformed': res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success","data":[1,2'); return;
        case 'oversized': res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"status":"success","data":["' + 'x'.repeat(512 * 1024) + '"]}'); return;
        case 'slow': setTimeout(() => answer(res, url), 150); return;
        case 'ok': answer(res, url);
      }
    });
    const client = new PrometheusClient({ name: 'prod', prometheus: { url: srv.url } }, { maxConcurrent: LIMIT, requestTimeoutMs: 800, maxResponseBytes: 64 * 1024 });
    let maxInFlight = 0;
    const sample = setInterval(() => { maxInFlight = Math.max(maxInFlight, client.inFlight); }, 2);
    try {
      const calls: Promise<unknown>[] = [];
      for (let i = 0; i < 8; i++) {
        // Distinct label-value and label-name completions (no request sharing), metric-name
        // completions, and the unknown-metric check, all at once as in a busy editor.
        calls.push(completeMetrics(client, `rate(m${i}_total{l${i}="`).catch(e => e));
        calls.push(completeMetrics(client, `sum(n${i}_total{`).catch(e => e));
        calls.push(completeMetrics(client, 'http_req').catch(e => e));
        calls.push(checkUnknownMetrics(client, [ref(`m${i}_total`, i)], 'prod'));
        maxInFlight = Math.max(maxInFlight, client.inFlight);
      }
      const results = await Promise.all(calls);
      maxInFlight = Math.max(maxInFlight, client.inFlight);
      assert.ok(maxInFlight <= LIMIT, `in flight reached ${maxInFlight}`);
      assert.ok(maxOpen <= LIMIT, `server saw ${maxOpen} requests open at once`);
      assert.ok(srv.requests.length >= LIMIT, 'the fault was actually hit');
      assert.equal(client.inFlight, 0);
      assert.equal(client.queued, 0);
      if (fault !== 'slow') {
        // The check stays silent rather than calling every metric unknown.
        for (let i = 3; i < results.length; i += 4) assert.deepEqual(results[i], []);
      }
      mode = 'ok';
      const after = await completeMetrics(client, 'rate(fresh_total{job="');
      assert.ok(after?.items.some(it => String(it.label).includes('api')), 'the next call after the fault goes through');
    } finally {
      clearInterval(sample);
      await client.close();
      await srv.stop();
    }
  });
}
