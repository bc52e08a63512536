// A TTL cache whose loads are shared: concurrent callers for one key make one request. The shared
// request is cancelled only when every caller waiting on it has cancelled.

interface Entry<V> { value: V; expires: number }
interface Pending<V> { promise: Promise<V>; controller: AbortController; waiters: number }

export class TtlCache<V> {
  private readonly values = new Map<string, Entry<V>>();
  private readonly pending = new Map<string, Pending<V>>();
  private generation = 0;

  constructor(private readonly maxEntries = 500, private readonly now: () => number = Date.now) {}

  get(key: string): V | undefined {
    const e = this.values.get(key);
    if (!e) return undefined;
    if (e.expires <= this.now()) { this.values.delete(key); return undefined; }
    return e.value;
  }

  set(key: string, value: V, ttlMs: number): void {
    this.values.delete(key);
    this.values.set(key, { value, expires: this.now() + ttlMs });
    // Maps iterate in insertion order, so the first key is the oldest.
    if (this.values.size > this.maxEntries) this.values.delete(this.values.keys().next().value!);
  }

  async getOrLoad(key: string, ttlMs: number, load: (signal: AbortSignal) => Promise<V>, signal?: AbortSignal): Promise<V> {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    signal?.throwIfAborted();
    let p = this.pending.get(key);
    if (!p) {
      const controller = new AbortController();
      const generation = this.generation;
      const promise = load(controller.signal).then((v) => {
        // A load that started before invalidate() must not repopulate the cache with old data.
        if (generation === this.generation) this.set(key, v, ttlMs);
        return v;
      }).finally(() => { if (this.pending.get(key) === p) this.pending.delete(key); });
      p = { promise, controller, waiters: 0 };
      this.pending.set(key, p);
    }
    const shared = p;
    shared.waiters++;
    if (!signal) return shared.promise.finally(() => { shared.waiters--; });
    return new Promise<V>((resolve, reject) => {
      let done = false;
      const leave = () => { if (!done) { done = true; shared.waiters--; signal.removeEventListener('abort', onAbort); } };
      const onAbort = () => {
        leave();
        if (shared.waiters === 0) shared.controller.abort(signal.reason);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      shared.promise.then((v) => { leave(); resolve(v); }, (e) => { leave(); reject(e); });
    });
  }

  clear(): void {
    this.generation++;
    this.values.clear();
    this.pending.clear();
  }

  get size(): number { return this.values.size; }
}
