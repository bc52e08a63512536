// Results arrive in whatever order the workers finish; output must not depend on that. Each one
// is printed as soon as every file before it has been, so the output streams in file order.
export class OrderedOutput<T> {
  private readonly waiting = new Map<number, T>();
  private next = 0;

  constructor(private readonly emit: (index: number, value: T) => void) {}

  put(index: number, value: T): void {
    this.waiting.set(index, value);
    while (this.waiting.has(this.next)) {
      const v = this.waiting.get(this.next)!;
      this.waiting.delete(this.next);
      this.emit(this.next++, v);
    }
  }
}
