// Keeps a block's output for its run record in bounded memory: the first and last `limit/2`
// characters, with a count of what was dropped in between, however much the block prints.

export class BoundedCapture {
  private head = '';
  private tail = '';
  private total = 0;
  constructor(private readonly limit: number) {}

  push(text: string): void {
    this.total += text.length;
    const half = Math.floor(this.limit / 2);
    if (this.head.length < half) {
      const take = Math.min(half - this.head.length, text.length);
      this.head += text.slice(0, take);
      text = text.slice(take);
    }
    if (!text) return;
    this.tail = text.length >= half ? text.slice(text.length - half) : (this.tail + text).slice(-half);
  }

  get truncated(): boolean { return this.total > this.head.length + this.tail.length; }
  get totalChars(): number { return this.total; }

  text(): string {
    if (!this.truncated) return this.head + this.tail;
    const dropped = this.total - this.head.length - this.tail.length;
    return `${this.head}\n… [${dropped} characters truncated] …\n${this.tail}`;
  }
}
