// The commands that change or destroy state, kept as data with the reason a reviewer would give.
// The run step asks for confirmation before any of them; the editor shows a warning.
import { isReadOnlyCommand } from './readOnlyCommands';

export interface DangerRule {
  id: string;
  reason: string;
  /** Matched against one command's text (from the command word to the end of the command). */
  pattern: RegExp;
  /** Optional refinement on the match, e.g. "the target of rm is a variable or broad path". */
  test?: (match: RegExpExecArray) => boolean;
  /** True when the pattern must start a command (after `;`, `|`, `&&`, `sudo`…); false for SQL. */
  commandStart: boolean;
}

const broadTarget = /(?:^|\s)(?:"?\$|\{\}|\/\*?(?:\s|$)|~\/?(?:\s|$)|\*(?:\s|$)|\.\.?\/?(?:\s|$)|\S*\*)/;
// Scratch space: removing a tree there is routine clean-up, not a danger.
// So are build outputs and caches that the next build or run recreates (`rm -rf node_modules`).
const scratchOnly = /^(?:\s*(?:(?:\/tmp\/|\/var\/tmp\/)[^\s*]+|(?:\.\/)?(?:[\w.-]+\/)*(?:node_modules|\.terraform|dist|build|target|\.cache|__pycache__|\.pytest_cache|coverage)\/?))+\s*$/;
const recursiveForce = (flags: string) => /-[a-zA-Z]*[rR]|--recursive/.test(flags) && /-[a-zA-Z]*f|--force/.test(flags);

/** `sudo [options] cmd`: root for a command that only reads (`sudo journalctl -u x`) is no danger. */
function sudoChangesSomething(rest: string): boolean {
  const words = rest.trim().split(/\s+/).filter(Boolean);
  let i = 0;
  while (i < words.length && words[i].startsWith('-')) {
    const w = words[i];
    if (w === '--') { i++; break; }
    // A root shell or editor (`sudo -i`, `sudo -s`, `sudo -e`): what follows runs or writes as root.
    if ((/^-[a-zA-Z]*[ise]/.test(w) && !/^-[ugCDhprtUT]/.test(w)) || /^--(?:login|shell|edit)$/.test(w)) return true;
    // `sudo -u app …` runs as app, not root: the command's own rules still apply.
    const user = /^(?:-u|--user)$/.test(w) ? words[i + 1] : /^(?:-u|--user=)(.+)$/.exec(w)?.[1];
    if (user !== undefined && !/^(?:root|#?0)$/.test(user)) return false;
    i += /^-[ugCDhprtUT]$|^--(?:user|group|host|prompt|role|type|chdir|other-user)$/.test(w) ? 2 : 1;
  }
  const command = words.slice(i).join(' ').replace(/^(?:env\s+(?:-\S+\s+)*)?(?:[A-Za-z_]\w*=\S*\s+)*/, '');
  return !!command && !isReadOnlyCommand(command);
}

const systemPath = /(?:^|\s)\/(?:(?:etc|usr|var|bin|sbin|lib|lib64|boot|root|home|opt|srv|sys|proc|dev)(?:\/(?:lib|local|log|bin|share|\*))?)?\/?\*?(?:\s|$)/;

export const dangerRules: DangerRule[] = [
  { id: 'rm-rf', commandStart: true,
    reason: 'rm -rf on a variable, glob or broad path deletes more than intended when the value is empty or wrong',
    pattern: /rm\s+((?:-\S+\s+)*)([^;&|\n]*)/,
    test: (m) => recursiveForce(m[1]) && broadTarget.test(' ' + m[2]) },
  { id: 'rm-rf-path', commandStart: true,
    reason: 'rm -rf deletes the whole tree without asking, and nothing brings it back',
    pattern: /rm\s+((?:-\S+\s+)*)([^;&|\n]*)/,
    test: (m) => recursiveForce(m[1]) && !broadTarget.test(' ' + m[2]) && !!m[2].trim() && !scratchOnly.test(m[2].replace(/['"]+\s*$/, '')) },
  { id: 'kill-9', commandStart: true, reason: 'kill -9 gives the process no chance to shut down cleanly',
    pattern: /kill\s+(?:-9|-KILL|-SIGKILL|-s\s+(?:KILL|SIGKILL|9))\b/ },
  { id: 'pkill', commandStart: true, reason: 'pkill/killall/fuser -k stop every process that matches, possibly more than intended',
    // `killall -HUP dnsmasq` asks for a reload: only signals that end a process are a danger.
    pattern: /(?:pkill|killall)\b(?!\s+(?:-s\s+|--signal[= ])?-?(?:SIG)?(?:HUP|USR1|USR2|CONT|WINCH|0|1)\b)|fuser\s+(?:-\S+\s+)*-[a-zA-Z]*k/ },
  { id: 'kubectl-delete', commandStart: true, reason: 'kubectl/oc delete removes cluster resources',
    // `k` is the usual alias for kubectl; rules match only at a command word, so `k` is that alias.
    pattern: /(?:kubectl|oc|kubecolor|k)\s[^;&|\n]*?\bdelete\b(?<=\sdelete)/ },
  { id: 'node-drain', commandStart: true, reason: 'draining a node evicts every pod on it (with --force, also pods no controller recreates)',
    pattern: /(?:kubectl|oc(?:\s+adm)?|k)\s[^;&|\n]*?\bdrain\b(?<=\sdrain)/ },
  { id: 'rollout-restart', commandStart: true, reason: 'kubectl rollout restart replaces every pod of the workload, live',
    pattern: /(?:kubectl|oc)\b[^;&|\n]*?\srollout\s+(?:-\S+\s+)*restart\b/ },
  { id: 'kubectl-scale-zero', commandStart: true, reason: 'scaling to zero replicas takes the workload down',
    pattern: /(?:kubectl|oc|k)\s[^;&|\n]*?\bscale\b(?<=\sscale)[^;&|\n]*?--replicas[= ]0\b/ },
  { id: 'helm-rollback', commandStart: true, reason: 'helm rollback/uninstall changes or removes a live release',
    pattern: /helm\b[^;&|\n]*?\s(?:rollback|uninstall|delete)\b/ },
  { id: 'terraform-destroy', commandStart: true, reason: 'terraform destroy / state rm destroys infrastructure or makes Terraform forget it',
    pattern: /(?:terraform|tf|tofu|terragrunt)\b[^;&|\n]*?\s(?:destroy\b|state\s+rm\b|apply\b[^;&|\n]*?\s-destroy\b|workspace\s+delete\b)/ },
  { id: 'bucket-delete', commandStart: true, reason: 'a recursive delete in object storage removes every object under the prefix',
    pattern: /(?:gsutil\b[^;&|\n]*?\s(?:rm\b[^;&|\n]*?\s-[a-zA-Z]*[rR]\b|rb\b)|gcloud\s+storage\s+(?:rm\b[^;&|\n]*?\s(?:-r|--recursive)\b|buckets\s+delete\b)|aws\b[^;&|\n]*?\ss3\s+(?:rm\b[^;&|\n]*?\s--recursive\b|rb\b))/ },
  { id: 'cloud-delete', commandStart: true, reason: 'deletes or terminates cloud resources',
    pattern: /(?:az\b[^;&|\n]*?\s(?:delete|purge)\b|gcloud\b[^;&|\n]*?\sdelete\b|aws\s+(?:--?\S+\s+(?:\S+\s+)?)*[a-z0-9-]+\s+(?:delete|terminate|deregister|remove)-[\w-]+)/ },
  { id: 'http-delete', commandStart: true, reason: 'an HTTP DELETE removes the resource on the server',
    pattern: /(?:curl\b[^;&|\n]*?(?:\s-X\s*|\s--request[= ]\s*)['"]?DELETE\b|wget\b[^;&|\n]*?\s--method[= ]['"]?DELETE\b|https?\s+(?:-\S+\s+)*DELETE\s)/ },
  { id: 'compose-down-volumes', commandStart: true, reason: 'docker compose down -v deletes the named volumes and their data',
    pattern: /docker(?:-compose|\s+compose)\b[^;&|\n]*?\sdown\b[^;&|\n]*?\s(?:-v|--volumes)\b/ },
  { id: 'sql-drop', commandStart: false, reason: 'DROP/TRUNCATE destroys data',
    pattern: /\b(?:DROP\s+(?:TABLE|DATABASE|SCHEMA|INDEX|VIEW|MATERIALIZED\s+VIEW|USER|ROLE|KEYSPACE|COLLECTION|SEQUENCE|TABLESPACE|OWNED)|TRUNCATE(?:\s+TABLE)?\s+[\w."`]+)\b|\.drop(?:Database)?\(\)|\bFLUSH(?:ALL|DB)\b/i },
  { id: 'orm-destroy', commandStart: false, reason: 'destroy/delete_all in a Rails console removes database records (and their dependants)',
    pattern: /\.(?:destroy!?|destroy_all|delete_all)(?![\w!])/ },
  { id: 'sql-delete-all', commandStart: false, reason: 'DELETE without WHERE removes every row',
    pattern: /\bDELETE\s+FROM\s+[\w."`]+\s*(?:;|$|['"])/im },
  { id: 'recursive-permissions', commandStart: true, reason: 'a recursive chmod/chown on a system path can break the host',
    pattern: /(?:chmod|chown|chgrp)\s+(?:-\S+\s+)*(?:-[a-zA-Z]*R[a-zA-Z]*|--recursive)\s+([^;&|\n]*)/,
    test: (m) => systemPath.test(' ' + m[1]) },
  { id: 'dd', commandStart: true, reason: 'dd of= overwrites the target device or file', pattern: /dd\b[^;&|\n]*\bof=/ },
  { id: 'mkfs', commandStart: true, reason: 'mkfs erases the file system on the device', pattern: /mkfs(?:\.\w+)?\b/ },
  { id: 'service-stop', commandStart: true, reason: 'stopping or restarting a service interrupts it',
    pattern: /(?:systemctl\s+(?:-\S+\s+)*(?:stop|restart|kill)\b|service\s+\S+\s+(?:stop|restart)\b|(?:gitlab-ctl|supervisorctl)\s+(?:-\S+\s+)*(?:stop|restart|kill)\b)/ },
  { id: 'reboot', commandStart: true, reason: 'rebooting or powering off takes the whole host down',
    pattern: /(?:reboot|poweroff|halt|shutdown)(?=\s|$)|systemctl\s+(?:-\S+\s+)*(?:reboot|poweroff|halt)\b/ },
  { id: 'etcd-change', commandStart: true, reason: 'removing members, deleting keys, restoring or defragmenting etcd changes the cluster\'s state store',
    pattern: /etcdctl\b[^;&|\n]*?\s(?:member\s+remove|del|defrag|snapshot\s+restore)\b/ },
  { id: 'kube-force', commandStart: true, reason: 'removing finalizers or replacing with --force deletes resources without their clean-up',
    pattern: /(?:kubectl|oc)\b[^;&|\n]*?\s(?:patch\b[^;&|\n]*?finalizers|replace\b[^;&|\n]*?\s--force\b)/ },
  { id: 'storage-wipe', commandStart: true, reason: 'wipes or removes disks, volumes or storage pools, and their data',
    pattern: /(?:wipefs|shred|lvremove|vgremove|pvremove)\b|sgdisk\b[^;&|\n]*?\s(?:--zap-all|-Z)\b|ceph\b[^;&|\n]*?\s(?:osd\s+(?:purge|destroy)|osd\s+pool\s+(?:delete|rm)|fs\s+rm)\b|(?:docker|podman)\s+(?:-\S+\s+)*(?:volume\s+(?:rm|prune)|system\s+prune)\b/ },
  { id: 'vm-destroy', commandStart: true, reason: 'destroys or undefines a virtual machine',
    pattern: /virsh\s+(?:-\S+\s+(?:\S+\s+)?)*(?:destroy|undefine)\b/ },
  { id: 'git-rewrite', commandStart: true, reason: 'rewrites or discards history or work that may not exist anywhere else',
    pattern: /git\b[^;&|\n]*?\s(?:push\b[^;&|\n]*?\s(?:--force(?:-with-lease)?|-f)\b|reset\s+--hard\b|clean\s+-[a-zA-Z]*f)/ },
  { id: 'firewall-flush', commandStart: true, reason: 'flushing the firewall rules drops every rule at once',
    pattern: /(?:iptables|ip6tables)\s+(?:-\S+\s+)*-F\b|nft\s+flush\s+ruleset\b/ },
  { id: 'secret-delete', commandStart: true, reason: 'deletes secrets or configuration from the store',
    pattern: /vault\s+(?:kv\s+(?:delete|destroy|metadata\s+delete)|secrets\s+disable|lease\s+revoke)\b|consul\s+kv\s+delete\b/ },
  { id: 'pipe-to-shell', commandStart: true, reason: 'piping a download into a shell runs unreviewed code',
    pattern: /(?:curl|wget)\b[^;&\n]*?\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:ba|z|k|da)?sh\b/ },
  { id: 'sudo', commandStart: true, reason: 'runs with root privileges',
    pattern: /sudo\b(?=([^;&|\n]*))/, test: (m) => sudoChangesSomething(m[1]) },
];
