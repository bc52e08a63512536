// The incident report as Markdown: header, timeline, metric snapshots, and the sections the author
// fills in. Written for GitHub and VS Code's preview alike: tables, fenced code, <details> for
// output, images by relative path. Everything from records is escaped (markdownText.ts).
import type { TimelineRecord, EventRecord } from '../run/recordKinds';
import type { RunRecord } from '../run/records';
import type { VerificationOutcome } from '../verify/poll';
import { formatDuration, resultLabel } from '../run/label';
import { stepFailed } from '../run/outcomeText';
import { fenced, mdCode, mdText } from './markdownText';
import { outputExcerpt } from './outputExcerpt';
import { symptomCheckSummary } from '../symptoms/checkRecord';
import type { IncidentReport } from './report';

export function renderReport(r: IncidentReport): string {
  const steps = r.records.filter(isStep);
  const failed = steps.filter(stepFailed).length;
  const out: string[] = [
    `# Incident report: ${day(r.window.from)} ${clock(r.window.from)} – ${day(r.window.to) === day(r.window.from) ? '' : `${day(r.window.to)} `}${clock(r.window.to)} UTC`,
    '',
    '| | |', '|---|---|',
    `| Time range | ${r.window.from.toISOString()} → ${r.window.to.toISOString()} |`,
    `| Environments | ${list(r.environments)} |`,
    `| Ran by | ${list(r.ranBy)} |`,
    `| Runbooks | ${list(r.runbooks)} |`,
    `| Steps | ${steps.length} run, ${failed} failed |`,
    ...(r.records.length > steps.length ? [`| Other events | ${r.records.length - steps.length} |`] : []),
    `| Generated | ${r.generatedAt.toISOString()} from the run records |`,
    '',
  ];
  if (r.skipped) out.push(`> ${r.skipped} record line(s) could not be read and are left out.`, '');
  out.push('## Timeline', '');
  if (!r.records.length) out.push('No run records in this time range.', '');
  const when = day(r.window.from) === day(r.window.to) ? clock : (d: Date) => `${day(d)} ${clock(d)}`;
  r.records.forEach((rec, i) => out.push(...(isStep(rec) ? stepEntry(rec, i + 1, when) : eventEntry(rec, i + 1, when)), ''));
  out.push('## Metric snapshots', '');
  if (r.snapshotNote) out.push(r.snapshotNote, '');
  if (r.snapshots.length) {
    out.push('| Metric | Environment | Shown as | At first event | At last event |', '|---|---|---|---|---|');
    for (const s of r.snapshots) out.push(`| ${mdCode(s.metric)} | ${mdText(s.environment)} | ${mdCode(s.expr)} | ${s.error ? '—' : mdText(s.first ?? 'no data')} | ${s.error ? '—' : mdText(s.last ?? 'no data')} |`);
    out.push('');
    for (const s of r.snapshots) {
      if (s.error) { out.push(`${mdCode(s.metric)} in ${mdText(s.environment)}: no values (${mdText(s.error)}).`, ''); continue; }
      if (s.chart) out.push(`![${mdText(`${s.metric} in ${s.environment}`)}](${encodeURI(s.chart)})`, '');
    }
  } else if (!r.snapshotNote) out.push('The steps referenced no metrics.', '');
  out.push(
    '## Impact', '', '_Who and what was affected, from when to when._', '',
    '## Root cause', '', '_What caused it, and why it was not caught earlier._', '',
    '## Follow-ups', '', '- [ ] _Action, owner, due date_', '',
  );
  return out.join('\n');
}

function isStep(r: TimelineRecord): r is RunRecord & { event?: undefined } { return r.event === undefined; }

function stepEntry(r: RunRecord, n: number, when: (d: Date) => string): string[] {
  const where = [r.runbook, ...r.section].map(mdText).join(' › ');
  const label = r.status === 'error' ? `✗ ${r.note ?? 'not run'}` : resultLabel({ ...r, status: r.status });
  const out = [
    `### ${n}. ${when(new Date(r.time))} · step ${r.step ?? r.block + 1} · ${where}`,
    '',
    `**${mdText(label)}** · exit code ${r.exitCode}${r.status === 'ok' || r.status === 'timeout' ? '' : ` · ${formatDuration(r.durationMs)}`} · ${mdText(r.environment)}${r.ranBy ? ` · ${mdText(operator(r.ranBy))}` : ''}`,
    '',
  ];
  if (r.verification) out.push(verificationLine(r.verification), '');
  if (r.failure) out.push(`First failing line: line ${r.failure.line}, ${mdCode(r.failure.text)} (exit ${r.failure.exitCode})`, '');
  out.push(fenced(r.command, r.kind === 'promql' ? 'promql' : 'bash'), '');
  const ex = outputExcerpt(r.output);
  if (ex.lines) {
    const what = ex.omitted ? `first and last lines of ${ex.lines}` : `${ex.lines} line${ex.lines === 1 ? '' : 's'}`;
    out.push('<details>', `<summary>Output (${what}${r.outputTruncated ? ', cut at the record limit' : ''})</summary>`, '', fenced(ex.text, 'text'), '', '</details>');
  } else out.push('_No output._');
  if (r.expected && !r.expected.matched) out.push('', `Expected output differs: ${r.expected.differences.map(mdText).join('; ')}`);
  return out;
}

function eventEntry(r: EventRecord, n: number, when: (d: Date) => string): string[] {
  const head = `### ${n}. ${when(new Date(r.time))} · `;
  const where = r.runbook ? ` · ${[r.runbook, ...(r.section ?? [])].map(mdText).join(' › ')}` : '';
  const by = r.ranBy ? ` · ${mdText(operator(r.ranBy))}` : '';
  const out: string[] = [];
  switch (r.event) {
    case 'symptom-check':
      out.push(`${head}symptom check: ${symptomCheckSummary(r, mdCode)}${where}`, '',
        `${mdText(r.environment)}${by}${r.durationMs !== undefined ? ` · ${formatDuration(r.durationMs)}` : ''}`, '',
        ...r.symptoms.map(s => `- ${s.line ? `line ${s.line}: ` : ''}${mdCode(s.expr)} ${mdText(s.label)}`));
      break;
    case 'silence': {
      // What a reader of the timeline asks first: which alerts, until when, who.
      const what = [r.matchers.map(mdCode).join(', ') || mdCode(r.id), ...(r.endsAt ? [`until ${mdText(r.endsAt)}`] : []), ...(r.ranBy ? [`by ${mdText(operator(r.ranBy))}`] : [])];
      out.push(`${head}silence ${r.action} (${what.join(', ')})${where}`, '',
        `silence ${mdCode(r.id)} · ${mdText(r.environment)}`);
      if (r.comment) out.push('', `> ${mdText(r.comment)}`);
      break;
    }
  }
  if (r.note) out.push('', mdText(r.note));
  return out;
}

function verificationLine(v: VerificationOutcome): string {
  const what = v.kind === 'precondition' ? 'Precondition' : 'Verification';
  const result = v.holds ? 'held' : v.aborted ? 'cut short' : 'did not hold';
  const failing = !v.holds && v.condition ? `: ${mdCode(v.condition)}${v.lastValue ? ` (${mdText(v.lastValue)})` : ''}` : '';
  return `${what} ${result}${failing} · ${v.polls} poll${v.polls === 1 ? '' : 's'} over ${formatDuration(v.waitedMs)}`;
}

const operator = (o: { user: string; email?: string }) => (o.email ? `${o.user} (${o.email})` : o.user);
const list = (xs: readonly string[]) => (xs.length ? xs.map(mdText).join(', ') : '—');
const day = (d: Date) => d.toISOString().slice(0, 10);
const clock = (d: Date) => d.toISOString().slice(11, 19);
