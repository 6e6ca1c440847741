import type { Span } from "./formula-error";

/**
 * Syntax tree of a formula. Number literals keep their source text so that
 * evaluation builds an exact Decimal (a JS number would already be binary).
 */
export type FormulaNode =
  | { kind: "number"; value: string; span: Span }
  | { kind: "reference"; key: string; span: Span }
  | { kind: "prev"; argument: FormulaNode; span: Span }
  | { kind: "negate"; operand: FormulaNode; span: Span }
  | { kind: "binary"; operator: BinaryOperator; left: FormulaNode; right: FormulaNode; span: Span };

export type BinaryOperator = "+" | "-" | "*" | "/";

/** A reference found in a formula, and whether it reads the previous period. */
export interface FormulaReference {
  key: string;
  span: Span;
  previous: boolean;
}

/** Every reference of a tree, in source order. */
export function collectReferences(
  node: FormulaNode,
  previous = false,
  into: FormulaReference[] = [],
): FormulaReference[] {
  switch (node.kind) {
    case "number":
      break;
    case "reference":
      into.push({ key: node.key, span: node.span, previous });
      break;
    case "prev":
      collectReferences(node.argument, true, into);
      break;
    case "negate":
      collectReferences(node.operand, previous, into);
      break;
    case "binary":
      collectReferences(node.left, previous, into);
      collectReferences(node.right, previous, into);
      break;
  }
  return into;
}
