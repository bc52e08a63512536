// The metric names an environment has series for, with the names a histogram or summary is known
// by in prose (the base name of `x_bucket`, `x_sum`, `x_count`).

const SUFFIX = /_(bucket|sum|count)$/;

export class KnownNames {
  readonly series: ReadonlySet<string>;
  /** Base names of histograms/summaries: `x` when `x_bucket` or both `x_sum` and `x_count` exist. */
  readonly families: ReadonlySet<string>;

  constructor(names: readonly string[]) {
    this.series = new Set(names);
    const families = new Set<string>();
    for (const n of names) {
      const base = n.replace(SUFFIX, '');
      if (base === n) continue;
      if (this.series.has(`${base}_bucket`) || (this.series.has(`${base}_sum`) && this.series.has(`${base}_count`))) families.add(base);
    }
    this.families = families;
  }

  has(name: string): boolean { return this.series.has(name); }
  isFamily(name: string): boolean { return this.families.has(name); }
  get size(): number { return this.series.size; }
}
