// Findings per (analyzer, block content). Block analyzers are pure functions of the block's
// content, so an edit elsewhere in the document reuses every other block's findings.
//
// Keyed by the body string itself, then by kind, language and info string, then by analyzer and
// settings. An unchanged block's body is the very same string object from one keystroke to the
// next (the model reuses it from the chunk layout), so its lookup costs no hashing at all; a
// crypto hash per block and analyzer cost ~10 ms per keystroke on a 2 MB runbook.
import { createHash } from 'node:crypto';
import type { BlockFindings } from './types';
import type { CodeBlock } from '../model/types';

const limit = 50_000;
type ByAnalyzer = Map<string, BlockFindings>;
const cache = new Map<string, Map<string, ByAnalyzer>>();
let entries = 0;

/** The analyzer part of a key: computed once per analysis run, not per block. */
export function analyzerKey(analyzerId: string, settingsKey: string): string {
  return `${analyzerId}\0${createHash('sha1').update(settingsKey).digest('base64')}`;
}

// `kind` too: an indented block and an untagged fence share lang and info but not every check.
const blockPart = (block: CodeBlock) => `${block.kind}\0${block.lang}\0${block.info}`;

export function getCached(block: CodeBlock, key: string): BlockFindings | undefined {
  return cache.get(block.body)?.get(blockPart(block))?.get(key);
}

export function setCached(block: CodeBlock, key: string, findings: BlockFindings): void {
  let byBlock = cache.get(block.body);
  if (!byBlock) cache.set(block.body, byBlock = new Map());
  const part = blockPart(block);
  let byAnalyzer = byBlock.get(part);
  if (!byAnalyzer) byBlock.set(part, byAnalyzer = new Map());
  if (!byAnalyzer.has(key)) entries++;
  byAnalyzer.set(key, findings);
  // First in, first out, a whole body at a time.
  while (entries > limit && cache.size > 1) {
    const [oldest, parts] = cache.entries().next().value as [string, Map<string, ByAnalyzer>];
    for (const m of parts.values()) entries -= m.size;
    cache.delete(oldest);
  }
}

/** For tests that compare a warm analysis against a cold one. */
export function clearBlockCache(): void {
  cache.clear();
  entries = 0;
}
