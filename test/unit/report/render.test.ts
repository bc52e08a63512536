// The report's Markdown from hostile record text, the time window's parsing, and the chart's XML.
import test from 'node:test';
import assert from 'node:assert/strict';
import sax from 'sax';
import { renderReport } from '../../../server/src/report/render';
import { parseWindow, WindowError } from '../../../server/src/report/window';
import { windowChartSvg } from '../../../server/src/report/windowChart';
import type { IncidentReport } from '../../../server/src/report/report';

const step = {
  time: '2026-03-14T09:31:00Z', runbook: 'pay.md', section: ['Fix [me](http://evil.example) <img src=x onerror=alert(1)>'], block: 0, step: 1,
  environment: 'staging', kind: 'shell' as const, command: 'cat notes.md', status: 'ok' as const, exitCode: 0, durationMs: 20,
  output: 'before\n```\n# not a heading\n```\nafter\n', outputTruncated: false, outputChars: 40,
};

function report(over: Partial<IncidentReport> = {}): IncidentReport {
  return { window: { from: new Date('2026-03-14T09:00:00Z'), to: new Date('2026-03-14T10:00:00Z') }, generatedAt: new Date('2026-03-14T10:00:00Z'),
    environments: ['staging'], ranBy: ['ana'], runbooks: ['pay.md'], records: [step], skipped: 0, snapshots: [], ...over };
}

test('record text cannot add links, HTML or break out of its output fence', () => {
  const md = renderReport(report());
  assert.ok(md.includes('Fix \\[me\\](http://evil.example) \\<img src=x onerror=alert(1)\\>'), md);
  assert.ok(!/\]\(http:\/\/evil/.test(md.replace(/\\\]/g, '')), 'no live link');
  // The output holds a ``` fence: it sits in a four-backtick fence, so "# not a heading" stays output.
  assert.match(md, /````text\nbefore\n```\n# not a heading\n```\nafter\n````/);
});

test('an empty range says so, and the author sections are there', () => {
  const md = renderReport(report({ records: [], environments: [], runbooks: [], ranBy: [] }));
  assert.match(md, /No run records in this time range\./);
  assert.match(md, /\| Environments \| — \|/);
  assert.match(md, /## Impact[\s\S]*## Root cause[\s\S]*## Follow-ups/);
});

test('time windows: --since, --from/--to as times, dates or durations; bad input is an error', () => {
  const now = new Date('2026-03-14T12:00:00Z');
  assert.deepEqual(parseWindow({ since: '2h' }, now), { from: new Date('2026-03-14T10:00:00Z'), to: now });
  assert.deepEqual(parseWindow({ from: '2026-03-14T09:30', to: '2026-03-14T10:00Z' }, now), { from: new Date('2026-03-14T09:30:00Z'), to: new Date('2026-03-14T10:00:00Z') });
  assert.deepEqual(parseWindow({ from: '2026-03-13' }, now), { from: new Date('2026-03-13T00:00:00Z'), to: now });
  assert.deepEqual(parseWindow({ from: '3h', to: '1h' }, now), { from: new Date('2026-03-14T09:00:00Z'), to: new Date('2026-03-14T11:00:00Z') });
  assert.equal(parseWindow({}, now).from.toISOString(), '2026-03-13T12:00:00.000Z', 'the default is the last 24 hours');
  for (const bad of [{ since: 'soon' }, { since: '90' }, { from: '1h', to: '2h' }, { to: '1h' }, { since: '1h', from: '2h' }, { from: '2026-13-45' }]) {
    assert.throws(() => parseWindow(bad, now), WindowError, JSON.stringify(bad));
  }
});

test('the chart is well-formed XML even with hostile names, gaps and a flat line', () => {
  const p = sax.parser(true, {});
  p.onerror = (e: Error) => { throw e; };
  const svg = windowChartSvg('sum(x{a="<b>&\'"}) · prod\u0001', [{ t: 0, v: 1 }, { t: 10, v: NaN }, { t: 20, v: 1 }], { start: 0, end: 20 }, [{ t: 5, failed: true }]);
  p.write(svg).close();
  assert.match(svg, /M64\.0 /);
  assert.equal((svg.match(/M/g) ?? []).length, 2, 'a gap breaks the line');
});

test('timeline entries carry the date when the window spans days', () => {
  assert.match(renderReport(report()), /^### 1\. 09:31:00 · step 1 · /m);
  const twoDays = renderReport(report({ window: { from: new Date('2026-03-13T22:00:00Z'), to: new Date('2026-03-14T10:00:00Z') } }));
  assert.match(twoDays, /^### 1\. 2026-03-14 09:31:00 · step 1 · /m);
  assert.match(twoDays, /^# Incident report: 2026-03-13 22:00:00 – 2026-03-14 10:00:00 UTC$/m);
});
