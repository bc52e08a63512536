// Alerting rules found line by line: `alert:` starts a rule, its `runbook_url:` (or `runbook:`)
// annotation is the link. Used by the index's line scan of runbooks (YAML fences) and for rule
// files, so a thousand closed files cost no YAML parse. The open document's checks still parse
// YAML exactly (alerts/); this only needs names and links with their positions.
export interface TextSpot { line: number; char: number; endChar: number }
export interface RuleFact extends TextSpot {
  name: string;
  link?: TextSpot & { url: string };
}

const ALERT = /^([ \t]*(?:-[ \t]+)?alert:[ \t]*)(["']?)([^"'#\s][^"'#]*?)\2[ \t]*(?:#.*)?$/;
const RECORD = /^[ \t]*(?:-[ \t]+)?record:/;
// Quoted, a link may start with `#` (this file's heading); unquoted, `#` starts a comment.
const LINK = /^([ \t]*(?:-[ \t]+)?(?:runbook_url|runbook):[ \t]*)(?:(["'])([^"'\s]+)\2|([^"'\s#]\S*))[ \t]*(?:#.*)?$/;

export class RuleLineScanner {
  readonly rules: RuleFact[] = [];
  private current?: RuleFact;

  /** Feeds one line; `char0` is where the line's text starts in the document (list or quote prefixes). */
  line(text: string, ln: number, char0 = 0): void {
    if (!text.includes(':')) return;
    const a = ALERT.exec(text);
    if (a) {
      const char = char0 + a[1].length + a[2].length;
      this.current = { name: a[3], line: ln, char, endChar: char + a[3].length };
      this.rules.push(this.current);
      return;
    }
    if (RECORD.test(text)) { this.current = undefined; return; }
    const l = this.current && !this.current.link ? LINK.exec(text) : null;
    if (l && this.current) {
      const url = l[3] ?? l[4];
      const char = char0 + l[1].length + (l[2] ? 1 : 0);
      this.current.link = { url, line: ln, char, endChar: char + url.length };
    }
  }

  /** A fence closed or a YAML document ended: the next link belongs to no rule seen so far. */
  end(): void { this.current = undefined; }
}

/** Rules of a whole YAML text (a rule file). */
export function rulesInText(text: string): RuleFact[] {
  const s = new RuleLineScanner();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    if (/^---/.test(l)) s.end(); else s.line(l, i);
  }
  return s.rules;
}

/** A Prometheus rule file (or a PrometheusRule resource): `groups:` holding `rules:` with an `alert:`. */
export function looksLikeRuleFile(text: string): boolean {
  return /^[ \t]*groups:/m.test(text) && /^[ \t]*(?:-[ \t]+)?rules:/m.test(text) && /^[ \t]*(?:-[ \t]+)?alert:/m.test(text);
}
