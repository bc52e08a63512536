// A grammar for runbook-shaped Markdown. Blocks render to lines; containers (lists, quotes) prefix
// their children's lines, so nesting, lazy continuation and fences inside containers all occur.
// Line endings are chosen per document (LF, CRLF, occasionally mixed or a lone CR).
import fc from 'fast-check';
import { jsonLines, promqlLines, proseLine, shellLines, yamlLines } from './fragments';

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

const infoString = pick(['bash', 'sh', 'shell', 'console', 'zsh', 'promql', 'PromQL', 'yaml', 'yml', 'json', 'powershell', 'ps1', 'http', 'text', 'sql', '', 'bash {name=step-1}', 'bash title="x y"', 'promql  extra', '{.bash}', 'bash`x', 'ba~sh', '😀']);

const bodyFor = (info: string): fc.Arbitrary<string[]> => {
  const w = info.toLowerCase().split(/\s/)[0];
  if (['bash', 'sh', 'shell', 'console', 'zsh'].includes(w)) return shellLines;
  if (w === 'promql') return promqlLines;
  if (w === 'yaml' || w === 'yml') return yamlLines;
  if (w === 'json') return jsonLines;
  return fc.oneof(shellLines, promqlLines, fc.array(proseLine, { maxLength: 3 }));
};

/** Fenced code of every kind: ``` and ~~~, 3-5 long, indented up to 3, closed, unclosed, closed too short. */
const fence: fc.Arbitrary<string[]> = fc.record({
  char: pick(['`', '~']),
  len: fc.integer({ min: 3, max: 5 }),
  indent: pick(['', ' ', '   ']),
  info: infoString,
  close: pick(['same', 'same', 'same', 'longer', 'none', 'shorter', 'other-char', 'indented', 'trailing-text']),
  inner: fc.boolean(),
}).chain(f => bodyFor(f.info).map(body => {
  const open = f.char.repeat(f.len);
  // A ``` fence inside ~~~ (or the reverse) is body text, not a close.
  const other = f.char === '`' ? '~~~' : '```';
  const lines = [f.indent + open + f.info, ...(f.inner ? [other, ...body, other] : body)];
  switch (f.close) {
    case 'same': lines.push(f.indent + open); break;
    case 'longer': lines.push(open + f.char); break;
    case 'shorter': lines.push(f.char.repeat(f.len - 1)); break;
    case 'other-char': lines.push(other); break;
    case 'indented': lines.push('    ' + open); break;
    case 'trailing-text': lines.push(open + ' x'); break;
  }
  return lines;
}));

const indented: fc.Arbitrary<string[]> = fc.tuple(pick(['    ', '\t', '  \t']), fc.oneof(shellLines, promqlLines)).map(([p, ls]) => ls.map(l => p + l));

const heading: fc.Arbitrary<string[]> = fc.tuple(pick(['#', '##', '###', '####', '#######', '#\t', ' ##', '##']), proseLine, pick(['', ' ##', ' #'])).map(([h, t, c]) => [`${h} ${t}${c}`]);

const setext = fc.tuple(proseLine, pick(['===', '---', '- - -'])).map(([t, u]) => [t, u]);

const table = fc.array(fc.array(proseLine, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 })
  .map(rows => [`| ${rows[0].map(() => 'h').join(' | ')} |`, `|${rows[0].map(() => '---').join('|')}|`, ...rows.map(r => `| ${r.join(' | ')} |`)]);

const html = pick([['<!--', '# hidden heading', '```bash', '-->'], ['<details>', '<summary>x</summary>', '', '```bash', 'ls', '```', '</details>'], ['<div>', '# in html'], ['<br>']]);

const frontMatter = pick([['---', 'title: x', 'owner: sre', '---'], ['---', '# a YAML comment', 'owner: sre', '---', '# Title'], ['---', '---'], ['+++', 'title = "x"', '+++'], ['---', 'unclosed: true']]);

const leaf: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 4, arbitrary: fc.array(proseLine, { minLength: 1, maxLength: 3 }) },
  { weight: 4, arbitrary: fence },
  { weight: 1, arbitrary: indented },
  { weight: 2, arbitrary: heading },
  { weight: 1, arbitrary: setext },
  { weight: 1, arbitrary: table },
  { weight: 1, arbitrary: html },
  { weight: 1, arbitrary: pick([[''], ['***'], ['---'], ['Expected output:'], ['   ']]) },
);

/** Prefixes every line of a child block; the first line gets the marker, the rest its width (or lazily nothing). */
function contain(marker: string, cont: string, lazy: boolean, lines: string[]): string[] {
  return lines.map((l, i) => i === 0 ? marker + l : (lazy && i === lines.length - 1 ? l : cont + l));
}

export const blocks: fc.Arbitrary<string[]> = fc.letrec<{ block: string[]; blocks: string[] }>(tie => ({
  block: fc.oneof({ depthSize: 'small', maxDepth: 3 },
    leaf,
    fc.tuple(pick(['- ', '* ', '+ ', '1. ', '2) ', '10. ', '-\t', '- [ ] ', '- [x] ']), fc.boolean(), fc.array(tie('blocks'), { minLength: 1, maxLength: 2 }))
      .map(([m, lazy, items]) => items.flatMap(it => contain(m, ' '.repeat(m.replace('\t', '    ').length), lazy, it.length ? it : ['']))),
    fc.tuple(pick(['> ', '>', '> > ']), fc.boolean(), tie('blocks')).map(([m, lazy, ls]) => contain(m, m, lazy, ls.length ? ls : [''])),
  ),
  blocks: fc.array(tie('block'), { minLength: 1, maxLength: 3 }).map(bs => bs.flatMap((b, i) => i ? ['', ...b] : b)),
})).blocks;

export interface GrammarOptions {
  /** Also generate lone CR line breaks (classic Mac files). */
  loneCr?: boolean;
}

const eol = (o: GrammarOptions) => fc.oneof({ weight: 6, arbitrary: fc.constant(['\n']) }, { weight: 3, arbitrary: fc.constant(['\r\n']) }, { weight: 1, arbitrary: fc.constant(['\n', '\r\n']) }, { weight: o.loneCr ? 1 : 0, arbitrary: fc.constant(['\n', '\r']) });

/** A whole runbook: optional front matter, top-level blocks, a chosen line-ending style. */
export const runbook = (o: GrammarOptions = {}): fc.Arbitrary<string> => fc.tuple(
  fc.option(frontMatter, { nil: undefined, freq: 8 }),
  fc.array(blocks, { minLength: 1, maxLength: 4 }),
  eol(o),
  fc.array(fc.nat(9), { minLength: 1, maxLength: 64 }),
  fc.boolean(),
).map(([fm, bss, eols, choices, trailing]) => {
  const lines = [...(fm ?? []), ...bss.flatMap((b, i) => i ? ['', ...b] : b)];
  let k = 0;
  const sep = () => eols.length === 1 ? eols[0] : eols[choices[k++ % choices.length] % eols.length];
  let out = '';
  lines.forEach((l, i) => { out += l + (i < lines.length - 1 || trailing ? sep() : ''); });
  return out;
});

/** Raw character soup from the Markdown-significant alphabet, for the parser's corners. */
export const soup = (o: GrammarOptions = {}): fc.Arbitrary<string> => fc.array(fc.oneof(
  pick(['`', '```', '~~~', '#', '# ', '>', '- ', '1. ', '*', '\n', '\r\n', o.loneCr ? '\r' : '\n', '\t', ' ', '    ', '|', '<', '>', '!', '[', ']', '(', ')', '\\', '$', '{', '}', '"', "'", '😀', '\uD800', 'a', 'x_y', '---', '<!--', '-->']),
  fc.string({ maxLength: 3, unit: 'binary' }).map(x => o.loneCr ? x : x.replace(/\r(?!\n)/g, '\n')),
), { maxLength: 80 }).map(xs => xs.join(''));

export const document = (o: GrammarOptions = {}): fc.Arbitrary<string> => fc.oneof({ weight: 5, arbitrary: runbook(o) }, { weight: 1, arbitrary: soup(o) });
