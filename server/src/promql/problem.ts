// What the PromQL checks report: offsets into the expression text, so every place PromQL lives
// (fence, YAML scalar, shell argument, inline span) maps them back through its own source map.

export type PromqlCode = 'promql/syntax' | 'promql/type' | 'promql/arity' | 'promql/unknown-function' | 'promql/too-deep';

export interface ExprEdit { from: number; to: number; newText: string }

export interface PromqlProblem {
  from: number;
  to: number;
  code: PromqlCode;
  message: string;
  severity: 'error' | 'warning';
  fixes?: { title: string; edits: ExprEdit[] }[];
}
