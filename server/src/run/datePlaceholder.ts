// Date placeholders (`YYYYMMDD`, `YYYY-MM-DD`, `DD/MM/YYYY`…) are almost always "today" during an
// incident, so the prompt offers today's date in the placeholder's own format. UTC, like the
// run records' file names and most servers' log names.

/** Today's date written in the placeholder's format, or undefined when it is no date pattern. */
export function todayFor(name: string, now = new Date()): string | undefined {
  if (!/^(?=.*YYYY)(?=.*MM)(?=.*DD)[YMD._/-]+$/.test(name)) return undefined;
  const parts: Record<string, string> = {
    YYYY: String(now.getUTCFullYear()),
    MM: String(now.getUTCMonth() + 1).padStart(2, '0'),
    DD: String(now.getUTCDate()).padStart(2, '0'),
  };
  return name.replace(/YYYY|MM|DD/g, (k) => parts[k]);
}
