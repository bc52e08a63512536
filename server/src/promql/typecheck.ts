// promql/type and promql/arity: the semantic rules the Prometheus parser applies after parsing
// (argument counts and types, aggregation parameters, operand types, modifier placement), run over
// a lezer tree that parsed clean. Only the first problem under each node is kept.
import type { PromqlProblem } from './problem';
import { childrenOf, exprChildren, stringValue, type SyntaxNode } from './parse';
import { aggregationSig, functionSig, typeName, type ValueType } from './functions';
import { decodeString } from './literals';
import { literalProblems } from './literalChecks';
import { re2MatchesEmpty } from './re2';

type T = ValueType | 'unknown';

const COMPARISON = new Set(['Eql', 'Neq', 'Gtr', 'Lss', 'Gte', 'Lte']);
const SET_OPS = new Set(['And', 'Or', 'Unless']);
const BIN_OPS = new Set(['Pow', 'Mul', 'Div', 'Mod', 'Atan2', 'Add', 'Sub', 'TrimUpper', 'TrimLower', ...COMPARISON, ...SET_OPS]);

class Checker {
  problems: PromqlProblem[] = [];
  constructor(private text: string) {}

  private src(n: SyntaxNode): string { return this.text.slice(n.from, n.to); }

  private report(n: { from: number; to: number }, code: PromqlProblem['code'], message: string): T {
    this.problems.push({ from: n.from, to: n.to, code, message, severity: 'error' });
    return 'unknown';
  }

  typeOf(n: SyntaxNode): T {
    switch (n.name) {
      case 'NumberDurationLiteral': return 'scalar';
      case 'StringLiteral': return 'string';
      case 'VectorSelector': return this.selector(n);
      case 'ParenExpr': case 'AnchoredExpr': case 'SmoothedExpr': return this.inner(n);
      case 'MatrixSelector': return this.matrix(n);
      case 'SubqueryExpr': return this.subquery(n);
      case 'OffsetExpr': case 'StepInvariantExpr': return this.modifier(n);
      case 'UnaryExpr': return this.unary(n);
      case 'BinaryExpr': return this.binary(n);
      case 'FunctionCall': return this.call(n);
      case 'AggregateExpr': return this.aggregate(n);
      default: return 'unknown';
    }
  }

  private inner(n: SyntaxNode): T {
    const [e] = exprChildren(n);
    return e ? this.typeOf(e) : 'unknown';
  }

  private selector(n: SyntaxNode): T {
    const hasName = !!n.getChild('Identifier');
    const matchers = n.getChild('LabelMatchers');
    // Only a name before the braces clashes with a name inside them: `{__name__="a", __name__="b"}`
    // is two matchers on one label, which Prometheus accepts (and matches nothing).
    let nameInside = false;
    let nonEmpty = hasName;
    for (const m of matchers ? childrenOf(matchers) : []) {
      if (m.name === 'QuotedLabelName') { nameInside = true; nonEmpty = true; continue; }
      if (m.name !== 'UnquotedLabelMatcher' && m.name !== 'QuotedLabelMatcher') continue;
      const label = m.firstChild ? (m.firstChild.name === 'QuotedLabelName' ? stringValue(this.src(m.firstChild)) : this.src(m.firstChild)) : '';
      const op = m.getChild('MatchOp');
      const value = m.getChild('StringLiteral');
      const v = value ? decodeString(this.src(value)).value : '';
      if (label === '__name__') nameInside = true;
      if (matcherMatchesEmpty(op ? this.src(op) : '', v) !== true) nonEmpty = true;
    }
    if (hasName && nameInside) return this.report(n, 'promql/type', 'The metric name is set twice in this selector: drop the name before `{` or the `__name__` matcher.');
    if (!nonEmpty) {
      return this.report(n, 'promql/type', 'A selector needs a metric name or at least one label matcher that does not match the empty string (`!~".+"` and `=~".*"` match it).');
    }
    return 'vector';
  }

  /**
   * lezer binds `[5m]` and `[5m:1m]` to a whole binary or unary expression (`a - b[5m]`); Prometheus
   * binds it to the operand just before it, so the operator gets a range vector: always an error.
   */
  private rangeOnOperand(n: SyntaxNode, e: SyntaxNode): T | undefined {
    if (e.name !== 'BinaryExpr' && e.name !== 'UnaryExpr') return undefined;
    this.typeOf(e);
    let operand = e;
    while (operand.name === 'BinaryExpr' || operand.name === 'UnaryExpr') operand = exprChildren(operand)[operand.name === 'BinaryExpr' ? 1 : 0] ?? operand;
    const range = this.text.slice(e.to, n.to).trim();
    return this.report(n, 'promql/type', `\`${range}\` applies only to \`${this.src(operand)}\`, so the operator gets a range vector: `
      + `for a subquery of the whole expression write \`(${this.src(e)})${range}\`, or wrap the range in a function such as \`rate(…)\`.`);
  }

  private matrix(n: SyntaxNode): T {
    const [e] = exprChildren(n);
    if (!e) return 'unknown';
    const onOperand = this.rangeOnOperand(n, e);
    if (onOperand) return onOperand;
    if (e.name === 'OffsetExpr' || e.name === 'StepInvariantExpr') {
      return this.report(e, 'promql/type', 'Put `offset` and `@` after the range: `metric[5m] offset 1h`.');
    }
    if (e.name !== 'VectorSelector') {
      this.typeOf(e);
      return this.report(n, 'promql/type', 'A range `[…]` only applies to a metric selector; for an expression use a subquery such as `[5m:1m]`.');
    }
    this.typeOf(e);
    return 'matrix';
  }

  private subquery(n: SyntaxNode): T {
    const [e] = exprChildren(n);
    if (!e) return 'unknown';
    const onOperand = this.rangeOnOperand(n, e);
    if (onOperand) return onOperand;
    const t = this.typeOf(e);
    if (t !== 'vector' && t !== 'unknown') return this.report(e, 'promql/type', `A subquery needs an instant vector inside, got ${typeName(t)}.`);
    return 'matrix';
  }

  private modifier(n: SyntaxNode): T {
    const [e] = exprChildren(n);
    if (!e) return 'unknown';
    const kw = n.name === 'OffsetExpr' ? '`offset`' : '`@`';
    // lezer binds a modifier to the whole binary or unary expression before it (`a - a offset 10m`,
    // `-m @ 100`); Prometheus binds it to the operand nearest it. So walk down the right-hand spine
    // to the operand it really modifies; every modifier met on the way applies to that same operand.
    let target: SyntaxNode = e;
    for (;;) {
      if (target.name === n.name) return this.report(n, 'promql/type', `${kw} is set twice on the same selector.`);
      const next = target.name === 'BinaryExpr' ? exprChildren(target)[1]
        : ['UnaryExpr', 'OffsetExpr', 'StepInvariantExpr'].includes(target.name) ? exprChildren(target)[0] : undefined;
      if (!next) break;
      target = next;
    }
    const t = this.typeOf(e);
    if (!['VectorSelector', 'MatrixSelector', 'SubqueryExpr', 'AnchoredExpr', 'SmoothedExpr'].includes(target.name)) {
      return this.report(target, 'promql/type', `${kw} must follow a selector (\`metric offset 5m\`, \`metric[5m] offset 5m\`) or a subquery.`);
    }
    return t;
  }

  private unary(n: SyntaxNode): T {
    const [e] = exprChildren(n);
    if (!e) return 'unknown';
    const t = this.typeOf(e);
    if (t === 'matrix' || t === 'string') return this.report(e, 'promql/type', `A unary sign only applies to a scalar or instant vector, got ${typeName(t)}.`);
    return t;
  }

  private binary(n: SyntaxNode): T {
    const kids = childrenOf(n);
    const [lhs, rhs] = exprChildren(n);
    const op = kids.find((k) => BIN_OPS.has(k.name));
    if (!lhs || !rhs || !op) return 'unknown';
    const lt = this.typeOf(lhs);
    const rt = this.typeOf(rhs);
    const opText = this.src(op);
    const isBool = !!n.getChild('BoolModifier');
    const matching = n.getChild('MatchingModifierClause');
    if (isBool && !COMPARISON.has(op.name)) return this.report(op, 'promql/type', `\`bool\` only applies to comparison operators, not \`${opText}\`.`);
    for (const [side, t] of [[lhs, lt], [rhs, rt]] as const) {
      if (t === 'matrix' || t === 'string') {
        const hint = t === 'matrix' ? ' Wrap the range in a function such as `rate(…)`.' : '';
        return this.report(side, 'promql/type', `Operands of \`${opText}\` must be scalars or instant vectors, got ${typeName(t)}.${hint}`);
      }
    }
    if (lt === 'unknown' || rt === 'unknown') return 'unknown';
    if (SET_OPS.has(op.name) && (lt === 'scalar' || rt === 'scalar')) {
      return this.report(op, 'promql/type', `Set operator \`${opText}\` only works between instant vectors, not scalars.`);
    }
    if (COMPARISON.has(op.name) && !isBool && lt === 'scalar' && rt === 'scalar') {
      return this.report(op, 'promql/type', `Comparing two scalars needs \`bool\`: write \`${opText} bool\`.`);
    }
    if (matching) {
      const labels = matching.getChild('GroupingLabels');
      const hasLabels = !!labels && childrenOf(labels).some((c) => c.name === 'LabelName' || c.name === 'QuotedLabelName');
      if ((lt !== 'vector' || rt !== 'vector') && hasLabels) {
        return this.report(matching, 'promql/type', 'Vector matching (`on`, `ignoring`, `group_left`, `group_right`) only applies between two instant vectors.');
      }
      const group = matching.getChild('GroupLeft') ?? matching.getChild('GroupRight');
      if (group && SET_OPS.has(op.name)) return this.report(group, 'promql/type', `No grouping allowed for \`${opText}\`: set operators are always many-to-many.`);
      if (group && matching.getChild('On')) {
        const all = matching.getChildren('GroupingLabels');
        if (all.length === 2) {
          const onLabels = new Set(childrenOf(all[0]).map((c) => this.src(c)));
          const dup = childrenOf(all[1]).find((c) => c.name === 'LabelName' && onLabels.has(this.src(c)));
          if (dup) return this.report(dup, 'promql/type', `Label \`${this.src(dup)}\` must not be in both \`on (…)\` and \`${this.src(group)} (…)\`.`);
        }
      }
    }
    return lt === 'vector' || rt === 'vector' ? 'vector' : 'scalar';
  }

  private call(n: SyntaxNode): T {
    const id = n.getChild('FunctionIdentifier');
    const body = n.getChild('FunctionCallBody');
    if (!id || !body) return 'unknown';
    const name = this.src(id);
    const sig = functionSig(name);
    const args = exprChildren(body);
    const types = args.map((a) => this.typeOf(a));
    if (!sig) return 'unknown';
    const fixed = sig.args.length;
    const min = sig.variadic === 0 ? fixed : fixed - 1;
    const max = sig.variadic === 0 ? fixed : sig.variadic < 0 ? Infinity : fixed - 1 + sig.variadic;
    if (args.length < min || args.length > max) {
      const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : args.length < min ? `at least ${min}` : `at most ${max}`;
      const params = sig.params.length ? ` (${sig.params.join(', ')}${sig.variadic < 0 || sig.variadic > 1 ? ', …' : ''})` : '';
      return this.report(n, 'promql/arity', `\`${name}\` takes ${want} argument${want === '1' ? '' : 's'}${params}, got ${args.length}.`);
    }
    args.forEach((arg, i) => {
      const want = sig.args[Math.min(i, fixed - 1)];
      const got = types[i];
      if (got === 'unknown' || got === want) return;
      const hint = want === 'matrix' && got === 'vector' && arg.name === 'VectorSelector'
        ? ` Add a range: \`${name}(${this.src(arg)}[5m])\`.` : '';
      const param = sig.params.length > 1 && sig.params[i] ? ` for \`${sig.params[i].split('=')[0]}\`` : '';
      this.report(arg, 'promql/type', `\`${name}\` needs a ${typeName(want)}${param}, got ${typeName(got)}.${hint}`);
    });
    return sig.returns;
  }

  private aggregate(n: SyntaxNode): T {
    const opNode = n.getChild('AggregateOp');
    const body = n.getChild('FunctionCallBody');
    if (!opNode || !body) return 'unknown';
    const name = this.src(opNode);
    const sig = aggregationSig(name);
    const args = exprChildren(body);
    const types = args.map((a) => this.typeOf(a));
    if (!sig) return 'vector';
    const want = sig.param ? 2 : 1;
    if (args.length !== want) {
      const params = sig.param ? ` (${sig.paramName}, v)` : ' (v)';
      return this.report(n, 'promql/arity', `\`${name}\` takes ${want} argument${want > 1 ? 's' : ''}${params}, got ${args.length}.`);
    }
    if (sig.param && types[0] !== 'unknown' && types[0] !== sig.param) {
      this.report(args[0], 'promql/type', `\`${name}\` needs a ${typeName(sig.param)} for \`${sig.paramName}\`, got ${typeName(types[0] as ValueType)}.`);
    }
    const v = types[want - 1];
    if (v !== 'unknown' && v !== 'vector') {
      const hint = v === 'matrix' ? ' Wrap the range in a function such as `rate(…)` first.' : '';
      this.report(args[want - 1], 'promql/type', `\`${name}\` aggregates an instant vector, got ${typeName(v)}.${hint}`);
    }
    return 'vector';
  }
}

/** Whether a matcher matches the empty string; undefined when that cannot be told for sure. */
function matcherMatchesEmpty(op: string, value: string): boolean | undefined {
  if (op === '=') return value === '';
  if (op === '!=') return value !== '';
  const re = re2MatchesEmpty(value);
  if (re === undefined) return undefined;
  return op === '=~' ? re : !re;
}

export interface TypeCheckResult { type: T; problems: PromqlProblem[] }

/** Checks the expression under `top` (the tree's top node, which must parse clean). */
export function typeCheck(top: SyntaxNode, text: string): TypeCheckResult {
  const c = new Checker(text);
  const [e] = exprChildren(top);
  const type = e ? c.typeOf(e) : 'unknown';
  return { type, problems: [...literalProblems(top, text), ...c.problems] };
}
