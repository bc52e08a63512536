// What the LogQL checks report: offsets into the query text, mapped back by the caller.
export interface LogqlProblem {
  from: number;
  to: number;
  code: 'logql/syntax';
  message: string;
  severity: 'error' | 'warning';
  fixes?: { title: string; edits: { from: number; to: number; newText: string }[] }[];
}
