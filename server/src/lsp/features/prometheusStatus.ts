// `runbook/prometheusStatus`: whether the chosen environment's Prometheus answers right now, for
// the editor's status bar. Asked by the client (on a switch, then every half minute), so an editor
// that shows no status costs nothing.
import type { Feature } from '../featureContext';
import { liveMetricsOf } from '../liveMetrics';
import { probe } from '../../prometheus/reachability';
import { PROMETHEUS_STATUS_REQUEST, type PrometheusStatus } from './prometheusStatusProtocol';

export const prometheusStatusFeature: Feature = {
  capabilities: {},
  register(ctx) {
    ctx.connection.onRequest(PROMETHEUS_STATUS_REQUEST, async (): Promise<PrometheusStatus> => {
      const target = await liveMetricsOf(ctx).current();
      if (!target.client) return { env: target.envName, state: 'none', ...(target.error ? { reason: target.error } : {}) };
      return { env: target.envName, ...await probe(target.client) };
    });
  },
};
