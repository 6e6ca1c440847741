import { Decimal } from "../decimal";
import type { MetricValue } from "../metric-definition";
import { noValue, valueOf } from "../metric-value";
import type { FormulaNode } from "./formula-ast";

/**
 * Supplies the value of a name: in the current period, or in the previous one
 * (`previous` is true inside `prev(…)`).
 */
export type ResolveReference = (key: string, previous: boolean) => MetricValue;

/**
 * Evaluates a checked formula with exact Decimal arithmetic by walking the
 * tree — never `eval` or `Function`, so a formula can only compute.
 *
 * "No value" propagates: when an operand has no value the result has none,
 * with the operand's reason (the leftmost one). A division whose denominator
 * is zero at run time gives `ZERO_DENOMINATOR:<denominator source text>` (e.g.
 * `ZERO_DENOMINATOR:deals_won`, `ZERO_DENOMINATOR:prev(leads)`), matching the
 * catalog's reason codes; pass `source` to get the text, otherwise the reason
 * is plain `ZERO_DENOMINATOR`.
 */
export function evaluateFormula(ast: FormulaNode, resolve: ResolveReference, source = ""): MetricValue {
  const denominatorText = (node: FormulaNode) => source.slice(node.span.start, node.span.end).replace(/\s+/g, "");

  const evaluate = (node: FormulaNode, previous: boolean): MetricValue => {
    switch (node.kind) {
      case "number":
        return valueOf(new Decimal(node.value));
      case "reference":
        return resolve(node.key, previous);
      case "prev":
        return evaluate(node.argument, true);
      case "negate": {
        const operand = evaluate(node.operand, previous);
        return operand.value === null ? operand : valueOf(operand.value.neg());
      }
      case "binary": {
        const left = evaluate(node.left, previous);
        if (left.value === null) return left;
        const right = evaluate(node.right, previous);
        if (right.value === null) return right;
        switch (node.operator) {
          case "+":
            return valueOf(left.value.plus(right.value));
          case "-":
            return valueOf(left.value.minus(right.value));
          case "*":
            return valueOf(left.value.times(right.value));
          case "/": {
            if (right.value.isZero()) {
              const text = denominatorText(node.right);
              return noValue(text ? `ZERO_DENOMINATOR:${text}` : "ZERO_DENOMINATOR");
            }
            return valueOf(left.value.div(right.value));
          }
        }
      }
    }
  };

  const result = evaluate(ast, false);
  // Decimal's exponent range (±9e15) makes overflow practically impossible,
  // but a value that is not finite must never reach the API.
  if (result.value !== null && !result.value.isFinite()) return noValue("NOT_FINITE");
  return result;
}
