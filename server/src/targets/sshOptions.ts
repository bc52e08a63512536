// Which `-o` options an environments file may pass to ssh. A cloned repository writes that file,
// so options that run local commands (ProxyCommand, LocalCommand, KnownHostsCommand), pull in
// other files (Include), send the local environment (SendEnv, SetEnv) or take over the
// connection Runbook manages (ControlMaster, ControlPath) are refused; so is turning host-key
// checking off. Everything else a user needs comes from their own ~/.ssh/config.

const ALLOWED = new Map<string, string>([
  ['userknownhostsfile', 'UserKnownHostsFile'], ['globalknownhostsfile', 'GlobalKnownHostsFile'],
  ['stricthostkeychecking', 'StrictHostKeyChecking'], ['hostkeyalias', 'HostKeyAlias'], ['hostkeyalgorithms', 'HostKeyAlgorithms'],
  ['identityfile', 'IdentityFile'], ['identitiesonly', 'IdentitiesOnly'], ['certificatefile', 'CertificateFile'],
  ['preferredauthentications', 'PreferredAuthentications'], ['pubkeyauthentication', 'PubkeyAuthentication'],
  ['connecttimeout', 'ConnectTimeout'], ['connectionattempts', 'ConnectionAttempts'],
  ['serveraliveinterval', 'ServerAliveInterval'], ['serveralivecountmax', 'ServerAliveCountMax'],
  ['addressfamily', 'AddressFamily'], ['compression', 'Compression'], ['loglevel', 'LogLevel'],
  ['updatehostkeys', 'UpdateHostKeys'], ['verifyhostkeydns', 'VerifyHostKeyDNS'],
]);

export type OptionVerdict = { ok: true; name: string; warning?: string } | { ok: false; reason: string };

export function sshOptionVerdict(name: string, value: string): OptionVerdict {
  const canonical = ALLOWED.get(name.toLowerCase());
  if (!canonical) {
    return { ok: false, reason: `ssh option \`${name}\` is not passed from the environments file (it could run commands or change the connection Runbook manages); set it in your own ~/.ssh/config. Allowed: ${[...ALLOWED.values()].join(', ')}.` };
  }
  if (/[\0\n\r]/.test(value) || value.trim() === '') return { ok: false, reason: `ssh option \`${canonical}\` needs a one-line value.` };
  const v = value.trim().toLowerCase();
  if (canonical === 'StrictHostKeyChecking' && (v === 'no' || v === 'off' || v === 'false')) {
    return { ok: false, reason: 'Runbook never turns host-key checking off: add the host\'s key to your known_hosts (or a file named by UserKnownHostsFile) instead.' };
  }
  if (canonical === 'UserKnownHostsFile' && /(^|\s)\/dev\/null(\s|$)/.test(value)) {
    return { ok: false, reason: 'A known_hosts of /dev/null turns host-key checking off; name a real known_hosts file.' };
  }
  if (canonical === 'StrictHostKeyChecking' && v === 'accept-new') {
    return { ok: true, name: canonical, warning: '`accept-new` trusts whatever key a new host shows the first time; fine for a lab, not for production.' };
  }
  return { ok: true, name: canonical };
}
