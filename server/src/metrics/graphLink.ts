// A link to the environment's own Prometheus graph page for an expression, last hour, so the user
// can look further than the hover. Credentials in the URL never make it into the link.

export function graphLink(prometheusUrl: string, expr: string): string | undefined {
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
  return `${base}/graph?g0.expr=${q(expr)}&g0.tab=0&g0.range_input=1h`;
}
