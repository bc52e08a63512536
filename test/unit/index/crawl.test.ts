import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import { findRunbooks, indexPaths, indexPath } from '../../../server/src/index/crawl';
import { DiskCache } from '../../../server/src/index/diskCache';
import { WorkspaceIndex } from '../../../server/src/index/workspaceIndex';

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'runbook-ix-'));
  mkdirSync(join(root, 'ops/deep'), { recursive: true });
  mkdirSync(join(root, 'node_modules/pkg'), { recursive: true });
  mkdirSync(join(root, '.git'), { recursive: true });
  writeFileSync(join(root, 'ops/a.md'), '# A\n`alpha_total`\n');
  writeFileSync(join(root, 'ops/deep/b.markdown'), '# B\n`beta_total`\n');
  writeFileSync(join(root, 'ops/notes.txt'), '# not markdown\n');
  writeFileSync(join(root, 'node_modules/pkg/README.md'), '# dependency\n');
  writeFileSync(join(root, '.git/x.md'), '# hidden\n');
  return root;
}

test('finds runbooks, skipping dependencies, hidden folders and other files; respects maxFiles', async () => {
  const root = workspace();
  try {
    const found = (await findRunbooks([root])).map(p => p.slice(root.length)).sort();
    assert.deepEqual(found, ['/ops/a.md', '/ops/deep/b.markdown']);
    assert.equal((await findRunbooks([root], { maxFiles: 1, maxFileBytes: 1e6 })).length, 1);
  } finally { rmSync(root, { recursive: true, force: true }); }
});

test('indexes with progress, and a saved cache answers unchanged files without scanning them', async () => {
  const root = workspace();
  const cacheDir = join(root, '.cache');
  try {
    const paths = await findRunbooks([root]);
    const ix = new WorkspaceIndex();
    const cache = DiskCache.forRoots([root], cacheDir);
    await cache.load();
    const progress: number[] = [];
    await indexPaths(ix, paths, { cache, concurrency: 2, onProgress: d => progress.push(d) });
    assert.deepEqual(progress, [1, 2]);
    assert.deepEqual(ix.references('alpha_total').map(r => r.uri), [URI.file(join(root, 'ops/a.md')).toString()]);
    await cache.save(paths);

    // The cache is trusted for a file whose size and mtime are unchanged (proved by content the
    // cache cannot know about), and ignored once the mtime moves.
    const a = join(root, 'ops/a.md');
    writeFileSync(a, '# A\n`gamma_total`\n');
    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(a, old, old);
    const warm = DiskCache.forRoots([root], cacheDir);
    await warm.load();
    const first = new WorkspaceIndex();
    await indexPath(first, a, { cache: warm });
    assert.equal(first.references('gamma_total').length, 1, 'mtime changed since the save, so the file was read');
    await warm.save([a]);
    const again = DiskCache.forRoots([root], cacheDir);
    await again.load();
    writeFileSync(a, '# A\n`delta_total`\n');
    utimesSync(a, old, old);
    const second = new WorkspaceIndex();
    await indexPath(second, a, { cache: again });
    assert.equal(second.references('gamma_total').length, 1, 'same size and mtime: served from the cache');
  } finally { rmSync(root, { recursive: true, force: true }); }
});

test('a deleted or oversized file leaves the index; a corrupt cache is ignored', async () => {
  const root = workspace();
  try {
    const a = join(root, 'ops/a.md');
    writeFileSync(join(root, 'bad.json'), '{not json');
    const cache = new DiskCache(join(root, 'bad.json'));
    await cache.load();
    const ix = new WorkspaceIndex();
    await indexPath(ix, a, { cache });
    assert.equal(ix.size, 1);
    await indexPath(ix, a, { cache, limits: { maxFiles: 10, maxFileBytes: 3 } });
    assert.equal(ix.size, 0);
    await indexPath(ix, a, { cache });
    rmSync(a);
    await indexPath(ix, a, { cache });
    assert.equal(ix.size, 0);
  } finally { rmSync(root, { recursive: true, force: true }); }
});
