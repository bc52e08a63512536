// The forms a secret takes on the way to the screen: the value itself, and each way Runbook's
// quoting (quote.ts) or bash itself (`set -x`, `declare -p`, `printf %q`) escapes it. Masking
// only the raw value let `Xy\$Zz\"Q…` and `'it'\''s-…'` through into records and terminals.

import { quoteFor, type QuoteContext } from './quote';

const ANSI_C: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\x1b': '\\E', '\\': '\\\\', "'": "\\'" };

/** `$'…'` as bash prints it for values with control characters (set -x, declare -p). */
function ansiC(value: string): string {
  return value.replace(/[\x00-\x1f\x7f\\']/g, (c) => ANSI_C[c] ?? `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`);
}

const CONTEXTS: QuoteContext[] = ['bare', 'double', 'single', 'ansi', 'heredoc'];

export function shellForms(value: string): string[] {
  const singleInner = value.replace(/'/g, `'\\''`);
  const substituted = CONTEXTS.flatMap((ctx) => { try { return [quoteFor(ctx, value)]; } catch { return []; } });
  return [...new Set([
    value, ...substituted, // what substitute() wrote into the command
    singleInner, // inside single quotes, and set -x's rendering of them (the quotes stay visible)
    value.replace(/[\\"$`]/g, (m) => `\\${m}`), // double quotes (quote.ts, declare -p)
    value.replace(/[\\$`]/g, (m) => `\\${m}`), // an unquoted here-document
    ansiC(value), // inside ANSI-C quotes
    value.replace(/[^A-Za-z0-9_.,:/@%+=-]/g, (m) => `\\${m}`), // printf %q, bash's backslash style
  ])];
}

/** Every form of every secret, longest first, so a form containing another is masked whole. */
export function secretForms(secrets: readonly (string | undefined)[]): string[] {
  return [...new Set(secrets.filter((s): s is string => !!s).flatMap(shellForms))].sort((a, b) => b.length - a.length);
}
