import { formulaError, type FormulaError, type Span } from "./formula-error";

export type FormulaToken =
  | { kind: "number"; text: string; span: Span }
  | { kind: "identifier"; text: string; span: Span }
  | { kind: "operator"; text: "+" | "-" | "*" | "/"; span: Span }
  | { kind: "open" | "close" | "comma"; text: string; span: Span };

/** Formulas are short; the cap keeps parsing cost and error messages bounded. */
export const MAX_FORMULA_LENGTH = 2000;

/**
 * Typographic operators people paste from documents (the SPEC itself writes
 * `1000 × spend` and `revenue − spend`) are accepted as their ASCII forms.
 */
const OPERATORS: Record<string, "+" | "-" | "*" | "/"> = {
  "+": "+",
  "-": "-",
  "−": "-",
  "*": "*",
  "×": "*",
  "/": "/",
  "÷": "/",
};

const isDigit = (c: string) => c >= "0" && c <= "9";
const isIdentifierStart = (c: string) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_";
const isIdentifierPart = (c: string) => isIdentifierStart(c) || isDigit(c);

/**
 * Splits a formula into tokens. Grammar of tokens:
 * number = digits [ "." digits ]; identifier = [A-Za-z_][A-Za-z0-9_]*;
 * operators + - * / (and × − ÷); parentheses; comma; whitespace is skipped.
 */
export function tokenizeFormula(
  source: string,
): { ok: true; tokens: FormulaToken[] } | { ok: false; error: FormulaError } {
  if (source.length > MAX_FORMULA_LENGTH) {
    return {
      ok: false,
      error: formulaError(
        "FORMULA_TOO_LONG",
        `A formula may be at most ${MAX_FORMULA_LENGTH} characters long`,
        { start: MAX_FORMULA_LENGTH, end: source.length },
        { max: MAX_FORMULA_LENGTH },
      ),
    };
  }
  const tokens: FormulaToken[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === "." && isDigit(source[i + 1] ?? ""))) {
      while (i < source.length && isDigit(source[i])) i++;
      if (source[i] === ".") {
        i++;
        if (!isDigit(source[i] ?? "")) {
          return {
            ok: false,
            error: formulaError(
              "INVALID_NUMBER",
              "A decimal point must be followed by digits",
              { start, end: i },
              { text: source.slice(start, i) },
            ),
          };
        }
        while (i < source.length && isDigit(source[i])) i++;
      }
      if (source[start] === ".") {
        return {
          ok: false,
          error: formulaError(
            "INVALID_NUMBER",
            "Write a leading zero: 0.5, not .5",
            { start, end: i },
            { text: source.slice(start, i) },
          ),
        };
      }
      // "12abc" is a typo, not a number followed by a name.
      if (i < source.length && (isIdentifierStart(source[i]) || source[i] === ".")) {
        let end = i;
        while (end < source.length && (isIdentifierPart(source[end]) || source[end] === ".")) end++;
        return {
          ok: false,
          error: formulaError(
            "INVALID_NUMBER",
            `"${source.slice(start, end)}" is not a number`,
            { start, end },
            { text: source.slice(start, end) },
          ),
        };
      }
      tokens.push({ kind: "number", text: source.slice(start, i), span: { start, end: i } });
      continue;
    }
    if (isIdentifierStart(c)) {
      while (i < source.length && isIdentifierPart(source[i])) i++;
      tokens.push({ kind: "identifier", text: source.slice(start, i), span: { start, end: i } });
      continue;
    }
    const operator = OPERATORS[c];
    if (operator !== undefined) {
      tokens.push({ kind: "operator", text: operator, span: { start, end: i + 1 } });
      i++;
      continue;
    }
    if (c === "(" || c === ")" || c === ",") {
      tokens.push({ kind: c === "(" ? "open" : c === ")" ? "close" : "comma", text: c, span: { start, end: i + 1 } });
      i++;
      continue;
    }
    // Report the whole code point (an emoji is two UTF-16 units) so the span never splits a character.
    const end = start + (source.codePointAt(start)! > 0xffff ? 2 : 1);
    return {
      ok: false,
      error: formulaError(
        "UNEXPECTED_CHARACTER",
        `Unexpected character "${source.slice(start, end)}"`,
        { start, end },
        { text: source.slice(start, end) },
      ),
    };
  }
  return { ok: true, tokens };
}
