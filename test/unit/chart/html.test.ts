// The chart panel's page: a CSP that allows no remote script and no connection, the one script
// carrying the page's nonce, and the title escaped.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { chartHtml, contentSecurityPolicy } from '../../../client/src/chart/html';

const page = chartHtml({
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce: 'bm9uY2U=', title: 'Chart · step 2 · <prod>', heading: 'Chart · step 2',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/chartView.js', styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/chartView.css',
  range: '1h', autoRefreshS: 30,
});

test('the CSP: nothing by default, scripts by nonce only, no inline or remote code, no connections', () => {
  const csp = contentSecurityPolicy('https://x.vscode-cdn.net', 'abc');
  const directives = Object.fromEntries(csp.split(';').map(d => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives['default-src'], ["'none'"]);
  assert.deepEqual(directives['script-src'], ["'nonce-abc'"]);
  assert.equal(directives['connect-src'], undefined, 'falls back to none: the page fetches nothing');
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:\/\/(?!x\.vscode-cdn\.net)|\*/);
});

test('the page: its CSP meta first, every script nonced and local, the title escaped', () => {
  assert.match(page, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;nonce-bm9uY2U=&#39;/);
  const scripts = [...page.matchAll(/<script\b[^>]*>/g)].map(m => m[0]);
  assert.equal(scripts.length, 1);
  assert.match(scripts[0]!, /nonce="bm9uY2U="/);
  assert.match(scripts[0]!, /src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/dist\/chartView\.js"/);
  assert.doesNotMatch(page, /<script[^>]*>[^<]+<\/script>/, 'no inline script');
  assert.match(page, /Chart · step 2 · &#60;prod&#62;/);
  assert.doesNotMatch(page, /<prod>/);
});
