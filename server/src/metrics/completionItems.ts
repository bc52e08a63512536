// Completion items for metric names, label names and label values. Lists are capped (servers hold
// 100k+ names) and ranked fuzzily; metric names wait for two typed characters.
import { CompletionItemKind, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import type { MetricMetadata } from '../prometheus/types';
import { escapeMarkdown } from './escape';
import { fuzzyFilter } from './fuzzy';

export const MIN_PREFIX = 2;
export const MAX_ITEMS = 100;

export interface ItemList { items: CompletionItem[]; isIncomplete: boolean }

const family = (name: string) => name.replace(/_(bucket|sum|count|total|created)$/, '');

export function metricNameItems(prefix: string, names: readonly string[], metadata: ReadonlyMap<string, MetricMetadata>, max = MAX_ITEMS): ItemList {
  // Below two characters every name matches: the list would be huge and useless, and the client
  // must ask again as the user types, hence isIncomplete.
  if (prefix.length < MIN_PREFIX) return { items: [], isIncomplete: true };
  const { matches, total } = fuzzyFilter(prefix, names, max);
  const items = matches.map((name, rank): CompletionItem => {
    const meta = metadata.get(name) ?? metadata.get(family(name));
    return {
      label: name,
      kind: CompletionItemKind.Variable,
      detail: meta?.type ?? 'metric',
      ...(meta?.help ? { documentation: { kind: MarkupKind.Markdown, value: `${meta.type ? `**${escapeMarkdown(meta.type)}** · ` : ''}${escapeMarkdown(meta.help)}` } } : {}),
      sortText: String(rank).padStart(4, '0'),
    };
  });
  return { items, isIncomplete: total > matches.length };
}

export function labelNameItems(prefix: string, labels: readonly string[], metric?: string, max = MAX_ITEMS): ItemList {
  const { matches, total } = fuzzyFilter(prefix, labels.filter((l) => l !== '__name__'), max);
  return {
    items: matches.map((label, rank) => ({
      label,
      kind: CompletionItemKind.Property,
      detail: metric ? `label of ${metric}` : 'label',
      sortText: String(rank).padStart(4, '0'),
    })),
    isIncomplete: total > matches.length,
  };
}

/** `quoted`: the user already typed the opening quote; otherwise the value is inserted quoted. */
export function labelValueItems(prefix: string, values: readonly string[], label: string, quoted: boolean, max = MAX_ITEMS): ItemList {
  const { matches, total } = fuzzyFilter(prefix, values, max);
  return {
    items: matches.map((value, rank) => ({
      label: value,
      kind: CompletionItemKind.Value,
      detail: `${label} value`,
      insertText: quoted ? escapeValue(value) : `"${escapeValue(value)}"`,
      sortText: String(rank).padStart(4, '0'),
    })),
    isIncomplete: total > matches.length,
  };
}

function escapeValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
