// Credentials never reach logs or messages: URLs lose their userinfo and query, header values
// that look secret become "***", and known secret strings are masked wherever they appear.

export const SECRET_HEADER = /authorization|cookie|token|secret|password|api[-_]?key/i;

/** Origin and path only: userinfo and query strings (which may carry tokens) are dropped. */
export function redactUrl(url: string | URL): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = SECRET_HEADER.test(k) ? '***' : v;
  return out;
}

/** Secret values carried in headers: the whole value, and the credential after a scheme word. */
export function headerSecrets(headers: Record<string, string>): string[] {
  return Object.entries(headers).filter(([k]) => SECRET_HEADER.test(k))
    .flatMap(([, v]) => [v, v.replace(/^(Bearer|Basic|Token)\s+/i, '')]);
}

/** Masks each secret (at least 4 characters, shorter ones would mask ordinary text) in `text`. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('***');
  return out;
}
