// A date template as runbooks write it (`YYYYMMDD`, `YYYY-MM-DD`, `DD.MM.YY`) filled with a date:
// the value people mean at 3 a.m. is almost always today's.

/** The date in the template's shape (local time), or undefined when it is not a date template. */
export function fillDateTemplate(template: string, date = new Date()): string | undefined {
  if (!/^(YYYY|YY|MM|DD|[-_./])+$/.test(template) || !template.includes('DD')) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  return template
    .replace('YYYY', String(date.getFullYear()))
    .replace('YY', pad(date.getFullYear() % 100))
    .replace('MM', pad(date.getMonth() + 1))
    .replace('DD', pad(date.getDate()));
}
