// Whether a resolved `runbook_url` lands: the file is there, and so is the heading its anchor names.
import { relative } from 'node:path';
import { headingSlugs } from './slug';
import { didYouMean } from '../metrics/didYouMean';
import type { LinkTarget } from './linkTarget';

/** The section titles of a runbook, or undefined when it is not a known runbook (a file we do not read). */
export type TitlesOf = (path: string) => string[] | undefined;

/** Why the link is broken, in one sentence, or undefined when it lands (or is not ours to judge). */
export function linkProblem(target: LinkTarget, titlesOf: TitlesOf, root: string | undefined): string | undefined {
  const shown = (p: string) => (root && p.startsWith(root) ? relative(root, p) : p);
  if (target.kind === 'unchecked') return undefined;
  if (target.kind === 'missing') return `\`runbook_url\` points to ${target.written}, which is not in the workspace (looked for ${shown(target.path)}).`;
  if (!target.anchor) return undefined;
  const titles = titlesOf(target.path);
  if (!titles) return undefined;
  const slugs = headingSlugs(titles);
  // GitHub matches anchors as written; readers often write them in the heading's own case.
  if (slugs.includes(target.anchor) || slugs.includes(target.anchor.toLowerCase())) return undefined;
  const near = didYouMean(target.anchor.toLowerCase(), slugs, 2);
  const hint = near.length ? ` Did you mean ${near.map((s) => `#${s}`).join(' or ')}?` : '';
  return `\`runbook_url\` points to heading #${target.anchor} in ${shown(target.path)}, which has no such heading.${hint}`;
}

/** The index of the section an anchor names (0 = first heading), or -1. */
export function sectionOfAnchor(titles: string[], anchor: string): number {
  const slugs = headingSlugs(titles);
  const i = slugs.indexOf(anchor);
  return i >= 0 ? i : slugs.indexOf(anchor.toLowerCase());
}
