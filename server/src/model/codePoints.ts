// Checks that read UTF-16 units (lezer) or map through unquoting can start or end a span inside
// an emoji. An editor can only show whole characters, so spans are widened to code points.
const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** [from, to) widened so that neither end splits a surrogate pair of `text`. */
export function wholeCodePoints(text: string, from: number, to: number): [number, number] {
  if (from > 0 && isLow(text.charCodeAt(from)) && isHigh(text.charCodeAt(from - 1))) from--;
  if (to > 0 && isLow(text.charCodeAt(to)) && isHigh(text.charCodeAt(to - 1))) to++;
  return [from, to];
}
