// Commands that only look: `sudo` in front of them reads a root-only file or log, which is not a
// danger worth a warning (`sudo journalctl -u kubelet`, `sudo cat /etc/shadow`, `sudo ls /root`).
// Subcommands matter: `systemctl status` looks, `systemctl stop` does not.

const plain = new Set((
  'cat less more head tail ls ll grep egrep fgrep zgrep zcat rg wc stat file du df free uptime whoami id ' +
  'ps pgrep top htop iotop atop lsof netstat ss dmesg lsblk blkid findmnt lscpu lspci lsusb lsmod ' +
  'dmidecode md5sum sha1sum sha256sum sha512sum iostat vmstat mpstat pidstat sar nproc uname printenv ' +
  'which type readlink realpath tree xxd hexdump od jq diff cmp strings getent last lastlog w who ' +
  'tcpdump ping traceroute tracepath mtr dig nslookup host arp nstat'
).split(' '));

const bySubcommand: Record<string, RegExp> = {
  systemctl: /^(?:-\S+\s+)*(?:status|show|cat|list-\S+|is-active|is-enabled|is-failed|--failed)\b/,
  service: /^\S+\s+status\b|^--status-all\b/,
  journalctl: /^(?!.*--(?:vacuum|rotate|flush|relinquish))/,
  kubectl: /^(?:-\S+\s+(?:\S+\s+)?)*(?:get|describe|logs|top|version|api-resources|explain|cluster-info|auth\s+can-i)\b/,
  crictl: /^(?:-\S+\s+)*(?:ps|pods|images|logs|inspect\S*|stats|info|version)\b/,
  docker: /^(?:-\S+\s+)*(?:ps|logs|inspect|images|stats|info|version|top)\b/,
  find: /^(?!.*\s-(?:delete|exec|execdir|ok|okdir|fprint\S*)\b)/,
  iptables: /^(?=.*\s?-(?:L|S|nvL|nL|vnL)\b|.*--list)(?!.*\s-[ADIFXNRPZ]\b)/,
  ip6tables: /^(?=.*\s?-(?:L|S|nvL|nL|vnL)\b|.*--list)(?!.*\s-[ADIFXNRPZ]\b)/,
  nft: /^list\b/,
  ip: /^(?:-\S+\s+)*(?:a|addr|address|l|link|r|route|n|neigh|rule)(?:\s+(?:show|list|get)\b|\s*$)/,
  sysctl: /^(?!.*(?:\s-w\b|=))/,
  smartctl: /^-[aiHAx]\b/,
  ethtool: /^(?!-[sKAGLCEPfr]\b)/,
  mount: /^$/,
  hostname: /^$/,
  date: /^(?:\+\S+)?$/,
  'gitlab-ctl': /^(?:status|tail)\b/,
  etcdctl: /^(?:-\S+\s+)*(?:member\s+list|endpoint\s+(?:status|health)|get|version|alarm\s+list)\b/,
  ceph: /^(?:-\S+\s+)*(?:status|-s|health|df|osd\s+(?:tree|df|stat)|pg\s+stat|versions)\b/,
};

/** Does this command line (from its command word) only read? */
export function isReadOnlyCommand(line: string): boolean {
  const t = line.trim();
  const m = /^(\S+)\s*(.*)$/s.exec(t);
  if (!m) return true;
  const name = m[1].replace(/^.*\//, '');
  if (plain.has(name)) return true;
  const sub = bySubcommand[name];
  return !!sub && sub.test(m[2].trim());
}
