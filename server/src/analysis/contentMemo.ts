// Results of a pure function of some text (a paragraph, an inline code span, a block body), kept
// across keystrokes. An edit changes one paragraph or block, so document analyzers look up every
// other one instead of re-scanning the whole file. The key is the text itself: the model hands out
// the same string objects for unchanged chunks, so V8 hashes each one once, not once per keystroke.
// Eviction is first-in, first-out (see chunkCache.ts for why hits don't refresh recency).
export class ContentMemo<T> {
  private readonly map = new Map<string, T>();

  constructor(private readonly compute: (text: string) => T, private readonly limit = 50_000) {}

  get(text: string): T {
    let v = this.map.get(text);
    if (v === undefined) {
      v = this.compute(text);
      this.map.set(text, v);
      if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value as string);
    }
    return v;
  }
}
