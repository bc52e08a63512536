import test from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../../server/src/model/build';
import { clearChunkCache } from '../../../server/src/model/chunkCache';
import * as parallel from '../../../server/src/model/parallelParse';
import { generateRunbook } from '../../tools/generate';

test('a big cold document parsed on two threads gives the same model as one thread', async () => {
  const text = generateRunbook(600_000, 11);
  clearChunkCache();
  const single = buildModel(text);
  clearChunkCache();
  const before = parallel.workerChunksParsed;
  await parallel.parallelPrewarm(text);
  assert.ok(parallel.workerChunksParsed > before, 'the worker parsed part of the document');
  assert.deepEqual(buildModel(text), single);
});

test('small documents are parsed in place, without the worker', async () => {
  const before = parallel.workerChunksParsed;
  await parallel.parallelPrewarm(generateRunbook(20_000, 3));
  assert.equal(parallel.workerChunksParsed, before);
});
