// The values inside PromQL literals, read as Prometheus's lexer and parser read them: string
// escapes (Go rules: an unknown escape such as `\d` is an error, not a `d`), durations in seconds,
// and numbers (Go floats, hex, Inf, NaN).

export interface DecodedString {
  value: string;
  /** Source offset (into the literal) of each UTF-16 unit of `value`, plus one past the end. */
  at: number[];
  problem?: { from: number; to: number; message: string };
}

const SIMPLE: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

export function decodeString(raw: string): DecodedString {
  const q = raw[0];
  const end = raw.length > 1 && raw[raw.length - 1] === q ? raw.length - 1 : raw.length;
  let value = '';
  const at: number[] = [];
  const push = (s: string, pos: number) => { value += s; for (let k = 0; k < s.length; k++) at.push(pos); };
  for (let i = 1; i < end;) {
    if (q === '`' || raw[i] !== '\\') { push(raw[i], i); i++; continue; }
    const c = raw[i + 1];
    const bad = (len: number, message: string): DecodedString => ({ value, at, problem: { from: i, to: i + len, message } });
    if (c === undefined || i + 1 >= end) return bad(1, 'The string ends with a lone `\\`: write `\\\\` for a backslash.');
    if (SIMPLE[c] !== undefined || c === q) { push(SIMPLE[c] ?? c, i); i += 2; continue; }
    const width = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : c >= '0' && c <= '7' ? 3 : 0;
    if (!width) {
      const regexy = /[dDsSwWbB.()[\]{}*+?|^$]/.test(c);
      const hint = regexy
        ? ` For a regex, double the backslash (\`\\\\${c}\`) or quote with backticks: \`\`…\\${c}…\`\`.`
        : ` Write \`\\\\${c}\` for a backslash followed by \`${c}\`.`;
      return bad(2, `\`\\${c}\` is not a valid escape in a PromQL string.${hint}`);
    }
    const digits = raw.slice(c >= '0' && c <= '7' ? i + 1 : i + 2, (c >= '0' && c <= '7' ? i + 1 : i + 2) + width);
    const ok = c >= '0' && c <= '7' ? /^[0-7]{3}$/.test(digits) : new RegExp(`^[0-9A-Fa-f]{${width}}$`).test(digits);
    const len = (c >= '0' && c <= '7' ? 1 : 2) + width;
    if (!ok) return bad(Math.min(len, end - i), `\`${raw.slice(i, i + 2)}\` needs ${width} ${c >= '0' && c <= '7' ? 'octal' : 'hex'} digits.`);
    const code = parseInt(digits, c >= '0' && c <= '7' ? 8 : 16);
    if ((c >= '0' && c <= '7' && code > 255) || (code >= 0xd800 && code < 0xe000) || code > 0x10ffff) {
      return bad(len, `\`${raw.slice(i, i + len)}\` is not a valid Unicode code point.`);
    }
    push(String.fromCodePoint(code), i); i += len;
  }
  at.push(end);
  return { value, at };
}

const UNIT_SECONDS: Record<string, number> = { y: 365 * 86400, w: 7 * 86400, d: 86400, h: 3600, m: 60, s: 1, ms: 0.001 };

/** Seconds in a duration or number literal (`1h30m`, `300`, `1.5`), undefined when not one. */
export function durationSeconds(lit: string): number | undefined {
  if (/^(\d+(ms|[ywdhms]))+$/.test(lit)) {
    let total = 0;
    for (const m of lit.matchAll(/(\d+)(ms|[ywdhms])/g)) total += Number(m[1]) * UNIT_SECONDS[m[2]];
    return total;
  }
  return numberValue(lit);
}

/** A PromQL number literal's value (sign, hex, Inf, NaN included), undefined when not one. */
export function numberValue(lit: string): number | undefined {
  const m = /^([+-]?)\s*(.*)$/s.exec(lit.trim());
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  const body = m[2];
  if (/^inf$/i.test(body)) return sign * Infinity;
  if (/^nan$/i.test(body)) return NaN;
  if (/^0[xX][0-9a-fA-F]+$/.test(body)) return sign * parseInt(body, 16);
  if (/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(body)) return sign * Number(body);
  return undefined;
}

/** The largest duration Prometheus can hold: int64 nanoseconds. */
export const MAX_DURATION_SECONDS = 2 ** 63 / 1e9;
/** `@` takes seconds that must fit int64 (Prometheus checks before converting to milliseconds). */
export const MAX_AT_SECONDS = 2 ** 63;
