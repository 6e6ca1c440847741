import { Decimal } from "../decimal";
import type { MetricUnit } from "../metric-definition";
import { collectReferences, type FormulaNode, type FormulaReference } from "./formula-ast";
import { formulaError, type FormulaError } from "./formula-error";
import { combineUnits, describeUnitMismatch, type FormulaUnit, resultUnit } from "./formula-units";
import { parseFormula } from "./parse-formula";

/** What a name in a formula refers to. */
export interface FormulaSymbol {
  kind: "measure" | "metric" | "custom_metric";
  unit: MetricUnit;
}

/** Resolves names for the checker; `undefined` means "no such key". */
export type FormulaSymbols = (key: string) => FormulaSymbol | undefined;

export type CheckFormulaResult =
  { ok: true; unit: MetricUnit; references: FormulaReference[] } | { ok: false; errors: FormulaError[] };

/**
 * Checks a parsed formula: every name exists, units combine (see
 * `combineUnits`), `prev()` is not nested (the data has one previous period),
 * and no division has a denominator that is a literal zero — `x / 0` or
 * `x / (1 - 1)` (a denominator built only from literals that folds to zero) can
 * never have a value, so it is rejected when the formula is saved rather than
 * shown as "no value" forever. All errors are reported, each with its position.
 */
export function checkFormula(ast: FormulaNode, symbols: FormulaSymbols): CheckFormulaResult {
  const errors: FormulaError[] = [];

  /** Returns the unit of `node`, or `null` when an error below makes it unknown (reported once). */
  const visit = (node: FormulaNode, insidePrev: boolean): FormulaUnit | null => {
    switch (node.kind) {
      case "number":
        return "number";
      case "reference": {
        const symbol = symbols(node.key);
        if (!symbol) {
          errors.push(
            formulaError("UNKNOWN_REFERENCE", `Unknown measure or metric "${node.key}"`, node.span, {
              name: node.key,
            }),
          );
          return null;
        }
        return symbol.unit;
      }
      case "prev":
        if (insidePrev) {
          errors.push(
            formulaError("NESTED_PREV", "prev() cannot be nested: only the previous period is available", node.span),
          );
        }
        return visit(node.argument, true);
      case "negate":
        return visit(node.operand, insidePrev);
      case "binary": {
        const left = visit(node.left, insidePrev);
        const right = visit(node.right, insidePrev);
        if (node.operator === "/" && isLiteralZero(node.right)) {
          errors.push(
            formulaError("DIVISION_BY_ZERO", "Division by zero: the denominator is always 0", node.right.span),
          );
        }
        if (left === null || right === null) return null;
        const unit = combineUnits(node.operator, left, right);
        if (unit === null) {
          errors.push(formulaError("UNIT_MISMATCH", describeUnitMismatch(node.operator, left, right), node.span));
        }
        return unit;
      }
    }
  };

  const unit = visit(ast, false);
  if (errors.length > 0 || unit === null) return { ok: false, errors };
  return { ok: true, unit: resultUnit(unit), references: collectReferences(ast) };
}

/**
 * True when `node` is built only from literals and evaluates to exactly zero.
 * Literal-only subtrees are tiny, so folding them with Decimal is cheap; a
 * literal-only subtree that itself divides by zero is reported where it occurs.
 */
function isLiteralZero(node: FormulaNode): boolean {
  const folded = foldLiterals(node);
  return folded !== null && folded.isZero();
}

function foldLiterals(node: FormulaNode): Decimal | null {
  switch (node.kind) {
    case "number":
      return new Decimal(node.value);
    case "reference":
    case "prev":
      return null;
    case "negate": {
      const v = foldLiterals(node.operand);
      return v === null ? null : v.neg();
    }
    case "binary": {
      const l = foldLiterals(node.left);
      const r = foldLiterals(node.right);
      if (l === null || r === null) return null;
      switch (node.operator) {
        case "+":
          return l.plus(r);
        case "-":
          return l.minus(r);
        case "*":
          return l.times(r);
        case "/":
          return r.isZero() ? null : l.div(r);
      }
    }
  }
}

/** Parses and checks a single formula in one call (e.g. live validation of an input field). */
export function compileFormula(
  source: string,
  symbols: FormulaSymbols,
):
  | { ok: true; ast: FormulaNode; unit: MetricUnit; references: FormulaReference[] }
  | { ok: false; errors: FormulaError[] } {
  const parsed = parseFormula(source);
  if (!parsed.ok) return { ok: false, errors: [parsed.error] };
  const checked = checkFormula(parsed.ast, symbols);
  return checked.ok ? { ok: true, ast: parsed.ast, unit: checked.unit, references: checked.references } : checked;
}
