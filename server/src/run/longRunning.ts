// Commands that never end by themselves (`watch`, `tail -f`, `kubectl get -w`, `kubectl logs -f`,
// `journalctl -f`): the step runs until it is cancelled or times out, which the engine says when
// it starts, so nobody waits for a step that is waiting for them.

const rules: { re: RegExp; what: string }[] = [
  { re: /(?:^|[;&|(`]\s*|\bsudo\s+(?:-\S+\s+)*)watch\s/m, what: '`watch` repeats its command' },
  { re: /(?:^|[;&|(`]\s*|\bsudo\s+(?:-\S+\s+)*)tail\s+(?:[^;&|\n]*\s)?(?:-[a-zA-Z]*[fF][a-zA-Z]*|--follow\S*)(?:\s|$)/m, what: '`tail -f` follows the file' },
  { re: /(?:^|[;&|(`]\s*)journalctl\s+(?:[^;&|\n]*\s)?(?:-[a-zA-Z]*f[a-zA-Z]*|--follow)(?:\s|$)/m, what: '`journalctl -f` follows the journal' },
  { re: /(?:^|[;&|(`]\s*)(?:kubectl|oc)\s+(?:[^;&|\n]*?\s)?(?:logs\s+[^;&|\n]*?(?:-f|--follow)|get\s+[^;&|\n]*?(?:-w|--watch))(?:[\s=]|$)/m, what: '`kubectl … -f/--watch` follows the cluster' },
];

/** Why this shell step will not end on its own, or undefined. */
export function longRunningReason(command: string): string | undefined {
  const text = command.replace(/^\s*#.*$/gm, '');
  return rules.find((r) => r.re.test(text))?.what;
}
