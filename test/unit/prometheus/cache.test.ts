import test from 'node:test';
import assert from 'node:assert/strict';
import { TtlCache } from '../../../server/src/prometheus/cache';

test('entries expire after their TTL and the oldest is evicted past the cap', () => {
  let now = 0;
  const c = new TtlCache<number>(2, () => now);
  c.set('a', 1, 100);
  now = 99;
  assert.equal(c.get('a'), 1);
  now = 100;
  assert.equal(c.get('a'), undefined);
  c.set('x', 1, 1000); c.set('y', 2, 1000); c.set('z', 3, 1000);
  assert.equal(c.get('x'), undefined);
  assert.equal(c.get('z'), 3);
});

test('a shared load is aborted only when every waiter has cancelled', async () => {
  const c = new TtlCache<string>();
  let loadSignal: AbortSignal | undefined;
  const load = (s: AbortSignal) => { loadSignal = s; return new Promise<string>((resolve, reject) => { s.addEventListener('abort', () => reject(new Error('aborted'))); setTimeout(() => resolve('v'), 50); }); };
  const a = new AbortController();
  const b = new AbortController();
  const pa = c.getOrLoad('k', 1000, load, a.signal);
  const pb = c.getOrLoad('k', 1000, load, b.signal);
  a.abort();
  await assert.rejects(pa);
  assert.equal(loadSignal!.aborted, false, 'b still waits');
  assert.equal(await pb, 'v');
  assert.equal(c.get('k'), 'v');
  const d = new AbortController();
  const pd = c.getOrLoad('k2', 1000, load, d.signal);
  d.abort();
  await assert.rejects(pd);
  assert.equal(loadSignal!.aborted, true, 'last waiter gone: load aborted');
});

test('a load started before clear() does not refill the cache', async () => {
  const c = new TtlCache<string>();
  let release!: (v: string) => void;
  const p = c.getOrLoad('k', 1000, () => new Promise<string>((r) => { release = r; }));
  c.clear();
  release('old');
  assert.equal(await p, 'old');
  assert.equal(c.get('k'), undefined);
});
