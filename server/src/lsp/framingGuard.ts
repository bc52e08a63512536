// Watches the bytes of a stdio LSP connection for broken framing. vscode-jsonrpc, given a bad
// `Content-Length`, either waits forever for bytes that never come or reads the rest of the
// stream out of step, and the server never answers again. A server that says so and exits is
// restarted by its client; one that hangs is not.

/** A larger message is not a runbook: even a maximal document with escapes stays far below. */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
const MAX_HEADER_BYTES = 8 * 1024;
const HEADER_LINE = /^[A-Za-z][A-Za-z0-9-]*:[ \t]*(.*)$/;

/**
 * Feeds on a copy of the stream (it never alters it). `push` returns a message once the
 * framing is broken: a header block that is not `Name: value` lines with one decimal
 * `Content-Length`, or a body that is not followed by the next header (its length was wrong).
 */
export class FramingGuard {
  private header: Buffer[] = [];
  private headerBytes = 0;
  /** Body bytes still to come; -1 while reading a header block. */
  private remaining = -1;

  /** True while a message has started but not all of it has arrived. */
  get midMessage(): boolean { return this.remaining > 0 || this.headerBytes > 0; }

  push(chunk: Buffer): string | undefined {
    let at = 0;
    while (at < chunk.length) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, chunk.length - at);
        this.remaining -= take; at += take;
        if (this.remaining === 0) this.remaining = -1;
        continue;
      }
      const end = this.headerEnd(chunk, at);
      const piece = chunk.subarray(at, end < 0 ? chunk.length : end);
      this.header.push(piece); this.headerBytes += piece.length;
      if (this.headerBytes > MAX_HEADER_BYTES) return `no end of message header within ${MAX_HEADER_BYTES} bytes`;
      if (end < 0) return undefined;
      at = end;
      const problem = this.readHeader();
      if (problem) return problem;
    }
    return undefined;
  }

  /** Offset just past the CRLFCRLF that ends the header block, or -1. */
  private headerEnd(chunk: Buffer, from: number): number {
    // The terminator may straddle chunks: look from up to 3 bytes of the header kept so far.
    const kept = Buffer.concat(this.header).subarray(-3);
    const window = Buffer.concat([kept, chunk.subarray(from)]);
    const i = window.indexOf('\r\n\r\n');
    return i < 0 ? -1 : from + i + 4 - kept.length;
  }

  private readHeader(): string | undefined {
    const text = Buffer.concat(this.header).toString('latin1');
    this.header = []; this.headerBytes = 0;
    let length: string | undefined;
    for (const line of text.slice(0, -4).split('\r\n')) {
      const m = HEADER_LINE.exec(line);
      if (!m) return `a message header line is not "Name: value": ${JSON.stringify(line.slice(0, 80))} (the previous Content-Length was probably wrong)`;
      if (/^content-length:/i.test(line)) length = m[1].trim();
    }
    if (length === undefined) return 'a message header has no Content-Length';
    if (!/^\d{1,10}$/.test(length)) return `Content-Length is not a byte count: ${JSON.stringify(length.slice(0, 40))}`;
    const n = Number(length);
    if (n > MAX_MESSAGE_BYTES) return `Content-Length ${n} is over the ${MAX_MESSAGE_BYTES}-byte limit`;
    this.remaining = n === 0 ? -1 : n;
    return undefined;
  }
}
