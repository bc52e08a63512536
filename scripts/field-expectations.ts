// The field-expectation file (test/fixtures/field/expectations.tsv) from a fresh `runbook check`.
// usage: node --import tsx scripts/field-expectations.ts            show differences and precision
//        node --import tsx scripts/field-expectations.ts --update   rewrite the file: rows whose key
//          (file, line, col, code) is unchanged keep their verdict, new rows are `unreviewed`
// The corpus is ../shared/corpus/field beside the repository, or $RUNBOOK_FIELD_CORPUS.
import { describe, differences, expectationFile, fieldCorpus, mergeVerdicts, precision, readExpectations, runFieldCheck, writeExpectations } from '../test/tools/fieldExpectations';

const update = process.argv.includes('--update');
const corpus = fieldCorpus();
if (!corpus) {
  console.error('field-expectations: no field corpus (set RUNBOOK_FIELD_CORPUS or put it at ../shared/corpus/field)');
  process.exit(2);
}
const fresh = runFieldCheck(corpus);
const old = readExpectations();
const diffs = differences(fresh, old);
for (const d of diffs) console.log(`${d.kind.padEnd(7)} ${d.key.split('\t').join(':')}  ${d.detail}`);
const rows = mergeVerdicts(fresh, old);
if (update) writeExpectations(rows);
console.log(`${diffs.length} difference(s)${update ? `; ${expectationFile} rewritten` : ''}`);
console.log(describe(precision(rows, 'error'), 'error'));
console.log(describe(precision(rows, 'warning'), 'warning'));
