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
  const hits = findPlaceholders('tar -xzf state-YYYYMMDD.tar.gz\ncp -r backup/config-YYYY-MM-DD/* config/\nnohup ./bin/app ... &\necho a …\ngo test ./...');
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

test('angle placeholders of any length and content', () => {
  assert.deepEqual(texts('curl -s http://<provider ip from first step>:8080/healthz'), ['<provider ip from first step>']);
  assert.deepEqual(texts('kubectl delete pod <pod identified as the problem pod> -n shop'), ['<pod identified as the problem pod>']);
  assert.deepEqual(texts('kubectl describe pvc <"Used By:" field from the above output>'), ['<"Used By:" field from the above output>']);
  assert.deepEqual(texts("kubectl logs <the pod's name> --previous"), ["<the pod's name>"]);
  assert.deepEqual(texts('ssh <user|admin>@<bastion host>'), ['<user|admin>', '<bastion host>']);
  const hit = findPlaceholders('kubectl describe pvc <"Used By:" field from the above output>')[0];
  assert.equal(hit.name, '"Used By:" field from the above output');
});

test('not placeholders: e-mail addresses, URLs, markup, redirections with spaces', () => {
  assert.deepEqual(texts('git commit --author "John Rando <rando@example.com>" -m fix'), []);
  assert.deepEqual(texts('Author: John Rando <rando@example.com>'), []);
  assert.deepEqual(texts('open <https://grafana.example.com/d/abc>'), []);
  assert.deepEqual(texts('curl -d \'<div class="alert">down</div>\' http://x'), []);
  assert.deepEqual(texts('sort <in.txt 2>/dev/null'), []);
  assert.deepEqual(texts('sort <in.txt >out.txt'), []);
  assert.deepEqual(texts("awk '$1<limit && $2>3' data.txt"), []);
  assert.deepEqual(texts('if (( a < b && c > d )); then echo x; fi'), []);
});

test('braces and brackets as authors write them; brace expansion, ${x}, awk, jq and globs are not', () => {
  assert.deepEqual(texts('kubectl annotate pod api-0 drain-reason={reason}'), ['{reason}']);
  assert.deepEqual(texts('aws s3 cp s3://backups/{date}/dump.sql .'), ['{date}']);
  assert.deepEqual(texts('chown [user|group] /srv/data'), ['[user|group]']);
  assert.deepEqual(texts('sudo fuser -k [port number]/tcp'), ['[port number]']);
  assert.deepEqual(findPlaceholders('chown [user|group] x').map((h) => [h.kind, h.name]), [['bracket', 'user|group']]);
  for (const clean of ['echo {a,b}.txt', 'mkdir -p node{1..3}', 'echo ${HOME}', "awk '{print}' f", "jq '.items[] | {name}' f",
    'find . -exec rm {} \\;', 'docker ps --format "{{.Names}}"', 'git rebase @{u}', 'ls [abc]*.log', '[[ -f x ]] && echo y',
    'xargs -I{} kubectl get pod {}', 'cat <<EOF\n{name}\nEOF']) {
    assert.deepEqual(texts(clean), [], clean);
  }
});

test('… truncating an output word is not an elision; a standalone … is', () => {
  assert.deepEqual(texts('abc123   nginx   "docker-entrypoint.s…"   Up 2 hours'), []);
  assert.deepEqual(texts('kubectl get pods …'), ['…']);
});

test('described placeholders are masked before shell syntax and ShellCheck', async () => {
  const body = "kubectl describe pvc <\"Used By:\" field from the above output> -n <the pod's namespace>\n# done\necho ok";
  assert.notEqual(spawnSync('bash', ['-n'], { input: body }).status, 0);
  const masked = maskPlaceholders(body);
  assert.equal(masked.length, body.length);
  assert.equal(spawnSync('bash', ['-n'], { input: masked }).status, 0);
  const { shellSyntaxFindings } = await import('../../../server/src/shell/syntaxAnalyzer');
  assert.deepEqual(await shellSyntaxFindings(body), {});
  const { prepareShell } = await import('../../../server/src/shell/prepare');
  const p = prepareShell(body);
  assert.equal(p.regions.find((r) => r.kind === 'comment')?.start, body.indexOf('# done'), 'comments are found after masking');
});
