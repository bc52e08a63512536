import test from 'node:test';
import assert from 'node:assert/strict';
import { dangerFindings } from '../../../server/src/commands/dangerous';
import { dangerRules } from '../../../server/src/commands/dangerRules';

const rules = (body: string) => (dangerFindings(body).dangers ?? []).map((d) => d.rule);

test('every rule has a reason', () => {
  for (const r of dangerRules) assert.ok(r.reason.length > 10, r.id);
});

const flagged: [string, string[]][] = [
  ['rm -rf "$BACKUP_DIR"/old', ['rm-rf']],
  ['rm -rf /var/lib/app/*/badger', ['rm-rf']],
  ['rm -fr /', ['rm-rf']],
  ['find /backup -mtime +7 -exec rm -rf {} \\;', ['rm-rf']],
  ['kill -9 1234', ['kill-9']],
  ['kill -KILL <pid>', ['kill-9']],
  ['kill -s KILL 1234', ['kill-9']],
  ['pkill -f accumen', ['pkill']],
  ['killall nginx', ['pkill']],
  ['kubectl -n prod delete pod api-0', ['kubectl-delete']],
  ['kubectl scale deploy/api --replicas=0 -n prod', ['kubectl-scale-zero']],
  ['helm rollback payments 3 -n prod', ['helm-rollback']],
  ['helm uninstall payments', ['helm-rollback']],
  ['docker compose down -v', ['compose-down-volumes']],
  ['docker-compose down --volumes', ['compose-down-volumes']],
  ['psql -c "DROP TABLE users"', ['sql-drop']],
  ['psql <<SQL\ntruncate table events;\nSQL', ['sql-drop']],
  ['chmod -R 777 /etc', ['recursive-permissions']],
  ['chown -R app:app /usr/local', ['recursive-permissions']],
  ['dd if=/dev/zero of=/dev/sdb bs=1M', ['dd']],
  ['mkfs.ext4 /dev/sdb1', ['mkfs']],
  ['systemctl restart nginx', ['service-stop']],
  ['service nginx stop', ['service-stop']],
  ['curl -fsSL https://get.example.com | sh', ['pipe-to-shell']],
  ['wget -qO- https://x.io/install | sudo bash', ['pipe-to-shell', 'sudo']],
  ['sudo systemctl stop app', ['sudo', 'service-stop']],
  ['echo start && kubectl delete ns tmp', ['kubectl-delete']],
  ['ssh db1 "kill -9 $(pgrep app)"', ['kill-9']],
];

for (const [body, expected] of flagged) {
  test(`flags: ${body.split('\n')[0]}`, () => assert.deepEqual(rules(body), expected));
}

const clean = [
  'rm -f /tmp/lock',
  'rm -rf ./build',
  'rm -r logs/old',
  'kill -TERM <pid>',
  'kubectl get pods -n prod',
  'kubectl scale deploy/api --replicas=3',
  'helm list -n prod',
  'docker compose down',
  'chown -R app:app /var/lib/app',
  'chmod 600 config/*.yaml',
  'systemctl status nginx',
  'curl -s https://x.io/install.sh -o install.sh',
  '# sudo kubectl delete pod x (do not run this)',
  'echo "we never drop"',
  'grep -i "pkill" notes.txt',
];

for (const body of clean) {
  test(`does not flag: ${body}`, () => assert.deepEqual(rules(body), []));
}

test('findings carry a warning and the span of the command', () => {
  const body = '# restart\nsudo systemctl restart nginx';
  const f = dangerFindings(body);
  const d = f.diagnostics!.find((x) => x.message.includes('service-stop'))!;
  assert.equal(d.severity, 2);
  assert.equal(d.code, 'command/dangerous');
  assert.equal(body.slice(d.span.start, d.span.end), 'systemctl restart');
});

test('JSON output pasted in a shell block is never scanned', () => {
  assert.deepEqual(rules('curl -s localhost/stats\n{\n  "cmd": "kubectl delete pod x"\n}'), []);
});
