// Hover: a PromQL function's signature and doc; a metric's live value, series, metadata and
// trend; or a whole expression's live result. Opening or hovering never runs anything but
// read-only queries against the chosen environment's Prometheus.
import { MarkupKind, type Hover, type Position, type Range } from 'vscode-languageserver/node';
import type { Feature } from '../featureContext';
import { liveMetricsOf } from '../liveMetrics';
import { promqlHoverAt, promqlFileHover } from '../../promql/documentFeatures';
import { promqlPlaceAt } from '../../promql/places';
import { metricHover } from '../../metrics/metricHover';
import { expressionHover } from '../../metrics/expressionHover';
import { errorHover } from '../../metrics/hoverText';
import { abortSignalOf } from '../cancellation';
import type { PrometheusClient } from '../../prometheus/client';
import { symptomAt, symptomHoverSection } from '../../symptoms/hover';

function contains(r: Range, p: Position): boolean {
  const after = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const before = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return after && before;
}

function strictlyInside(r: Range, p: Position): boolean {
  const after = p.line > r.start.line || (p.line === r.start.line && p.character > r.start.character);
  const before = p.line < r.end.line || (p.line === r.end.line && p.character < r.end.character);
  return after && before;
}

export const hoverFeature: Feature = {
  capabilities: { hoverProvider: true },
  register(ctx) {
    // On a symptom, whatever the hover shows is followed by the condition's result per series.
    ctx.connection.onHover(async (params, token): Promise<Hover | null> => {
      const base = await hoverAt(params, token);
      const doc = ctx.store.documents.get(params.textDocument.uri);
      const model = doc && doc.languageId !== 'promql' ? ctx.store.model(doc.uri) : undefined;
      const symptom = doc && model && symptomAt(model, doc.getText(), params.position);
      if (!symptom) return base;
      const target = await liveMetricsOf(ctx).current();
      if (!target.client) return base;
      const client = target.client;
      const section = await symptomHoverSection(symptom, target.envName, (expr, signal) => client.query(expr, { signal }), abortSignalOf(token));
      const before = base && typeof base.contents === 'object' && 'value' in base.contents ? `${base.contents.value}\n\n---\n\n` : '';
      return { contents: { kind: MarkupKind.Markdown, value: `${before}${section}` }, range: base?.range ?? symptom.range };
    });

    const hoverAt = async (params: Parameters<Parameters<typeof ctx.connection.onHover>[0]>[0], token: Parameters<Parameters<typeof ctx.connection.onHover>[0]>[1]): Promise<Hover | null> => {
      const doc = ctx.store.documents.get(params.textDocument.uri);
      if (!doc) return null;
      const text = doc.getText();
      const offset = doc.offsetAt(params.position);
      if (doc.languageId === 'promql') return promqlFileHover(text, offset) ?? null;
      const model = ctx.store.model(doc.uri);
      if (!model) return null;
      const signal = abortSignalOf(token);
      // One line saying why, when the environment has no usable Prometheus: never an empty hover.
      const live = async (render: (t: { envName: string; client: PrometheusClient }) => Promise<string>) => {
        const target = await liveMetricsOf(ctx).current();
        if (!target.client) return target.error ? errorHover(target.envName, new Error(target.error)) : `_No Prometheus is configured for environment **${target.envName}**._`;
        return render({ envName: target.envName, client: target.client });
      };

      const ref = ctx.store.analysis(doc.uri)?.metrics.find(m => contains(m.range, params.position));
      // On a function name: its signature and doc, then the whole expression evaluated live. Metric
      // names come from the same PromQL parse, so a position strictly inside one is not on a
      // function and the block need not be parsed again (the costliest part of a cached hover).
      const fn = ref && strictlyInside(ref.range, params.position) ? undefined : promqlHoverAt(model, text, offset);
      if (fn) {
        const place = promqlPlaceAt(model, text, offset);
        const doc = typeof fn.contents === 'object' && 'value' in fn.contents ? fn.contents.value : '';
        if (!place?.expr.trim()) return fn;
        const value = await live(t => expressionHover(place.expr.trim(), { client: t.client, envName: t.envName, signal }));
        return { contents: { kind: MarkupKind.Markdown, value: `${doc}\n\n---\n\n${value}` }, range: fn.range };
      }
      if (ref) {
        const value = await live(t => metricHover(ref.name, { client: t.client, envName: t.envName, signal }));
        return { contents: { kind: MarkupKind.Markdown, value }, range: ref.range };
      }
      // An inline name the heuristics did not claim (`treasury_disbursement_backlog` has no
      // metric suffix) is still worth a look when the environment knows it.
      const inline = model.inlineCodes.find(c => contains(c.range, params.position) && /^[a-zA-Z_:][a-zA-Z0-9_:]*_[a-zA-Z0-9_:]+$/.test(c.text));
      if (inline) {
        const target = await liveMetricsOf(ctx).current();
        const names = target.client ? await target.client.metricNames({ signal }).catch(() => [] as string[]) : [];
        if (!target.client || names.includes(inline.text)) {
          const value = await live(t => metricHover(inline.text, { client: t.client, envName: t.envName, signal }));
          return { contents: { kind: MarkupKind.Markdown, value }, range: inline.range };
        }
      }
      const place = promqlPlaceAt(model, text, offset);
      if (place && place.expr.trim()) {
        const value = await live(t => expressionHover(place.expr.trim(), { client: t.client, envName: t.envName, signal }));
        return { contents: { kind: MarkupKind.Markdown, value } };
      }
      return null;
    };
  },
};
