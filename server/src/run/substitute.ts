// Fills a block's placeholders with the user's values and yields the final command, the text the
// user confirms and the session runs. Values are quoted for the context each placeholder sits in.
import { findPlaceholders, type PlaceholderHit } from '../shell/placeholders';
import { lexShell } from '../shell/lexer';
import { contextAt, contextScan, quoteFor, singleQuote, UnsafeSubstitutionError } from './quote';
import { ruleViolation, valueRules } from './valueLanding';
import { MIN_SECRET_LENGTH } from './redact';

export type { PlaceholderHit } from '../shell/placeholders';

/** Remembers the last value used per (environment, placeholder name). VS Code keeps it in workspace state. */
export interface PlaceholderValueStore {
  get(env: string, name: string): string | undefined;
  set(env: string, name: string, value: string): void;
}

export function memoryValueStore(): PlaceholderValueStore {
  const m = new Map<string, string>();
  return { get: (e, n) => m.get(`${e}\0${n}`), set: (e, n, v) => void m.set(`${e}\0${n}`, v) };
}

export interface PlaceholderPrompt {
  name: string;
  /** Every form it takes in the block, e.g. `<pod>`. */
  texts: string[];
  /** Last value used in this environment, to prefill the input. */
  previous?: string;
  kind: PlaceholderHit['kind'] | 'variable';
}

/** One prompt per placeholder name (and per unresolved variable), in order of first appearance. */
export function placeholderPrompts(body: string, env: string, store?: PlaceholderValueStore, unresolvedVars: string[] = []): PlaceholderPrompt[] {
  const byName = new Map<string, PlaceholderPrompt>();
  for (const h of findPlaceholders(body)) {
    const p = byName.get(h.name);
    if (p) { if (!p.texts.includes(h.text)) p.texts.push(h.text); continue; }
    byName.set(h.name, { name: h.name, texts: [h.text], previous: store?.get(env, h.name), kind: h.kind });
  }
  for (const v of unresolvedVars) {
    if (!byName.has(v)) byName.set(v, { name: v, texts: [`$${v}`], previous: store?.get(env, v), kind: 'variable' });
  }
  return [...byName.values()];
}

export interface Substitution {
  /** The command to confirm and run. */
  command: string;
  /** True when anything was filled in (the user must then see the final command). */
  changed: boolean;
}

/**
 * Replaces every placeholder with its quoted value. Unresolved variables become `export` lines
 * at the top, so the block's own `$VAR` expansions stay as written.
 */
export function substitute(text: string, values: Record<string, string>, vars: string[] = []): Substitution {
  // The session runs LF text: quoting must be worked out on exactly that text.
  const body = text.replace(/\r\n/g, '\n');
  const regions = lexShell(body);
  const hits = findPlaceholders(body, regions);
  // Bash might end such a body where this lexer does not, and then the value would run as code.
  const open = regions.find((r) => r.unterminated);
  const inOpen = open && hits.find((h) => h.end > open.start);
  if (inOpen) throw new UnsafeSubstitutionError(`Cannot safely substitute ${inOpen.text}: the here-document before it has no end line.`);
  const scan = contextScan();
  const contexts = hits.map((h) => contextAt(body, h.start, regions, scan));
  // Where the parser says a value is evaluated again (arithmetic, tests, another shell), quoting is not enough.
  const rules = valueRules(body, hits, regions, contexts, (ctx, v) => quoteFor(ctx, v));
  // A line break could end a here-document early, wherever the lexer thinks the value is.
  const heredoc = /<<(?!<)/.test(body);
  let out = '', at = 0;
  hits.forEach((h, i) => {
    if (h.start < at) return;
    const value = values[h.name];
    if (value === undefined) throw new MissingValueError(h.name, h.text);
    if (isSecretName(h.name) && value !== '' && value.length < MIN_SECRET_LENGTH) throw new UnsafeSubstitutionError(shortSecret(h.text));
    const violation = ruleViolation(rules[i], value, h.text);
    if (violation) throw new UnsafeSubstitutionError(violation);
    if (heredoc && /[\r\n]/.test(value)) throw new UnsafeSubstitutionError(`Cannot fill in ${h.text}: this step has a here-document, which a line break in the value could end early.`);
    out += body.slice(at, h.start) + quoteFor(contexts[i], value, h.text);
    at = h.end;
  });
  out += body.slice(at);
  const preamble = vars.map((v) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(v)) throw new UnsafeSubstitutionError(`\`${v}\` is not a variable name.`);
    if (values[v] === undefined) throw new MissingValueError(v, `$${v}`);
    if (values[v].includes('\0')) throw new UnsafeSubstitutionError(`The value for $${v} contains a NUL byte.`);
    if (isSecretName(v) && values[v] !== '' && values[v].length < MIN_SECRET_LENGTH) throw new UnsafeSubstitutionError(shortSecret(`$${v}`));
    return `export ${v}=${values[v] === '' ? "''" : singleQuote(values[v])}\n`;
  }).join('');
  return { command: preamble + out, changed: hits.length > 0 || vars.length > 0 };
}

function shortSecret(label: string): string {
  return `The value for ${label} is named like a secret but is shorter than ${MIN_SECRET_LENGTH} characters, so Runbook could not mask it in output and records; it is refused.`;
}

export class MissingValueError extends Error {
  constructor(readonly placeholder: string, readonly text: string) {
    super(`No value given for ${text}.`);
  }
}

/**
 * Placeholders named like credentials (`<api_token>`, `$DB_PASSWORD`, `<ssh-key>`): their values
 * are masked in the output and the record like environment secrets, and never remembered.
 */
export function isSecretName(name: string): boolean {
  return /token|secret|passw(?:or)?d|passphrase|credential|api_?key/i.test(name)
    || name.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/).some((w) => /^key$/i.test(w));
}

/** The values given for secret-named placeholders, to mask wherever the step's text shows. */
export function secretValuesOf(values: Record<string, string>): string[] {
  return Object.entries(values).filter(([k, v]) => isSecretName(k) && v !== '').map(([, v]) => v);
}

export function rememberValues(store: PlaceholderValueStore, env: string, values: Record<string, string>): void {
  for (const [k, v] of Object.entries(values)) if (!isSecretName(k)) store.set(env, k, v);
}
