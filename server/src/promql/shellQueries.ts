// PromQL passed on a shell command line: `prometheus_query '…'` (a common runbook helper),
// `promtool query instant|range URL '…'`, and `query=` in curl form data or a URL. Arguments
// built from shell variables (`${query}`) cannot be checked and are skipped.
import { MappedText } from './mappedText';
import { shellCommands, shellTokens, type ShellToken } from './shellWords';

export interface ShellQuery {
  expr: MappedText;
  via: 'prometheus_query' | 'promtool' | 'curl-data' | 'url';
}

const TRIGGER = /prometheus_query|promtool|query=/;
const PROMTOOL_VALUE_FLAGS = new Set(['--time', '--start', '--end', '--step', '-o', '--format', '--http.config.file', '--header', '--lookback-delta']);
const CURL_DATA = new Set(['-d', '--data', '--data-raw', '--data-ascii', '--data-urlencode', '--data-binary']);

/** `a%20b+c` → `a b c`, keeping the source span of each decoded character. */
function formDecode(src: MappedText, from: number): MappedText {
  const out = new MappedText();
  const s = src.text;
  let i = from;
  while (i < s.length && s[i] !== '&') {
    if (s[i] === '+') { out.replaceFrom(' ', src, i, i + 1); i++; continue; }
    if (s[i] === '%' && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      let j = i;
      let bytes = '';
      while (s[j] === '%' && /^[0-9a-fA-F]{2}$/.test(s.slice(j + 1, j + 3))) { bytes += s.slice(j, j + 3); j += 3; }
      let decoded: string;
      try { decoded = decodeURIComponent(bytes); } catch { decoded = s.slice(i, j); }
      // One decoded character per source escape when ASCII; a multi-byte run maps as a whole.
      if (decoded.length * 3 === j - i) for (let k = 0; k < decoded.length; k++) out.replaceFrom(decoded[k], src, i + 3 * k, i + 3 * k + 3);
      else out.replaceFrom(decoded, src, i, j);
      i = j;
      continue;
    }
    out.takeFrom(src, i++);
  }
  return out;
}

function isWord(t: ShellToken | undefined, ...values: string[]): boolean {
  return !!t && values.includes(t.value.text.replace(/^.*\//, ''));
}

function fromCommand(cmd: ShellToken[], out: ShellQuery[], depth: number): void {
  const push = (t: ShellToken | undefined, via: ShellQuery['via'], expr?: MappedText) => {
    if (t && !t.expands && (expr ?? t.value).text.trim()) out.push({ expr: expr ?? t.value, via });
  };
  const used = new Set<ShellToken>();
  for (let i = 0; i < cmd.length; i++) {
    const w = cmd[i];
    if (isWord(w, 'prometheus_query')) {
      let j = i + 1;
      while (cmd[j] && /^-/.test(cmd[j].value.text)) j++;
      push(cmd[j], 'prometheus_query');
      if (cmd[j]) used.add(cmd[j]);
    } else if (isWord(w, 'promtool') && cmd[i + 1]?.value.text === 'query' && /^(instant|range)$/.test(cmd[i + 2]?.value.text ?? '')) {
      const positional: ShellToken[] = [];
      for (let j = i + 3; j < cmd.length && positional.length < 2; j++) {
        const t = cmd[j].value.text;
        if (t.startsWith('-')) { if (!t.includes('=') && PROMTOOL_VALUE_FLAGS.has(t)) j++; continue; }
        positional.push(cmd[j]);
      }
      push(positional[1], 'promtool');
      if (positional[1]) used.add(positional[1]);
    } else if (CURL_DATA.has(w.value.text) || [...CURL_DATA].some((f) => f.startsWith('--') && w.value.text.startsWith(`${f}=`))) {
      const inline = w.value.text.indexOf('=');
      const arg = inline > 0 && w.value.text.startsWith('--') ? { ...w, value: w.value.slice(inline + 1) } : cmd[i + 1];
      if (!arg || !arg.value.text.startsWith('query=')) continue;
      used.add(cmd[i + 1]);
      const raw = w.value.text.startsWith('--data-urlencode');
      push(arg, 'curl-data', raw ? arg.value.slice('query='.length) : formDecode(arg.value, 'query='.length));
    }
  }
  for (const w of cmd) {
    if (used.has(w)) continue;
    const m = /[?&]query=/.exec(w.value.text);
    if (m && /^\w+:\/\/|^[\w.-]+(:\d+)?\//.test(w.value.text)) { push(w, 'url', formDecode(w.value, m.index + m[0].length)); continue; }
    if (depth < 3 && /\s/.test(w.value.text) && TRIGGER.test(w.value.text)) findIn(w.value, out, depth + 1);
  }
}

function findIn(src: MappedText, out: ShellQuery[], depth: number): void {
  for (const cmd of shellCommands(shellTokens(src))) fromCommand(cmd, out, depth);
}

export function findShellQueries(body: string): ShellQuery[] {
  const out: ShellQuery[] = [];
  if (!TRIGGER.test(body)) return out;
  findIn(MappedText.identity(body), out, 0);
  return out;
}
