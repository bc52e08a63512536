// A silence's length as typed: `30m`, `2h`, `1d`, `1h30m` (Prometheus duration units), from one
// minute to 30 days: shorter is a typo, longer is forgetting it.
const UNIT: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
export const MIN_SILENCE_MS = 60_000;
export const MAX_SILENCE_MS = 30 * 86_400_000;

export function parseSilenceDuration(text: string): number | undefined {
  const t = text.trim();
  if (!/^(\d+[smhdw])+$/.test(t)) return undefined;
  let ms = 0;
  for (const m of t.matchAll(/(\d+)([smhdw])/g)) ms += Number(m[1]) * UNIT[m[2]];
  return ms >= MIN_SILENCE_MS && ms <= MAX_SILENCE_MS ? ms : undefined;
}
