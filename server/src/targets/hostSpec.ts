// `[user@]host[:port]`, as hosts are written in a fleet's list and in an inventory file. Names
// are checked so that none can be read by ssh as an option (`-oProxyCommand=…`).

export const HOST_RE = /^(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?|\[[0-9A-Fa-f:.]+\])$/;
export const USER_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

export interface HostSpec { host: string; user?: string; port?: number }

/** The parsed spec, or why it is not one. */
export function parseHostSpec(text: string): HostSpec | string {
  const m = /^(?:([^@\s]+)@)?(\[[^\]]+\]|[^:\s]+)(?::(\d+))?$/.exec(text.trim());
  if (!m) return `\`${text}\` is not \`[user@]host[:port]\`.`;
  const [, user, host, port] = m;
  if (!HOST_RE.test(host)) return `\`${host}\` is not a host name or address.`;
  if (user !== undefined && !USER_RE.test(user)) return `\`${user}\` is not a user name.`;
  const spec: HostSpec = { host: host.replace(/^\[(.*)\]$/, '$1') };
  if (user) spec.user = user;
  if (port !== undefined) {
    const n = Number(port);
    if (!(n >= 1 && n <= 65535)) return `Port \`${port}\` is not between 1 and 65535.`;
    spec.port = n;
  }
  return spec;
}

/** Jump hosts: a comma-separated chain of specs, each checked like a host. */
export function jumpProblem(jump: string): string | undefined {
  for (const part of jump.split(',')) {
    const r = parseHostSpec(part);
    if (typeof r === 'string') return `jump host: ${r}`;
  }
  return undefined;
}
