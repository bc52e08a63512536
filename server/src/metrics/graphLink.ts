// A link to the environment's own Prometheus graph page for an expression, last hour, so the user
// can look further than the hover. Credentials in the URL never make it into the link.

/** `range` is a Prometheus duration (default 1h); `end` (Unix seconds) pins the window's end. */
export function graphLink(prometheusUrl: string, expr: string, window: { range?: string; end?: number } = {}): string | undefined {
  let url: URL;
  try { url = new URL(prometheusUrl); } catch { return undefined; }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  const base = url.href.replace(/\/$/, '');
  // Parentheses are encoded too: the link sits in a Markdown `(…)` destination.
  const q = (s: string) => encodeURIComponent(s).replace(/[()!*']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const end = window.end === undefined ? '' : `&g0.end_input=${q(new Date(window.end * 1000).toISOString().slice(0, 19).replace('T', ' '))}`;
  return `${base}/graph?g0.expr=${q(expr)}&g0.tab=0&g0.range_input=${q(window.range ?? '1h')}${end}`;
}
