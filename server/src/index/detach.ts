// V8 keeps a substring of 13+ characters as a view into the string it was cut from. Titles and
// metric names cut from a runbook would keep the whole runbook's text alive in the index (25 MB
// for a thousand runbooks), so what the index keeps is copied out first.

export function detach(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8');
}
