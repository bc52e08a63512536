import test from 'node:test';
import assert from 'node:assert/strict';
import { codeFence, escapeMarkdown, inlineCode } from '../../../server/src/metrics/escape';

test('hostile text cannot add HTML, links, images or emphasis', () => {
  const out = escapeMarkdown('<script>x</script> ![i](http://a/b.png) [l](javascript:x) **b** `c` | d');
  assert.ok(!/<|>/.test(out), out);
  assert.ok(!out.includes('](') || out.includes('\\]('), 'brackets escaped so no link forms');
  assert.equal(out, '&lt;script&gt;x&lt;/script&gt; !\\[i\\](http\\://a/b.png) \\[l\\](javascript\\:x) \\*\\*b\\*\\* \\`c\\` \\| d');
});

test('newlines collapse so text cannot start a new block; line-start markers are escaped', () => {
  assert.equal(escapeMarkdown('a\n# heading\r\nb'), 'a # heading b');
  assert.equal(escapeMarkdown('# heading'), '\\# heading');
  assert.equal(escapeMarkdown('- item'), '\\- item');
  assert.equal(escapeMarkdown('1. item'), '1\\. item');
  assert.equal(escapeMarkdown('=='), '\\==');
});

test('bare URLs do not autolink', () => {
  assert.equal(escapeMarkdown('see www.evil.com or https://x'), 'see www\\.evil.com or https\\://x');
});

test('code fences and inline code outgrow backtick runs in their content', () => {
  assert.equal(codeFence('promql', 'a ``` b'), '````promql\na ``` b\n````');
  assert.equal(codeFence('promql', 'up'), '```promql\nup\n```');
  assert.equal(inlineCode('up'), '`up`');
  assert.equal(inlineCode('a`b'), '`` a`b ``');
});
