// Where a command word starts in a shell snippet: at a line start, after an operator, and behind
// the wrappers people put in front of a destructive command (`sudo -u app`, `timeout 30`,
// `watch -n 5`, `xargs -I{}`, `… -- kubectl delete`, `ssh host 'rm -rf …'`, `bash -c "…"`,
// `bash <<EOF`). Rules that must start a command are matched only at these offsets, so
// `echo "kubectl delete"` and `grep pkill notes.txt` never match while wrapped commands do.
import { lexShell, regionAt as findRegion, type Region } from '../shell/lexer';

interface Wrapper {
  /** Options that take the next word as their value (`-u app`). */
  valued: RegExp;
  /** Positional words before the wrapped command (timeout's duration, ssh's host, chroot's dir). */
  positional?: number;
}

const wrappers: Record<string, Wrapper> = {
  sudo: { valued: /^-[ugCDhprtUT]$/ },
  doas: { valued: /^-[uC]$/ },
  env: { valued: /^-[uCS]$/ },
  nohup: { valued: /^$/ },
  time: { valued: /^-[fo]$/ },
  exec: { valued: /^-a$/ },
  command: { valued: /^$/ },
  builtin: { valued: /^$/ },
  nice: { valued: /^-n$/ },
  ionice: { valued: /^-[cnp]$/ },
  stdbuf: { valued: /^-[ioe]$/ },
  unbuffer: { valued: /^$/ },
  timeout: { valued: /^-[sk]$/, positional: 1 },
  watch: { valued: /^-[nqd]$|^--(?:interval|differences)$/ },
  xargs: { valued: /^-[IndPLEsa]$/ },
  chroot: { valued: /^--(?:userspec|groups)$/, positional: 1 },
  ssh: { valued: /^-[bcDEeFIiJLlmOoPpQRSWw]$/, positional: 1 },
};

// Words after which the next word is a command again.
const keywords = new Set(['if', 'then', 'else', 'elif', 'while', 'until', 'do', '!', '{', '(']);
const shells = /^(?:ba|z|da|k|fi)?sh$|^su$/;

export function commandStarts(text: string, regions: Region[] = lexShell(text)): number[] {
  const found = new Set<number>();
  scan(text, regions, 0, text.length, found);
  return [...found].sort((a, b) => a - b);
}

/** Offsets that begin a command in text[from, to), which is shell code. */
function scan(text: string, regions: Region[], from: number, to: number, found: Set<number>): void {
  const regionAt = (at: number) => findRegion(regions, at);
  const segmentStarts = [from];
  for (let i = from; i < to; i++) {
    const r = regionAt(i);
    if (r && r.kind !== 'code') {
      if (r.kind === 'double') {
        // `$(…)` and backticks run commands inside double quotes too.
        for (let j = Math.max(i, r.start); j < Math.min(r.end, to); j++) {
          if (text[j] === '`' || (text[j] === '(' && text[j - 1] === '$')) segmentStarts.push(j + 1);
        }
      } else if ((r.kind === 'heredoc' || r.kind === 'heredocQuoted') && feedsShell(text, r.start)) {
        // `bash <<EOF` / `ssh host <<'EOF'`: the here-document body is the script that runs.
        scan(text, lexShell(text.slice(r.start, r.end)).map((x) => ({ ...x, start: x.start + r.start, end: x.end + r.start })), r.start, r.end, found);
      }
      i = Math.min(r.end, to) - 1;
      continue;
    }
    const c = text[i];
    if (c === '\n' || c === ';' || c === '&' || c === '|' || c === '(' || c === '{' || c === '`' || c === '!') segmentStarts.push(i + 1);
    else if (c === '-' && /[ \t]/.test(text[i - 1] ?? '') && text.startsWith('-exec', i) && /^-exec(?:dir)?[ \t]/.test(text.slice(i, i + 9))) {
      segmentStarts.push(i + text.slice(i).indexOf(' ') + 1);
    } else if (c === '-' && text[i + 1] === '-' && /[ \t]/.test(text[i - 1] ?? '') && /[ \t]/.test(text[i + 2] ?? '')) {
      // `kubectl exec pod -- rm -rf /data`, `oc debug node/n -- chroot /host …`
      segmentStarts.push(i + 3);
    }
  }
  for (const s of segmentStarts) command(s);

  /** Records the command starting at `at` (after blanks) and the commands its wrappers run. */
  function command(at: number): void {
    let pos = skipBlanks(at);
    for (let guard = 0; guard < 20 && pos < to; guard++) {
      const word = readWord(pos);
      if (!word) return;
      // `FOO=bar cmd`: assignments come before the command word.
      if (/^[A-Za-z_]\w*=/.test(word.text)) { pos = skipBlanks(word.end); continue; }
      if (keywords.has(word.text)) { pos = skipBlanks(word.end); continue; }
      found.add(pos);
      const name = word.text.replace(/^.*\//, '');
      if (shells.test(name) || name === 'eval') { payload(word.end, name === 'eval'); return; }
      const w = wrappers[name];
      if (!w) return;
      pos = skipBlanks(word.end);
      let positional = w.positional ?? 0;
      while (pos < to) {
        const next = readWord(pos);
        if (!next) return;
        if (next.text === '--') { pos = skipBlanks(next.end); break; }
        if (next.text.startsWith('-') && next.text.length > 1) {
          pos = skipBlanks(next.end);
          if (w.valued.test(next.text)) pos = skipBlanks(readWord(pos)?.end ?? pos);
          continue;
        }
        if (name === 'env' && /^[A-Za-z_]\w*=/.test(next.text)) { pos = skipBlanks(next.end); continue; }
        if (positional > 0) { positional--; pos = skipBlanks(next.end); continue; }
        break;
      }
      // `ssh host 'rm -rf …'`, `watch "kubectl get …"`: the quoted word is the command line.
      const r = regionAt(pos);
      if (r && (r.kind === 'single' || r.kind === 'double') && r.start === pos) { quoted(r); return; }
    }
  }

  /** `bash -c '…'`, `su - app -c "…"`, `eval "…"`: the quoted argument is a script. */
  function payload(from: number, isEval: boolean): void {
    let pos = skipBlanks(from);
    while (pos < to) {
      const word = readWord(pos);
      if (!word) return;
      const r = regionAt(pos);
      const isQuoted = r && (r.kind === 'single' || r.kind === 'double') && r.start === pos;
      if (isEval) { if (isQuoted) quoted(r!); else command(pos); return; }
      if (word.text === '-c' || /^-[a-z]*c$/.test(word.text)) {
        const arg = skipBlanks(word.end);
        const q = regionAt(arg);
        if (q && (q.kind === 'single' || q.kind === 'double') && q.start === arg) quoted(q);
        else command(arg);
        return;
      }
      if (!word.text.startsWith('-') && !isQuoted && word.text !== 'root' && !/^[\w.-]+$/.test(word.text)) return;
      pos = skipBlanks(word.end);
    }
  }

  function quoted(r: Region): void {
    const inner = text.slice(r.start + 1, Math.max(r.start + 1, r.end - 1));
    const offset = r.start + 1;
    // A double-quoted payload has `\"` escapes; they are code quotes once the outer shell strips them.
    const code = r.kind === 'double' ? inner.replace(/\\(["\\$`])/g, ' $1') : inner;
    scan(code === inner ? text : text.slice(0, offset) + code + text.slice(offset + code.length),
      lexShell(code).map((x) => ({ ...x, start: x.start + offset, end: x.end + offset })), offset, offset + inner.length, found);
  }

  function skipBlanks(p: number): number {
    while (p < to && (text[p] === ' ' || text[p] === '\t')) p++;
    return p;
  }

  /** One shell word from `p`: quoted parts are jumped over whole. */
  function readWord(p: number): { text: string; end: number } | undefined {
    let e = p;
    while (e < to && !/[\s;&|()<>]/.test(text[e])) {
      const r = regionAt(e);
      if (r && (r.kind === 'single' || r.kind === 'double') && r.start === e) { e = Math.min(r.end, to); continue; }
      e++;
    }
    return e > p ? { text: text.slice(p, e), end: e } : undefined;
  }
}

/** The line that opened the here-document runs a shell on it (`bash <<EOF`, `ssh host <<'EOF'`). */
function feedsShell(text: string, bodyStart: number): boolean {
  const lineStart = text.lastIndexOf('\n', bodyStart - 2) + 1;
  const line = text.slice(lineStart, bodyStart);
  return /(?:^|[\s|;&(/])(?:(?:ba|z|da|k)?sh|ssh)(?=\s)[^<]*<</.test(line);
}

