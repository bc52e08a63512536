// A chart's file name next to its report: `incident-…-<metric>-<environment>.svg`, safe on every
// file system (environment names are free text) and distinct per pair.
import { createHash } from 'node:crypto';

export function chartFileName(reportFile: string, metric: string, environment: string): string {
  const base = reportFile.replace(/\.(md|markdown)$/i, '');
  const slug = (s: string) => s.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 60);
  // Two names can slug alike (`a b`, `a_b`): a short hash keeps them apart.
  const h = createHash('sha256').update(`${metric}\0${environment}`).digest('hex').slice(0, 6);
  return `${base}-${slug(metric)}-${slug(environment)}-${h}.svg`;
}
