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
  ['sudo fuser -k 8080/tcp', ['sudo', 'pkill']],
  ['kubectl -n prod delete pod api-0', ['kubectl-delete']],
  ['kubectl scale deploy/api --replicas=0 -n prod', ['kubectl-scale-zero']],
  ['kubectl -n prod rollout restart deploy/api', ['rollout-restart']],
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
  ['rm -rf ./releases/2024-05', ['rm-rf-path']],
  ['rm -rf ~/.kube/config.d', ['rm-rf-path']],
  ['sudo rm -rf /var/lib/etcd/member', ['sudo', 'rm-rf-path']],
  // Missed before: other tools that delete
  ['oc delete pod etcd-guard-0 -n openshift-etcd', ['kubectl-delete']],
  ['k delete pod api-0', ['kubectl-delete']],
  ['k -n shop scale deploy/api --replicas=0', ['kubectl-scale-zero']],
  ['oc adm drain worker-2 --ignore-daemonsets --delete-emptydir-data', ['node-drain']],
  ['kubectl drain node-7 --force --ignore-daemonsets', ['node-drain']],
  ['terraform destroy -target=module.cache', ['terraform-destroy']],
  ['terraform state rm aws_instance.bastion', ['terraform-destroy']],
  ['tf state rm module.db', ['terraform-destroy']],
  ['terraform apply -auto-approve -destroy', ['terraform-destroy']],
  ['gsutil -m rm -r gs://exports/2024-01/', ['bucket-delete']],
  ['aws s3 rm s3://backups/tmp --recursive', ['bucket-delete']],
  ['az group delete --name rg-staging --yes', ['cloud-delete']],
  ['az storage blob delete-batch -s logs', ['cloud-delete']],
  ['aws ec2 terminate-instances --instance-ids i-0abc', ['cloud-delete']],
  ['gcloud compute instances delete vm-1 --zone europe-west1-b', ['cloud-delete']],
  ['curl -X DELETE https://es.internal:9200/logs-2024.01', ['http-delete']],
  ['curl -s -XDELETE "localhost:9200/old-index"', ['http-delete']],
  ["curl --request DELETE -H 'Authorization: Bearer x' https://api/v1/items/7", ['http-delete']],
  ['helm uninstall ingress -n ingress-nginx', ['helm-rollback']],
  ['psql -c "DROP DATABASE staging"', ['sql-drop']],
  ['mysql -e "TRUNCATE TABLE sessions"', ['sql-drop']],
  ['psql -c "DELETE FROM jobs;"', ['sql-delete-all']],
  ['redis-cli -n 2 FLUSHDB', ['sql-drop']],
  // Behind wrappers
  ['kubectl exec -it toolbox -- kubectl delete pod api-0', ['kubectl-delete']],
  ['oc debug node/worker-1 -- chroot /host rm -rf /var/lib/kubelet/pods/abc', ['rm-rf-path']],
  ["ssh bastion 'rm -rf /srv/cache/*'", ['rm-rf']],
  ['ssh -i ~/.ssh/ops.pem admin@db1 "sudo systemctl stop postgresql"', ['sudo', 'service-stop']],
  ['ssh db1 rm -rf /data/old', ['rm-rf-path']],
  ['sudo -u app kubectl delete job nightly', ['kubectl-delete']],
  ['sudo -u root kubectl delete job nightly', ['sudo', 'kubectl-delete']],
  ['kubectl get pods -o name | xargs kubectl delete', ['kubectl-delete']],
  ['kubectl get pods -o name | xargs -n 1 -P 4 kubectl delete', ['kubectl-delete']],
  ['watch -n 5 kubectl delete pod -l app=flaky', ['kubectl-delete']],
  ["watch 'kubectl delete pod -l app=flaky'", ['kubectl-delete']],
  ['timeout 60 kubectl drain node-1', ['node-drain']],
  ['timeout -s KILL 5m helm uninstall x', ['helm-rollback']],
  ['bash -c "kubectl delete ns tmp"', ['kubectl-delete']],
  ["su - postgres -c 'psql -c \"DROP TABLE t\"'", ['sql-drop']],
  ['ssh db1 <<EOF\nsudo systemctl restart api\nEOF', ['sudo', 'service-stop']],
  ['if kubectl delete pod x; then echo ok; fi', ['kubectl-delete']],
  ['NS=prod kubectl delete pod x -n $NS', ['kubectl-delete']],
  // More that destroy or disrupt
  ['sudo gitlab-ctl restart sidekiq', ['sudo', 'service-stop']],
  ['sudo reboot', ['sudo', 'reboot']],
  ['shutdown -r now', ['reboot']],
  ['etcdctl member remove 8e9e05c52164694d', ['etcd-change']],
  ['ETCDCTL_API=3 etcdctl del /registry/pods/ns/x', ['etcd-change']],
  ['kubectl patch pvc data-0 -p \'{"metadata":{"finalizers":null}}\'', ['kube-force']],
  ['oc replace --force -f pod.yaml', ['kube-force']],
  ['wipefs -a /dev/sdc', ['storage-wipe']],
  ['ceph osd purge 7 --yes-i-really-mean-it', ['storage-wipe']],
  ['docker volume prune -f', ['storage-wipe']],
  ['virsh destroy vm-42', ['vm-destroy']],
  ['git push --force origin main', ['git-rewrite']],
  ['git reset --hard origin/main', ['git-rewrite']],
  ['iptables -F', ['firewall-flush']],
  ['vault kv delete secret/app/db', ['secret-delete']],
  // sudo that changes something, or opens a root shell
  ['sudo -i', ['sudo']],
  ['sudo su -', ['sudo']],
  ['sudo apt-get install -y jq', ['sudo']],
];

for (const [body, expected] of flagged) {
  test(`flags: ${body.split('\n')[0]}`, () => assert.deepEqual(rules(body), expected));
}

const clean = [
  'kubectl -n prod rollout status deploy/api',
  'kubectl rollout history deploy/api',
  'rm -f /tmp/lock',
  'rm -rf /tmp/restore-check',
  'rm -rf ./build',
  'rm -rf node_modules .terraform web/dist',
  'sudo journalctl -u kubelet --since "10 min ago"',
  'sudo cat /var/log/syslog | tail -50',
  'sudo ls -la /root',
  'sudo systemctl status kubelet',
  'sudo -u postgres psql -c "select 1" --version >/dev/null; sudo crictl ps -a',
  'sudo iptables -L -n',
  'sudo find /var/log -name "*.gz" -mtime +7',
  'kubectl get pods -o name | grep delete',
  'echo "terraform destroy is never run here"',
  'curl -X GET https://api.example.com/items',
  'aws s3 ls s3://backups/ --recursive',
  'gsutil ls -r gs://bucket/',
  'az vm list -o table',
  'oc get pods -n openshift-etcd',
  'k get pods -n shop',
  'kdelete pod x',
  'kubectl cordon node-3',
  'killall -HUP dnsmasq',
  'etcdctl member list -w table',
  'ceph osd tree',
  'git push origin main',
  'sudo gitlab-ctl status',
  'echo "shutdown in 5 minutes"',
  'kubectl patch deploy api -p \'{"spec":{"replicas":3}}\'',
  'pkill -USR1 -f gunicorn',
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

test('one line gets one warning naming all its reasons; the model keeps one finding per rule', () => {
  const body = '# restart\nsudo systemctl restart nginx\nkubectl delete pod api-0';
  const f = dangerFindings(body);
  assert.deepEqual(f.dangers!.map((d) => d.rule), ['sudo', 'service-stop', 'kubectl-delete']);
  assert.equal(f.diagnostics!.length, 2);
  const [d, e] = f.diagnostics!;
  assert.equal(d.severity, 2);
  assert.equal(d.code, 'command/dangerous');
  assert.equal(body.slice(d.span.start, d.span.end), 'sudo systemctl restart');
  assert.match(d.message, /^Dangerous command \(sudo, service-stop\): runs with root privileges; stopping or restarting/);
  assert.equal(body.slice(e.span.start, e.span.end), 'kubectl delete');
});

test('JSON output pasted in a shell block is never scanned', () => {
  assert.deepEqual(rules('curl -s localhost/stats\n{\n  "cmd": "kubectl delete pod x"\n}'), []);
});
