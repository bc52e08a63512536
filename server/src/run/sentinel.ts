// Finds the end-of-block marker `<token>:<exit code>:[<line>:<code>]\n` in a shell's output stream. The token is
// random per block, so block output cannot fake it; chunks may split the marker anywhere.

export interface ScanResult {
  /** Output that is certainly not part of the marker. */
  text: string;
  /** Set once the marker line is complete. */
  exitCode?: number;
  /** The block's first failing command, when the marker names one (`<token>:<exit>:<line>:<code>`). */
  failure?: { line: number; exitCode: number };
  /** Output that followed the marker in the same chunk (background jobs), if any. */
  rest?: string;
}

export class SentinelScanner {
  private pending = '';
  constructor(private readonly token: string) {}

  push(chunk: string): ScanResult {
    this.pending += chunk;
    const at = this.pending.indexOf(this.token);
    if (at >= 0) {
      const nl = this.pending.indexOf('\n', at);
      if (nl < 0) {
        const text = this.pending.slice(0, at);
        this.pending = this.pending.slice(at);
        return { text };
      }
      const [exit, line, failed] = this.pending.slice(at + this.token.length + 1, nl).split(':').map((x) => (x === '' ? NaN : Number(x)));
      const res: ScanResult = { text: this.pending.slice(0, at), exitCode: Number.isFinite(exit) ? exit : 1, rest: this.pending.slice(nl + 1) };
      if (Number.isFinite(line) && Number.isFinite(failed)) res.failure = { line, exitCode: failed };
      this.pending = '';
      return res;
    }
    const hold = partialSuffix(this.pending, [this.token]);
    const text = this.pending.slice(0, this.pending.length - hold);
    this.pending = this.pending.slice(this.pending.length - hold);
    return { text };
  }

  /** Whatever is held back (the shell ended before the marker completed). */
  flush(): string {
    const t = this.pending;
    this.pending = '';
    return t;
  }
}

/** Length of the longest suffix of `text` that is a proper prefix of one of `needles`. */
export function partialSuffix(text: string, needles: readonly string[]): number {
  let best = 0;
  for (const n of needles) {
    for (let k = Math.min(n.length - 1, text.length); k > best; k--) {
      if (text.endsWith(n.slice(0, k))) { best = k; break; }
    }
  }
  return best;
}
