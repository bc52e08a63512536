// Bounds the requests in flight to one Prometheus, so hovering quickly over many names queues
// instead of stacking a hundred requests on the server.

export class Limiter {
  private active = 0;
  private readonly waiting: { start: () => void; fail: (e: unknown) => void }[] = [];

  constructor(readonly max: number) {
    if (!(max >= 1)) throw new RangeError('Limiter needs max >= 1');
  }

  get inFlight(): number { return this.active; }
  get queued(): number { return this.waiting.length; }

  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.active < this.max) { this.active++; return Promise.resolve(); }
    return new Promise((resolve, reject) => {
      const entry = {
        start: () => { signal?.removeEventListener('abort', onAbort); this.active++; resolve(); },
        fail: reject,
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(entry);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.start();
  }
}
