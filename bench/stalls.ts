// "Worst request wait" (issue 19 item 9): while the server analyses a hostile or huge runbook, how
// long does a request about another, small document wait? A prober sends a folding-range request
// for the small document every 25 ms without waiting for answers, from before the hostile input
// arrives until its last diagnostics are published; the figure is the longest any of them waited.
// Each case gets a fresh server (its peak RSS is the case's). Goal: no wait over 200 ms.
import { generateRunbook } from '../test/tools/generate';
import { startOurs } from './ourServer';
import type { LspSession } from './lspSession';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { Goal, Row } from './report';

export const WAIT_GOAL_MS = 200;
export const RSS_GOAL_MB = 500;

type Edit = { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string };

export interface StallCase {
  name: string;
  text: string;
  /** Edits sent after the open, each as its own didChange, without waiting in between. */
  edits?: Edit[];
}

export interface StallFigure { name: string; worstWaitMs: number; totalMs: number; peakRssMb: number; diagnostics: number; probes: number }

const at = (line: number, character: number, text: string): Edit => ({ range: { start: { line, character }, end: { line, character } }, text });

/** The cases of issue 19, at full size or (`tiny`) at toy size for the smoke test. */
export function stallCases(tiny: boolean): StallCase[] {
  const k = tiny ? 0.01 : 1;
  // Backtick runs of growing length on one line: `a``a```a… (each run opens a code span no later run closes).
  let ticks = '';
  for (let n = 1; ticks.length < 1_000_000 * k; n++) ticks += `${'`'.repeat(n)}a`;
  const parens = Math.round(400_000 * k);
  const bashLines = Math.round(100_000 * k);
  const big = generateRunbook(Math.round(4_800_000 * k), 19);
  const bigLines = big.split('\n').length;
  const typing = (n: number) => Array.from({ length: n }, (_, i) => at(Math.floor(bigLines / 2), 0, String.fromCharCode(97 + (i % 26))));
  return [
    { name: `1 MB line of backtick runs${tiny ? ' (tiny)' : ''}, then an edit before it`, text: `# Ticks\n\nIntro.\n\n${ticks}\n`, edits: [at(2, 0, 'x')] },
    { name: `${parens} nested parentheses in PromQL`, text: `# Parens\n\n\`\`\`promql\n${'('.repeat(parens)}up${')'.repeat(parens)}\n\`\`\`\n` },
    { name: `${bashLines}-line bash block`, text: `# Long\n\n\`\`\`bash\n${Array.from({ length: bashLines }, (_, i) => `rm -rf $DIR/<path${i % 7}> ; kill -9 <pid>`).join('\n')}\n\`\`\`\n` },
    { name: `typing in a ${(big.length / 1e6).toFixed(1)} MB runbook (20 keystrokes)`, text: big, edits: typing(20) },
    { name: `200 fast edits to a ${(big.length / 1e6).toFixed(1)} MB runbook`, text: big, edits: typing(200) },
  ];
}

const victimUri = 'file:///bench/victim.md';
const victim = '# Victim\n\n## Check\n\n```bash\nkubectl get pods -n "$NS"\n```\n\n```promql\nrate(http_requests_total[5m])\n```\n';

export async function stallFigure(c: StallCase, timeoutMs = 600_000): Promise<StallFigure> {
  const s = await startOurs();
  try {
    await s.initialized();
    const ready = s.diagnostics(victimUri);
    await s.open(victimUri, victim, 'markdown');
    await ready;
    const uri = 'file:///bench/hostile.md';
    const finalVersion = 1 + (c.edits?.length ?? 0);
    let last: PublishDiagnosticsParams | undefined;
    // The last pass of the final version: syntax first, then ShellCheck; wait for quiet after it.
    const done = new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`${c.name}: no diagnostics for version ${finalVersion} within ${timeoutMs} ms`)), timeoutMs);
      let quiet: NodeJS.Timeout | undefined;
      s.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
        if (p.uri !== uri || (p.version !== undefined && p.version !== finalVersion)) return;
        last = p;
        clearTimeout(quiet);
        quiet = setTimeout(() => { clearTimeout(t); resolve(); }, 1500);
      });
    });
    const probe = prober(s);
    const t0 = performance.now();
    await s.open(uri, c.text, 'markdown');
    for (const [i, e] of (c.edits ?? []).entries()) await s.change(uri, i + 2, [e]);
    await done;
    const totalMs = performance.now() - t0 - 1500;
    const waits = await probe.stop();
    return { name: c.name, worstWaitMs: Math.max(...waits), totalMs, peakRssMb: s.peakRssMb(), diagnostics: last?.diagnostics.length ?? 0, probes: waits.length };
  } finally {
    await s.stop();
  }
}

/** Sends a request about the victim every 25 ms; `stop` gives every request's wait. */
function prober(s: LspSession): { stop: () => Promise<number[]> } {
  const pending: Promise<number>[] = [];
  const timer = setInterval(() => {
    const t = performance.now();
    pending.push(s.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri: victimUri } }).then(() => performance.now() - t));
  }, 25);
  return { stop: async () => { clearInterval(timer); return Promise.all(pending); } };
}

/** Table rows and one PASS/FAIL line per case (wait) plus one for memory. */
export function stallReport(figs: StallFigure[]): { rows: Row[]; goals: Goal[] } {
  const rows: Row[] = figs.map((f) => ({
    figure: 'worst request wait (other document)', input: f.name, ms: f.worstWaitMs,
    note: `${f.probes} requests; analysis ${(f.totalMs / 1000).toFixed(1)} s; ${f.diagnostics} diagnostics; peak RSS ${f.peakRssMb.toFixed(0)} MB`,
  }));
  const goals: Goal[] = figs.map((f) => ({ name: `worst request wait < ${WAIT_GOAL_MS} ms: ${f.name}`, pass: f.worstWaitMs < WAIT_GOAL_MS, figure: `${f.worstWaitMs.toFixed(0)} ms` }));
  const worstRss = figs.reduce((a, b) => (b.peakRssMb > a.peakRssMb ? b : a));
  goals.push({ name: `server RSS < ${RSS_GOAL_MB} MB on every stall case`, pass: worstRss.peakRssMb < RSS_GOAL_MB, figure: `${worstRss.peakRssMb.toFixed(0)} MB peak (${worstRss.name})` });
  return { rows, goals };
}

export async function stallFigures(tiny: boolean, log: (s: string) => void): Promise<StallFigure[]> {
  const figs: StallFigure[] = [];
  for (const c of stallCases(tiny)) { log(`stall: ${c.name}`); figs.push(await stallFigure(c)); }
  return figs;
}
