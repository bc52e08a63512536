import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTranscript, runnableText, transcriptCommands, transcriptScript } from '../../../server/src/shell/transcript';
import { dangerFindings } from '../../../server/src/commands/dangerous';
import { shellSyntaxFindings } from '../../../server/src/shell/syntaxAnalyzer';
import { shellcheckFindings } from '../../../server/src/shell/shellcheckAnalyzer';
import { defaultSettings } from '../../../server/src/analysis/settings';

const hasShellcheck = spawnSync('shellcheck', ['--version']).status === 0;
const rules = (body: string) => (dangerFindings(body).dangers ?? []).map((d) => d.rule);
const output = 'NAME        READY   STATUS    RESTARTS\napi-7d9f-x  0/1     Error     4 (2m ago)';

const prompts = ['> ', '$ ', '% ', '$mac ', 'sh-5.1# ', 'bash-4.2$ ', 'ops@bastion:~$ ', 'root@node-3:/var/log# ', '[root@node ~]# ', '[ec2-user@ip-10-0-0-7 tmp]$ ', '  $ ', '~/src/infra$ ', '(venv) $ ', '(base) ops@laptop:~$ ', '❯ ', '➜  infra git:(main) ✗ '];
for (const p of prompts) {
  test(`prompt ${JSON.stringify(p)}: the command is split from its output`, () => {
    const body = `${p}kubectl get pods -n shop\n${output}`;
    assert.ok(isTranscript(body));
    assert.equal(transcriptScript(body), 'kubectl get pods -n shop');
    const blanked = transcriptCommands(body);
    assert.equal(blanked.length, body.length);
    assert.equal(blanked.trim(), 'kubectl get pods -n shop');
  });
}

test('not prompts: $VAR as a command, $HOME paths, plain commands', () => {
  assert.ok(!isTranscript('$KUBECTL get pods\n$KUBECTL delete pod x'));
  assert.ok(!isTranscript('$HOME/bin/tool --check'));
  assert.ok(!isTranscript('$cmd --version'));
  assert.ok(isTranscript('$mac scutil --dns\nresolver #1\n  nameserver[0] : 10.0.0.2'));
  assert.ok(!isTranscript('kubectl get pods\n$ not a prompt'));
  assert.ok(!isTranscript('> /var/log/app/current.log'));
});

test('a leading comment does not switch prompt detection off: later $ lines are still checked', () => {
  const body = `# Remove the stuck pod, then watch it come back\n$ kubectl delete pod api-7d9f-x -n shop\npod "api-7d9f-x" deleted\n$ kubectl get pods -n shop\n${output}`;
  assert.ok(isTranscript(body));
  assert.deepEqual(rules(body), ['kubectl-delete']);
  assert.equal(transcriptScript(body), 'kubectl delete pod api-7d9f-x -n shop\nkubectl get pods -n shop');
});

test('# as root prompt: commands then output; # above commands stays a comment', () => {
  const root = '# systemctl restart kubelet\n# systemctl status kubelet\n● kubelet.service - kubelet: The Kubernetes Node Agent\n     Active: active (running) since Tue 09:12:01 UTC';
  assert.ok(isTranscript(root));
  assert.equal(transcriptScript(root), 'systemctl restart kubelet\nsystemctl status kubelet');
  assert.deepEqual(rules(root), ['service-stop']);
  // A commented-out command above commands of a tool no list knows: still a comment, never run.
  const disabled = '# kubectl delete pod sidekiq-0 -n gitlab\ngitlab-ctl restart sidekiq\nRestarting sidekiq...';
  assert.ok(!isTranscript(disabled));
  assert.equal(runnableText({ lang: 'shell', body: disabled }), disabled);
  const comments = '# restart the agent\nsystemctl restart kubelet\n# and check it\nsystemctl status kubelet';
  assert.ok(!isTranscript(comments));
  assert.equal(runnableText({ lang: 'shell', body: comments }), comments);
});

test('> continues a command left open by a quote, a pipe or a backslash', () => {
  const body = '$ psql -c "select count(*)\n> from jobs where state = \'stuck\'"\n count\n-------\n    12\n$ kubectl get pods |\n> grep -v Running\n' + output;
  assert.equal(transcriptScript(body), 'psql -c "select count(*)\nfrom jobs where state = \'stuck\'"\nkubectl get pods |\ngrep -v Running');
});

test('REPL lines are not shell: no lint, no syntax error, never run; SQL typed there is still dangerous', { skip: !hasShellcheck }, async () => {
  const table = 'mysql> select count(*) from jobs;\n+----------+\n| count(*) |\n+----------+\n|       12 |';
  assert.ok(!isTranscript(table), 'a SQL session is no shell session');
  assert.deepEqual(await shellSyntaxFindings(table), {});
  assert.equal(runnableText({ lang: 'shell', body: table }), '');
  const gpg = 'gpg --card-edit\n\ngpg/card> admin\ngpg/card> passwd';
  assert.deepEqual((await shellcheckFindings(gpg, defaultSettings)).diagnostics ?? [], []);
  assert.equal(runnableText({ lang: 'shell', body: gpg }).trim(), 'gpg --card-edit');
  const sql = '$ psql -U app shop\nshop=# DROP TABLE carts_old;\nDROP TABLE\nshop=# \\q';
  assert.deepEqual(rules(sql), ['sql-drop']);
  assert.equal(transcriptScript(sql), 'psql -U app shop');
  for (const line of ['mysql> TRUNCATE TABLE sessions;', 'postgres=# drop database staging;']) assert.deepEqual(rules(`mysql -u root\n${line}`), ['sql-drop'], line);
  assert.deepEqual(rules('sudo -u git gitlab-rails console\n[1] pry(main)> Ci::Build.where(status: "stale").delete_all'), ['orm-destroy']);
  for (const line of ['(gdb) bt full', '>>> import os; os.getpid()', 'PS C:\\> Get-Service | Where-Object {$_.Status -eq "Stopped"}', '127.0.0.1:6379> KEYS session:*', '[1] pry(main)> Project.find(42).destroy', 'SQL> select * from v$session;', 'C:\\Users\\ops> dir /s']) {
    assert.deepEqual(await shellSyntaxFindings(`echo start\n${line}`), {}, line);
    assert.equal(runnableText({ lang: 'shell', body: `echo start\n${line}` }), 'echo start', line);
  }
});

test('help output under a $mac prompt gets no ShellCheck findings', { skip: !hasShellcheck }, async () => {
  const body = '$mac docker run --help\n...\n-i, --interactive                    Keep STDIN open even if not attached\n...\n-t, --tty                            Allocate a pseudo-TTY';
  assert.deepEqual((await shellcheckFindings(body, defaultSettings)).diagnostics ?? [], []);
});

test('a transcript run by bash runs only its commands, never an output line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-transcript-'));
  try {
    const marker = join(dir, 'pwned');
    const body = `# First look at the node\n[root@node ~]# echo looked\nlooked\ntouch ${marker}\n[root@node ~]# echo done`;
    const r = spawnSync('bash', ['-c', runnableText({ lang: 'shell', body })], { encoding: 'utf8' });
    assert.equal(r.stdout, 'looked\ndone\n');
    assert.equal(existsSync(marker), false, 'an output line ran');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('an unprompted command line in a transcript is scanned for danger (never run); output is not', () => {
  const body = '$ export NS=shop\nkubectl delete pod api-0 -n $NS\npod "api-0" deleted\n$ kubectl get pods -n $NS\nNAME    READY   STATUS\napi-0   1/1     Running';
  assert.deepEqual(rules(body), ['kubectl-delete']);
  assert.equal(runnableText({ lang: 'shell', body }), 'export NS=shop\nkubectl get pods -n $NS');
  assert.deepEqual(rules('$ kubectl get events\nLAST SEEN   TYPE      REASON    OBJECT\n2m          Normal    Killing   pod/api-0\nkill -9 is what the kubelet did'), []);
});
