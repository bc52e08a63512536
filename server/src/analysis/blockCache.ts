// Findings per (analyzer, block content). Block analyzers are pure functions of the block's
// content, so an edit elsewhere in the document reuses every other block's findings.
import { createHash } from 'node:crypto';
import type { BlockFindings } from './types';
import type { CodeBlock } from '../model/types';

const limit = 50_000;
const cache = new Map<string, BlockFindings>();

export function blockKey(analyzerId: string, block: CodeBlock, settingsKey: string): string {
  return createHash('sha1').update(analyzerId).update('\0').update(settingsKey).update('\0')
    .update(block.lang).update('\0').update(block.info).update('\0').update(block.body).digest('base64');
}

export function getCached(key: string): BlockFindings | undefined {
  return cache.get(key);
}

export function setCached(key: string, findings: BlockFindings): void {
  cache.set(key, findings);
  if (cache.size > limit) cache.delete(cache.keys().next().value as string);
}

/** For tests that compare a warm analysis against a cold one. */
export function clearBlockCache(): void {
  cache.clear();
}
