// Prometheus URLs that point at a cloud metadata service or a link-local address: a repository's
// environments file could aim hovers (and credentials) at 169.254.169.254, which answers with
// instance credentials. Such URLs are allowed but get a warning.
import { isIP } from 'node:net';

const METADATA_HOSTS = new Set(['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data', 'instance-data.ec2.internal', 'metadata.azure.com']);
// AWS, GCP, Azure, OpenStack: 169.254.169.254; ECS task metadata 169.254.170.2; Alibaba 100.100.100.200; AWS IPv6 fd00:ec2::254.
const METADATA_IPS = new Set(['169.254.169.254', '169.254.170.2', '100.100.100.200', 'fd00:ec2::254']);

/** Why `url` is an internal address worth a warning, or undefined. */
export function internalAddress(url: string): string | undefined {
  let host: string;
  try { host = new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, ''); } catch { return undefined; }
  if (METADATA_HOSTS.has(host) || METADATA_IPS.has(host)) return `${host} is a cloud metadata service`;
  if (isIP(host) === 4 && host.startsWith('169.254.')) return `${host} is a link-local address`;
  if (isIP(host) === 6 && /^fe[89ab]/.test(host)) return `${host} is a link-local address`;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host)?.[1] ?? /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host)?.slice(1).map((h) => parseInt(h, 16)).flatMap((n) => [n >> 8, n & 255]).join('.');
  if (mapped && (mapped.startsWith('169.254.') || METADATA_IPS.has(mapped))) return `${host} is a link-local or metadata address`;
  return undefined;
}
