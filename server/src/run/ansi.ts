// Colour, cursor and hyperlink escapes in step output: kept for the terminal, removed wherever the
// output is read as text (records, run history, the expected-output comparison).

/** CSI sequences (colours, cursor moves, private modes), OSC strings (titles, links) and 2-byte escapes. */
export function stripAnsi(text: string): string {
  return text.replace(/\x1b\[[0-?]*[ -\/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g, '');
}
