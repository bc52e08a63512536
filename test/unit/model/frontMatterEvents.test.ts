// Front matter no longer sends a whole chunk down the mdast path: the front matter alone is
// parsed by remark and the rest by the event path. The result must be exactly the mdast path's.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { factsAfterFrontMatter, factsFromMdast } from '../../../server/src/model/parseChunk';
import { candidateStarts } from '../../../server/src/model/chunks';
import { frontMatterEnd } from '../../../server/src/model/frontMatter';

const corpus = '/work/shared/corpus';
function allMarkdown(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(e => e.isDirectory() ? allMarkdown(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : []);
}

const written = [
  '---\ntitle: Disk full\nowner: sre\n---\n# Disk full\n\n```bash\ndf -h\n```\n',
  '---\ntitle: x\n# a yaml comment, not a heading\n---\n\nText with `code`.\n\n- item\n',
  '+++\ntitle = "toml"\n+++\n## Steps\n\n    indented\n',
  '---\na: 1\n---\n===\n',
  '---\na: 1\n---\n- list right after\n  ```sh\n  ls\n',
  '---\na: 1\n---',
  '---\r\na: 1\r\n---\r\n# CRLF\r\n',
  '---\na: 1\n---\n| a | b |\n|---|---|\n| `x` | y |\n',
];

function firstChunk(text: string): string {
  const s = candidateStarts(text);
  return text.slice(0, s[1] ?? text.length);
}

test('front matter then the event path gives exactly the mdast facts, and answers for field runbooks', () => {
  const files = existsSync(corpus) ? allMarkdown(corpus) : [];
  const texts = [...written, ...files.map(f => firstChunk(readFileSync(f, 'utf8')))].filter(t => frontMatterEnd(t) > 0);
  let answered = 0;
  for (const text of texts) {
    for (const gfm of [false, true]) {
      const fast = factsAfterFrontMatter(text, gfm);
      if (!fast) continue;
      answered++;
      assert.deepEqual(fast, factsFromMdast(text, gfm, true, true), `${JSON.stringify(text.slice(0, 120))} (gfm ${gfm})`);
    }
  }
  assert.ok(answered >= texts.length, `the event path answered ${answered} times for ${texts.length} documents with front matter`);
});
