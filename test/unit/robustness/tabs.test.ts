// Regression found by the fuzzer: a tab the parser expands partly (inside a list or quote) made a
// body line longer than its document line, and placeholder ranges ended before they started.
import test from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../../server/src/analysis/pipeline';
import { checkDocument } from '../../fuzz/properties';

test('a placeholder after a partly expanded tab keeps its exact range', async () => {
  const text = '- - > \r\n    \r\n     ~~~~shell\r\n    ```\r\n    \t <pod>\r\n    ```\r\n    ~~~\r\n  \r\n  Check\r\n- \r\n\r\n> - ';
  assert.deepEqual(await checkDocument(text, [{ changes: [{ at: 0, del: 0, insert: '<pod>' }] }]), []);
  const { analysis } = await analyzeText(text);
  const pod = analysis.placeholders.find(p => p.text === '<pod>')!;
  assert.deepEqual(pod.range, { start: { line: 4, character: 6 }, end: { line: 4, character: 11 } });
});

test('tabs in list-item fences map back to the document', async () => {
  const text = '1. step\n\n\t```bash\n\techo\t<pid>\n\t```\n';
  const { analysis } = await analyzeText(text);
  const pid = analysis.placeholders.find(p => p.text === '<pid>')!;
  assert.equal(text.split('\n')[pid.range.start.line].slice(pid.range.start.character, pid.range.end.character), '<pid>');
});
