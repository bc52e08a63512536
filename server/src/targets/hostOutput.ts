// A fleet's hosts print at once: each line is prefixed with its host and written whole, so
// lines from two hosts never mix. A partial line waits for its end (or the step's).

export class HostLines {
  private pending = '';
  constructor(private readonly prefix: string, private readonly write: (text: string) => void) {}

  push(text: string): void {
    const all = this.pending + text;
    const nl = all.lastIndexOf('\n');
    if (nl < 0) { this.pending = all; return; }
    this.pending = all.slice(nl + 1);
    this.write(all.slice(0, nl).split('\n').map((l) => (l ? this.prefix + l : this.prefix.trimEnd())).join('\n') + '\n');
  }

  flush(): void {
    if (this.pending) { const p = this.pending; this.pending = ''; this.push(`${p}\n`); }
  }
}
