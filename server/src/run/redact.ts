// Replaces secret values with `***` in a stream. A secret may be split across chunks, so the
// tail that could be the start of a secret is held back until the next chunk (or flush).
import { partialSuffix } from './sentinel';
import { redactSecrets as redact } from '../prometheus/redact';

export const MASK = '***';
/** Shorter values would mask ordinary words; they are still never written by us. */
export const MIN_SECRET_LENGTH = 4;

export class StreamRedactor {
  private held = '';
  private readonly secrets: string[];

  constructor(secrets: readonly string[]) {
    // Longest first, so a secret containing another is masked whole.
    this.secrets = [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length);
  }

  push(chunk: string): string {
    if (!this.secrets.length) return chunk;
    const text = redact(this.held + chunk, this.secrets);
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

/** Masks whole secret values in a finished text: one rule for run output and Prometheus messages. */
export { redact };
