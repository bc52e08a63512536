// The chart panel's HTML. A strict Content Security Policy: nothing may be fetched or connected
// to (default-src 'none'), the one script is the extension's own bundle carrying this page's
// nonce, styles come from the extension's files, images only from them or data: URIs. No
// `vscode` import, so the policy is tested in plain Node.
export interface ChartHtml {
  /** webview.cspSource: the origin VS Code serves the extension's files from. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  title: string;
  /** The page's heading; the environment and range follow it once data comes. */
  heading: string;
  range: string;
  autoRefreshS: number;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

const escape = (s: string) => s.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);

export function chartHtml(p: ChartHtml): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escape(contentSecurityPolicy(p.cspSource, p.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${escape(p.styleUri)}">
<title>${escape(p.title)}</title>
</head>
<body data-range="${escape(p.range)}" data-auto-refresh="${p.autoRefreshS}">
<header>
  <h1>${escape(p.heading)}<span class="muted"><span id="env"></span><span id="rangeLabel"></span></span></h1>
  <div class="controls">
    <span id="presets" role="group" aria-label="Range"></span>
    <form id="customForm"><input id="custom" aria-label="Custom range" placeholder="3h, or 2026-12-03T08:00 to 2026-12-03T10:00"> <button type="submit">Apply</button></form>
    <label>Auto-refresh <select id="autoRefresh"></select></label>
    <button id="refresh" title="Query again now">Refresh</button>
    <span id="status" class="muted"></span>
  </div>
</header>
<ul id="queries"></ul>
<div id="message"></div>
<div id="chart"></div>
<script nonce="${escape(p.nonce)}" src="${escape(p.scriptUri)}"></script>
</body>
</html>`;
}
