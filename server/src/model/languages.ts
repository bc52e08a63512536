// Info strings in the field are inconsistent (`sh`, `Shell`, `console`, `yml`, `ps1`); every check
// keys off one normalised language so that a `zsh` block gets the same treatment as a `bash` one.
import type { BlockLang } from './types';

const table: Record<string, BlockLang> = {
  sh: 'shell', bash: 'shell', shell: 'shell', zsh: 'shell', console: 'shell', 'shell-session': 'shell',
  shellsession: 'shell', ksh: 'shell', curl: 'shell',
  promql: 'promql',
  logql: 'logql',
  yaml: 'yaml', yml: 'yaml',
  json: 'json', jsonc: 'json', json5: 'json',
  powershell: 'powershell', ps1: 'powershell', pwsh: 'powershell', ps: 'powershell',
  http: 'http', rest: 'http',
};

/** First word of an info string, lower-cased, without `{.class}` style decoration. */
export function infoWord(info: string): string {
  const m = /^[{.\s]*([^\s{}.,]+)/.exec(info);
  return m ? m[1].toLowerCase() : '';
}

export function normaliseLang(info: string): BlockLang {
  const word = infoWord(info);
  if (!word) return 'none';
  return table[word] ?? 'other';
}
