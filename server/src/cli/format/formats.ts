// The output formats of `runbook check`, by the name given to --format.
import { githubFormat } from './github';
import { jsonFormat } from './json';
import { sarifFormat } from './sarif';
import { textFormat } from './text';
import type { Formatter } from './findings';

export const FORMAT_NAMES = ['text', 'json', 'sarif', 'github'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export function isFormatName(s: string): s is FormatName { return (FORMAT_NAMES as readonly string[]).includes(s); }

export function formatterFor(name: FormatName, version: string): Formatter {
  switch (name) {
    case 'text': return textFormat;
    case 'json': return jsonFormat;
    case 'sarif': return sarifFormat(version);
    case 'github': return githubFormat;
  }
}
