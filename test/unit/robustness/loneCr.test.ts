// Lone CR line breaks (classic Mac files) end lines for CommonMark and for LSP alike. Regressions
// found by `npm run fuzz -- --lone-cr`: ranges ran past the end of their line.
import test from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument } from '../../fuzz/properties';

const cases: Record<string, string> = {
  'unclosed fence in a nested quote (info range past the line)': '- > <details>\r  > <summary>x</summary>\r  > \r  > ```bash\r  > ls\r  > ```\r  > </details>\r  ',
  'opening fence line ending in a lone CR': '```> >  ````json\r> > []\r> >  ````\r\rCheck',
  'block body holding lone CRs (body map line arithmetic)': '---\ntitle: x\rowner: sre\n---\r>  ~~~~ba~sh\n> ```\r> \n> $ kubectl kubectl kubectl\r> ```\n> ~~~~ x',
};

for (const [name, text] of Object.entries(cases)) {
  test(`lone CR: ${name}`, async () => {
    assert.deepEqual(await checkDocument(text, [{ changes: [{ at: 0, del: 0, insert: '```' }] }, { changes: [{ at: 7, del: 3, insert: '$VAR' }] }]), []);
  });
}
