import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { findPlaceholders, maskPlaceholders } from '../../../server/src/shell/placeholders';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/shell/${name}`, `file://${__filename}`), 'utf8');
const texts = (s: string) => findPlaceholders(s).map((h) => h.text);

test('angle placeholders are found, real redirections are not', () => {
  assert.deepEqual(texts('kill -TERM <pid>'), ['<pid>']);
  assert.deepEqual(texts('grpcurl --id <STUCK_ID> | jq .'), ['<STUCK_ID>']);
  assert.deepEqual(texts('export ID="<deployed-contract-id>"'), ['<deployed-contract-id>']);
  assert.deepEqual(texts('ls data/wasm/<hash>.wasm'), ['<hash>']);
  assert.deepEqual(texts('sort < in.txt > out.txt 2>&1'), []);
  assert.deepEqual(texts('cat <<EOF\nx\nEOF'), []);
  assert.deepEqual(texts('diff <(ls a) <(ls b)'), []);
  assert.deepEqual(texts('cat <<<"$x" >&2'), []);
  assert.deepEqual(texts('sort <in >out'), []);
  assert.deepEqual(texts("curl -d '<req><id>1</id></req>' http://x"), []);
  assert.deepEqual(texts('ssh <user>@<host> -p <port>'), ['<user>', '<host>', '<port>']);
});

test('helm rollback app <REV> -n ns is a placeholder although bash parses it as a redirection', () => {
  const body = fixture('helm-rollback.sh');
  assert.equal(spawnSync('bash', ['-n'], { input: body }).status, 0, 'bash accepts it');
  const hits = findPlaceholders(body);
  assert.equal(hits.length, 1);
  assert.equal(hits[0].name, 'REV');
  assert.equal(hits[0].kind, 'angle');
  assert.equal(body.slice(hits[0].start, hits[0].end), '<REV>');
});

test('date templates and elisions', () => {
  const hits = findPlaceholders('tar -xzf state-YYYYMMDD.tar.gz\ncp -r backup/config-YYYY-MM-DD/* config/\nnohup ./bin/app ... &\necho a…\ngo test ./...');
  assert.deepEqual(hits.map((h) => [h.kind, h.name]), [
    ['date', 'YYYYMMDD'], ['date', 'YYYY-MM-DD'], ['ellipsis', '...'], ['ellipsis', '...'],
  ]);
  assert.deepEqual(texts('date +%Y%m%d'), []);
});

test('placeholders in comments are not values to fill in', () => {
  const body = '# usage: restart <service>\nsystemctl restart <service>';
  assert.deepEqual(findPlaceholders(body).map((h) => h.start), [body.lastIndexOf('<service>')]);
});

test('one name can occur several times', () => {
  const hits = findPlaceholders('kill -TERM <pid>\nsleep 5\nkill -0 <pid> && kill -KILL <pid>');
  assert.equal(hits.length, 3);
  assert.deepEqual(new Set(hits.map((h) => h.name)), new Set(['pid']));
});

test('masking keeps length and offsets, and makes bash accept the text', () => {
  const body = 'git clone <repository>\nkill -TERM <pid> && echo "…"\ncurl --id <STUCK_ID> | jq .';
  const masked = maskPlaceholders(body);
  assert.equal(masked.length, body.length);
  assert.equal(masked.indexOf('\n'), body.indexOf('\n'));
  assert.notEqual(spawnSync('bash', ['-n'], { input: body }).status, 0);
  assert.equal(spawnSync('bash', ['-n'], { input: masked }).status, 0);
  assert.match(masked, /kill -TERM _pid_/);
});
