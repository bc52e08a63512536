// Does untagged text read as shell commands? Used to offer the `bash` tag on a bare fence. The
// word list is the everyday operations vocabulary; being wrong costs a hint, not an error.

const commandWords = new Set((
  'kubectl helm docker docker-compose podman systemctl journalctl service sudo su curl wget ssh scp rsync ' +
  'git cd ls cat less tail head grep egrep rg awk sed find xargs sort uniq wc cut tr tee echo printf export ' +
  'unset source env set mkdir rmdir rm cp mv ln chmod chown chgrp touch tar gzip gunzip zip unzip ps top htop ' +
  'kill pkill killall pgrep lsof netstat ss ip ifconfig ping dig nslookup host traceroute nc telnet df du free ' +
  'mount umount psql mysql mongo mongosh redis-cli aws gcloud az terraform ansible ansible-playbook vault ' +
  'consul nomad make npm npx yarn pnpm node go cargo python python3 pip pip3 apt apt-get yum dnf brew ' +
  'openssl base64 jq yq date sleep watch crontab nohup time timeout dd mkfs fsck iptables ufw useradd usermod ' +
  'passwd whoami id hostname uname uptime iostat vmstat sar dmesg strace tcpdump nginx promtool amtool ' +
  'grpcurl etcdctl minikube kind k9s kubectx kubens eksctl oc istioctl linkerd argocd flux stern bash sh zsh'
).split(' '));

function firstWord(line: string): string {
  const t = line.trim().replace(/^(?:sudo\s+(?:-\S+\s+)*)/, '');
  return t.split(/[\s;|&]/)[0] ?? '';
}

/** A line that starts like a command: known word, a path to a script, or an assignment. */
export function isCommandLine(line: string): boolean {
  const w = firstWord(line);
  if (!w) return false;
  if (commandWords.has(w)) return true;
  if (/^\.{0,2}\/[\w./-]+$/.test(w)) return true;
  return /^[A-Za-z_]\w*=/.test(w);
}

export function looksLikeShell(body: string): boolean {
  const lines = body.split('\n');
  let significant = 0;
  let commands = 0;
  let continued = false;
  for (const line of lines) {
    const t = line.trim();
    if (!t || t.startsWith('#')) { continued = false; continue; }
    significant++;
    if (continued || isCommandLine(line) || /^(?:\||&&|\|\|)/.test(t)) commands++;
    continued = /\\$|\|$|&&$/.test(t);
  }
  const first = lines.find((l) => l.trim() && !l.trim().startsWith('#'));
  return !!first && isCommandLine(first) && commands / significant >= 0.6;
}
