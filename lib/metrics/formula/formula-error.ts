/**
 * Errors of the custom-metric formula language. Every public function of
 * `formula/` returns these as values — none throws — so the API can show the
 * message under the formula field with the offending text underlined.
 */

/** Half-open range of UTF-16 offsets into the formula source: `source.slice(start, end)`. */
export interface Span {
  start: number;
  end: number;
}

export type FormulaErrorCode =
  // syntax
  | "EMPTY_FORMULA"
  | "FORMULA_TOO_LONG"
  | "TOO_DEEP"
  | "UNEXPECTED_CHARACTER"
  | "INVALID_NUMBER"
  | "UNEXPECTED_TOKEN"
  | "UNEXPECTED_END"
  | "UNCLOSED_PARENTHESIS"
  | "UNKNOWN_FUNCTION"
  | "WRONG_ARGUMENT_COUNT"
  | "FUNCTION_WITHOUT_CALL"
  // meaning
  | "UNKNOWN_REFERENCE"
  | "NESTED_PREV"
  | "UNIT_MISMATCH"
  | "DIVISION_BY_ZERO"
  // custom-metric sets
  | "CYCLE"
  | "INVALID_DEPENDENCY"
  | "RESERVED_KEY"
  | "DUPLICATE_KEY";

export interface FormulaError {
  code: FormulaErrorCode;
  /** English, for logs and the API's default; people read the code's text in their language (FORMULA_<code>). */
  message: string;
  position: Span;
  /** The values the code's text names (the unknown name, the cycle, the limit…). */
  params?: Record<string, string | number>;
}

export const formulaError = (
  code: FormulaErrorCode,
  message: string,
  position: Span,
  params?: Record<string, string | number>,
): FormulaError => ({
  code,
  message,
  position: { start: position.start, end: position.end },
  ...(params ? { params } : {}),
});
