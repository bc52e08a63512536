// Replaces secret values with `***` in a stream. A secret may be split across chunks, so the
// tail that could be the start of a secret is held back until the next chunk (or flush).
import { partialSuffix } from './sentinel';
import { redactSecrets } from '../prometheus/redact';
import { secretForms } from './secretForms';

export const MASK = '***';
/** Shorter values would mask ordinary words: such secrets are refused where they are given. */
export const MIN_SECRET_LENGTH = 4;

export class StreamRedactor {
  private held = '';
  private readonly secrets: string[];

  constructor(secrets: readonly string[]) {
    // Longest first, so a secret containing another is masked whole.
    this.secrets = secretForms(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH));
  }

  push(chunk: string): string {
    if (!this.secrets.length) return chunk;
    const text = redactSecrets(this.held + chunk, this.secrets);
    const hold = partialSuffix(text, this.secrets);
    this.held = text.slice(text.length - hold);
    return text.slice(0, text.length - hold);
  }

  flush(): string {
    const t = this.held;
    this.held = '';
    return t;
  }
}

/** Masks whole secret values, and their quoted and escaped forms, in a finished text. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  return redactSecrets(text, secretForms(secrets));
}
