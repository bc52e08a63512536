// Text from records and Prometheus placed in Markdown as text, never as markup: a heading or a
// label value cannot add a link, an image, HTML or a table cell. Code goes in a fence longer than
// any backtick run inside it.
import { longestRun } from './stepMetrics';

export function mdText(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]#|<>~&]/g, (c) => `\\${c}`);
}

export function mdCode(s: string): string {
  const one = s.replace(/[\r\n]+/g, ' ');
  const ticks = '`'.repeat(longestRun(one, '`') + 1);
  const pad = one.startsWith('`') || one.endsWith('`') || one.startsWith(' ') ? ' ' : '';
  return `${ticks}${pad}${one}${pad}${ticks}`;
}

export function fenced(body: string, lang = ''): string {
  const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  return `${fence}${lang}\n${body.replace(/\n$/, '')}\n${fence}`;
}
