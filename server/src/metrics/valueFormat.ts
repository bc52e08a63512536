// Sample values as people read them: 1,234.5 / 0.0123 / 2.4M, and Prometheus's special values.

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumSignificantDigits: 3 });
const plain = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const small = new Intl.NumberFormat('en', { maximumSignificantDigits: 3 });

/** A sample value as Prometheus writes it ("1.5", "+Inf", "-Inf", "NaN"); Number() rejects "+Inf". */
export function parseSample(v: string): number {
  if (v === '+Inf' || v === 'Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  return Number(v);
}

export function formatValue(v: number | string): string {
  const n = typeof v === 'string' ? parseSample(v) : v;
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  const abs = Math.abs(n);
  if (abs >= 1e6) return compact.format(n);
  if (abs !== 0 && abs < 1) return small.format(n);
  return plain.format(n);
}

/** A unit from metadata, or from the naming convention (`_seconds`, `_bytes`, ...). */
export function unitOf(name: string, metadataUnit?: string): string | undefined {
  if (metadataUnit) return metadataUnit;
  const m = name.replace(/_(total|count|sum|bucket)$/, '').match(/_(seconds|bytes|ratio|percent|celsius|meters|volts|amperes|joules|grams)$/);
  return m?.[1];
}
