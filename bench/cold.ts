// Cold full check in-process, next to its floor (markdown-it tokenisation of the same text) and
// its baselines (the chunked remark parse alone, and a naive whole-document remark parse).
// "Cold" means empty chunk and block caches: what opening a runbook costs the first time.
import MarkdownIt from 'markdown-it';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { analyzeText } from '../server/src/analysis/pipeline';
import { parseChunks } from '../server/src/model/build';
import { clearChunkCache } from '../server/src/model/chunkCache';
import { clearBlockCache } from '../server/src/analysis/blockCache';
import { measure, type Plan } from './stats';
import type { BenchFile } from './corpus';

export interface ColdFigures { floor: number; naive: number; chunked: number; ours: number; oursFull: number }

const md = new MarkdownIt();
const whole = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);

function clearCaches(): void {
  clearChunkCache();
  clearBlockCache();
}

export async function coldFigures(f: BenchFile, plan: Plan, naivePlan: Plan): Promise<ColdFigures> {
  const floor = await measure(plan, () => md.parse(f.text, {}));
  const chunked = await measure(plan, () => parseChunks(f.text), clearChunkCache);
  const ours = await measure(plan, () => analyzeText(f.text, { uri: f.uri }), clearCaches);
  // With ShellCheck (external processes): what the full, background pass costs from cold.
  const oursFull = await measure({ runs: Math.min(plan.runs, 3), warmup: 0 }, () => analyzeText(f.text, { uri: f.uri, includeSlow: true }), clearCaches);
  const naive = await measure(naivePlan, () => whole.parse(f.text));
  return { floor, naive, chunked, ours, oursFull };
}
