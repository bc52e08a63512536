// Prometheus rule files in the workspace: YAML files with `groups:` → `rules:` → `alert:`. Found
// by the same walk as runbooks (hidden and dependency folders skipped), read once at start and
// again when the file watcher reports a change.
import { readFile, stat } from 'node:fs/promises';
import { URI } from 'vscode-uri';
import { defaultLimits, findRunbooks } from '../index/crawl';
import { looksLikeRuleFile, rulesInText } from './ruleLines';
import type { RuleCatalog } from './ruleCatalog';

export const RULE_FILE = /\.ya?ml$/i;
/** Rule files are small; a multi-megabyte YAML is data, not rules we would read line by line. */
const MAX_RULE_FILE_BYTES = 2 * 1024 * 1024;

export async function indexRuleFiles(roots: string[], catalog: RuleCatalog, maxFiles = defaultLimits.maxFiles): Promise<void> {
  const paths = await findRunbooks(roots, { maxFiles, maxFileBytes: MAX_RULE_FILE_BYTES }, RULE_FILE);
  for (const p of paths) await indexRuleFile(p, catalog);
}

export async function indexRuleFile(path: string, catalog: RuleCatalog): Promise<void> {
  const uri = URI.file(path).toString();
  try {
    const st = await stat(path);
    if (!st.isFile() || st.size > MAX_RULE_FILE_BYTES) { catalog.removeFile(uri); return; }
    const text = await readFile(path, 'utf8');
    if (looksLikeRuleFile(text)) catalog.setFile(uri, rulesInText(text)); else catalog.removeFile(uri);
  } catch {
    catalog.removeFile(uri);
  }
}
