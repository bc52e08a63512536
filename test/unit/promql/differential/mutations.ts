// Deterministic mutations of valid expressions: the slips people make (a lost paren, `=` for `==`,
// a bad duration, a regex escape in double quotes) and the valid forms our grammar once refused
// (modifiers on operands, trailing-dot numbers, keywords as names). Each mutation applies once, at
// the first place it fits; those that do not fit an expression are skipped.

type Mutation = (e: string) => string | undefined;

const at = (re: RegExp, f: (m: RegExpExecArray) => string): Mutation => (e) => {
  const m = re.exec(e);
  return m ? e.slice(0, m.index) + f(m) + e.slice(m.index + m[0].length) : undefined;
};

export const MUTATIONS: Record<string, Mutation> = {
  'drop last )': (e) => { const i = e.lastIndexOf(')'); return i < 0 ? undefined : e.slice(0, i) + e.slice(i + 1); },
  'drop first (': at(/\(/, () => ''),
  'drop first ]': at(/\]/, () => ''),
  'drop first }': at(/\}/, () => ''),
  'drop a quote': at(/"/, () => ''),
  '== becomes =': at(/==/, () => '='),
  '> becomes =>': at(/ > /, () => ' => '),
  'and becomes &&': at(/ and /, () => ' && '),
  'or becomes ||': at(/ or /, () => ' || '),
  '/ becomes //': at(/ \/ /, () => ' // '),
  'swap operands of by': at(/\bby \(([^)]*)\)/, (m) => `(${m[1]}) by`),
  'offset on rhs operand': at(/( [-/*+] )([a-z_][\w:]*(?:\{[^}]*\})?)(?![\w:{[(])/, (m) => `${m[1]}${m[2]} offset 10m`),
  'offset after range': at(/\[(\d+[smhdwy])\]/, (m) => `[${m[1]}] offset 1h`),
  'offset before range': at(/\[(\d+[smhdwy])\]/, (m) => ` offset 1h[${m[1]}]`),
  'offset on a call': at(/\)\s*$/, () => ') offset 5m'),
  'at on a selector': at(/\}/, () => '} @ 1700000000'),
  'at +Inf': at(/\}/, () => '} @ +Inf'),
  'at NaN': at(/\}/, () => '} @ NaN'),
  'at 1e20': at(/\}/, () => '} @ 1e20'),
  // Not before a range: promtool 2.42 accepts `x @ start()[5m]`, which later Prometheus rejects.
  'at start()': at(/\}(?!\[)/, () => '} @ start()'),
  'offset twice': at(/\}/, () => '} offset 1m offset 2m'),
  'unary minus': (e) => `-${e}`,
  'unary minus with at': at(/^([a-z_:][\w:]*)\{([^}]*)\}/, (m) => `-${m[1]}{${m[2]}} @ 100`),
  'zero range': at(/\[\d+[smhdwy]\]/, () => '[0m]'),
  'negative range': at(/\[\d+[smhdwy]\]/, () => '[-2m]'),
  'range without unit': at(/\[\d+[smhdwy]\]/, () => '[300]'),
  'fractional range': at(/\[\d+[smhdwy]\]/, () => '[1.5m]'),
  'units out of order': at(/\[\d+[smhdwy]\]/, () => '[5s1m]'),
  'huge range': at(/\[\d+[smhdwy]\]/, () => '[99999y]'),
  'zero subquery step': at(/\[(\d+[smhdwy]):(\d+[smhdwy])?\]/, (m) => `[${m[1]}:0s]`),
  'range becomes subquery': at(/\[(\d+[smhdwy])\]/, (m) => `[${m[1]}:1m]`),
  'huge offset': at(/offset \d+[smhdwy]/, () => 'offset 1000y'),
  'regex escape in double quotes': at(/=~"/, () => '=~"\\d+|'),
  'escaped regex escape': at(/=~"/, () => '=~"\\\\d+|'),
  'unknown string escape': at(/="/, () => '="\\c'),
  'lookahead in regex': at(/=~"/, () => '=~"(?!x)'),
  'backreference in regex': at(/=~"/, () => '=~"(a)\\\\1|'),
  'backwards class range': at(/=~"/, () => '=~"[z-a]|'),
  'stacked repeat': at(/=~"/, () => '=~"a++|'),
  'case-insensitive flag': at(/=~"/, () => '=~"(?i)'),
  'unclosed group in regex': at(/=~"/, () => '=~"(a|'),
  'only empty-matching matcher': () => '{job!~".+"}',
  'only regex any': () => '{job=~".*"}',
  'not-equal empty is not empty': () => '{job!=""}',
  'two names inside braces': () => '{__name__="up", __name__="down"}',
  'name twice': at(/^([a-z_:][\w:]*)\{/, (m) => `${m[1]}{__name__="x",`),
  'trailing comma in call': at(/\)/, () => ',)'),
  'trailing dot number': at(/(?<![\w.])(\d+)(?![\w.])/, (m) => `${m[1]}.`),
  'keyword offset as name': (e) => `offset{step="1s"} + ${e}`,
  'by after a non-aggregation': at(/\bsum by\b/, () => 'total by'),
  'aggregation without parens': at(/\bsum\(/, () => 'sum '),
  'unknown function': at(/\brate\(/, () => 'rat('),
  'double-slash comment': (e) => `${e} // per second`,
  'hash comment': (e) => `${e} # per second`,
  'shell prompt': (e) => `$ ${e}`,
  'template variable': at(/\[\d+[smhdwy]\]/, () => '[$__rate_interval]'),
  'single quotes': at(/"([^"\\]*)"/, (m) => `'${m[1]}'`),
  'backtick quotes': at(/"([^"\\]*)"/, (m) => `\`${m[1]}\``),
  'bool without comparison': at(/ \+ /, () => ' + bool '),
  'scalar comparison without bool': () => '1 > 2',
  'group_left on set op': at(/ and /, () => ' and on(job) group_left '),
  'missing aggregation argument': at(/\bsum(?: by \([^)]*\))? ?\(/, (m) => `${m[0]})`),
  'string operand': (e) => `"x" + ${e}`,
  'matrix operand': at(/rate\(([^()]*\[\d+[smhdwy]\])\)/, (m) => m[1]),
  'missing range': at(/\[\d+[smhdwy]\]/, () => ''),
  'bad label_replace regex': at(/label_replace\((.*),\s*"([^"]*)"\)/, (m) => `label_replace(${m[1]}, "(${m[2]}")`),
};

export function mutate(exprs: readonly string[]): { expr: string; from: string; mutation: string }[] {
  const out: { expr: string; from: string; mutation: string }[] = [];
  const seen = new Set(exprs);
  for (const base of exprs) {
    for (const [name, f] of Object.entries(MUTATIONS)) {
      const m = f(base);
      if (m === undefined || seen.has(m)) continue;
      seen.add(m);
      out.push({ expr: m, from: base, mutation: name });
    }
  }
  return out;
}
