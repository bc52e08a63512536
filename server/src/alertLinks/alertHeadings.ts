// Which headings are titled after an alert: `## TreasuryStuck`, `# Alert: TreasuryStuck`,
// `### \`TreasuryStuck\``. Alert names are conventionally PascalCase words run together, so a
// title is an alert name only when it is one such token of at least two words: "Overview",
// "Mitigation" or "High CPU" never are.
const TITLE = /^(?:[Aa]lert:?\s+)?`?([A-Z][A-Za-z0-9_]*)`?$/;

export function alertNameOfHeading(title: string): string | undefined {
  const m = TITLE.exec(title.trim());
  // "APIs", "RFCs": plural acronyms, not alert names.
  return m && /[a-z0-9][A-Z]|[A-Z][A-Z][a-z]/.test(m[1]) && !/^[A-Z]+s$/.test(m[1]) ? m[1] : undefined;
}
