// Console transcripts (`$ kubectl get pods` followed by its output) are common in runbooks. Only
// the command lines are shell; the output must not be parsed, linted or scanned for danger.

const prompt = /^([ \t]*(?:[\w.@-]+(?::[^\s$#]*)?)?[$%] )/;
const continuation = /^([ \t]*> )/;

/** A block is a transcript when its first command line starts with a `$ ` prompt. */
export function isTranscript(body: string): boolean {
  const first = body.split('\n').find((l) => l.trim() !== '');
  return !!first && /^[ \t]*[$%] \S/.test(first);
}

/**
 * The transcript with prompts and output lines blanked (spaces, newlines kept), so the result has
 * the same length and every offset still points at the same character.
 */
export function transcriptCommands(body: string): string {
  const lines = body.split('\n');
  let inCommand = false;
  return lines.map((line) => {
    const p = prompt.exec(line);
    if (p) {
      inCommand = /\\\s*$/.test(line);
      return ' '.repeat(p[1].length) + line.slice(p[1].length);
    }
    if (inCommand) {
      inCommand = /\\\s*$/.test(line);
      const c = continuation.exec(line);
      return c ? ' '.repeat(c[1].length) + line.slice(c[1].length) : line;
    }
    return line.replace(/[^\s]/g, ' ');
  }).join('\n');
}
