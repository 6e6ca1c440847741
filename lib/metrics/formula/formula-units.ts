import type { MetricUnit } from "../metric-definition";
import type { BinaryOperator } from "./formula-ast";

/**
 * Units inside a formula: the metric units plus `number`, the unit of a
 * literal — dimensionless, it scales whatever it multiplies.
 */
export type FormulaUnit = MetricUnit | "number";

const dimensionless = (u: FormulaUnit) => u === "number" || u === "ratio";

/**
 * The unit of `left operator right`, or `null` when the combination has no
 * meaning. The rules (SPEC §4.2: formulas are "type-checked (money / count /
 * ratio)"):
 *
 * - `+`/`-`: both sides in the same unit (money + count is an error); a number
 *   and a ratio are both dimensionless, so `growth - 1` is a ratio. A bare
 *   number is not added to money or counts: `spend + 100` hides a unit the
 *   reader cannot see.
 * - `*`: a number or ratio scales anything (ratio × money → money); count ×
 *   money → money (quantity × price); money × money, count × count and months ×
 *   anything-but-a-scalar have no unit here and are errors.
 * - `/`: same unit over same unit → ratio (money / money, count / count);
 *   money / count → money (a price); anything / number or / ratio keeps its
 *   unit (LTV = money / churn ratio); number / ratio → ratio. Inverse units
 *   (count / money, 1 / count) are errors.
 */
export function combineUnits(operator: BinaryOperator, left: FormulaUnit, right: FormulaUnit): FormulaUnit | null {
  switch (operator) {
    case "+":
    case "-":
      if (left === right) return left;
      if (dimensionless(left) && dimensionless(right)) return "ratio";
      return null;
    case "*":
      if (left === "number") return right;
      if (right === "number") return left;
      if (left === "ratio") return right;
      if (right === "ratio") return left;
      if ((left === "count" && right === "money") || (left === "money" && right === "count")) return "money";
      return null;
    case "/":
      if (left === "number" && right === "number") return "number";
      if (dimensionless(left) && dimensionless(right)) return "ratio";
      if (dimensionless(right)) return left;
      if (left === right) return "ratio";
      if (left === "money" && right === "count") return "money";
      return null;
  }
}

/** The unit a finished formula reports: a bare number is a dimensionless ratio. */
export const resultUnit = (unit: FormulaUnit): MetricUnit => (unit === "number" ? "ratio" : unit);

const UNIT_WORDS: Record<FormulaUnit, string> = {
  money: "money",
  count: "a count",
  ratio: "a ratio",
  months: "months",
  number: "a number",
};

export function describeUnitMismatch(operator: BinaryOperator, left: FormulaUnit, right: FormulaUnit): string {
  const l = UNIT_WORDS[left];
  const r = UNIT_WORDS[right];
  switch (operator) {
    case "+":
      return `Cannot add ${r} to ${l}`;
    case "-":
      return `Cannot subtract ${r} from ${l}`;
    case "*":
      return `Cannot multiply ${l} by ${r}`;
    case "/":
      return `Cannot divide ${l} by ${r}`;
  }
}
