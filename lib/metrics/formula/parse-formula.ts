import type { BinaryOperator, FormulaNode } from "./formula-ast";
import { formulaError, type FormulaError, type Span } from "./formula-error";
import { type FormulaToken, tokenizeFormula } from "./tokenize-formula";

/**
 * Nesting limit for parentheses, unary minus and prev(). Recursive descent
 * uses the call stack, so without a limit `((((…` a hundred thousand deep would
 * overflow it — and a thrown RangeError must never escape the public API.
 */
export const MAX_FORMULA_DEPTH = 64;

export type ParseFormulaResult = { ok: true; ast: FormulaNode } | { ok: false; error: FormulaError };

/** Functions of the language. Only `prev(x)`: the value of `x` in the previous period. */
const FUNCTIONS = new Set(["prev"]);

/** Binding power of binary operators: `*` and `/` bind tighter than `+` and `-`; all are left-associative. */
const BINDING_POWER: Record<BinaryOperator, number> = { "+": 10, "-": 10, "*": 20, "/": 20 };
/** Unary minus binds tighter than any binary operator: `-a * b` is `(-a) * b`. */
const UNARY_BINDING_POWER = 30;

/**
 * Parses a custom-metric formula (SPEC §4.2: "arithmetic, parentheses, measure
 * keys, `prev(x)` for the previous period, and numeric literals") into a tree.
 *
 * Grammar:
 * ```
 * expression = prefix { ("+" | "-" | "*" | "/") prefix }   (precedence climbing)
 * prefix     = "-" prefix | number | identifier | "prev" "(" expression ")" | "(" expression ")"
 * ```
 *
 * Why a hand-written Pratt parser rather than a parser generator or an
 * expression library: the grammar is five rules; hand-written code gives exact
 * character positions and a specific message for every error (which the UI
 * underlines), adds no dependency to audit, and — unlike `eval`/`Function` or
 * general-purpose expression libraries — cannot execute anything: the only
 * output is a tree of five node kinds.
 *
 * Never throws: returns the tree or the first syntax error, whose position lies
 * within `[0, source.length]`. Names are not resolved here (see `checkFormula`).
 */
export function parseFormula(source: string): ParseFormulaResult {
  const tokenized = tokenizeFormula(source);
  if (!tokenized.ok) return tokenized;
  if (tokenized.tokens.length === 0) {
    return {
      ok: false,
      error: formulaError("EMPTY_FORMULA", "The formula is empty", { start: 0, end: source.length }),
    };
  }
  const parser = new Parser(tokenized.tokens, source.length);
  try {
    const ast = parser.expression(0, 0);
    const extra = parser.peek();
    if (extra) {
      const message = extra.kind === "close" ? 'Unmatched ")"' : `Unexpected "${extra.text}": an operator is missing`;
      return { ok: false, error: formulaError("UNEXPECTED_TOKEN", message, extra.span) };
    }
    return { ok: true, ast };
  } catch (caught) {
    // Only our own ParseFailure is expected; anything else is a bug, but the
    // contract is "never throws", so it becomes a positioned error too.
    if (caught instanceof ParseFailure) return { ok: false, error: caught.error };
    return {
      ok: false,
      error: formulaError("UNEXPECTED_TOKEN", "The formula could not be parsed", { start: 0, end: source.length }),
    };
  }
}

/** Internal control flow: unwinds the recursive descent on the first error. */
class ParseFailure {
  constructor(readonly error: FormulaError) {}
}

class Parser {
  private index = 0;

  constructor(
    private readonly tokens: FormulaToken[],
    private readonly sourceLength: number,
  ) {}

  peek(): FormulaToken | undefined {
    return this.tokens[this.index];
  }

  private next(): FormulaToken | undefined {
    return this.tokens[this.index++];
  }

  private fail(
    code: FormulaError["code"],
    message: string,
    span: Span,
    params?: Record<string, string | number>,
  ): never {
    throw new ParseFailure(formulaError(code, message, span, params));
  }

  private endSpan(): Span {
    return { start: this.sourceLength, end: this.sourceLength };
  }

  private guardDepth(depth: number, span: Span) {
    if (depth > MAX_FORMULA_DEPTH)
      this.fail("TOO_DEEP", `The formula is nested more than ${MAX_FORMULA_DEPTH} levels deep`, span, {
        max: MAX_FORMULA_DEPTH,
      });
  }

  expression(minBindingPower: number, depth: number): FormulaNode {
    let left = this.prefix(depth);
    for (;;) {
      const token = this.peek();
      if (!token || token.kind !== "operator") return left;
      const power = BINDING_POWER[token.text];
      if (power <= minBindingPower) return left;
      this.index++;
      const right = this.expression(power, depth + 1);
      left = {
        kind: "binary",
        operator: token.text,
        left,
        right,
        span: { start: left.span.start, end: right.span.end },
      };
    }
  }

  private prefix(depth: number): FormulaNode {
    const token = this.next();
    if (!token) this.fail("UNEXPECTED_END", "The formula ends where a value is expected", this.endSpan());
    this.guardDepth(depth, token.span);
    switch (token.kind) {
      case "number":
        return { kind: "number", value: token.text, span: token.span };
      case "identifier":
        return this.identifier(token, depth);
      case "open": {
        const inner = this.expression(0, depth + 1);
        const close = this.next();
        if (!close) this.fail("UNCLOSED_PARENTHESIS", 'This "(" is never closed', token.span);
        if (close.kind !== "close") this.fail("UNEXPECTED_TOKEN", `Expected ")" but found "${close.text}"`, close.span);
        // The parenthesized node keeps its own span; the parentheses only group.
        return { ...inner, span: { start: token.span.start, end: close.span.end } };
      }
      case "operator": {
        if (token.text !== "-") this.fail("UNEXPECTED_TOKEN", `"${token.text}" needs a value on its left`, token.span);
        const operand = this.expression(UNARY_BINDING_POWER, depth + 1);
        return { kind: "negate", operand, span: { start: token.span.start, end: operand.span.end } };
      }
      default:
        return this.fail("UNEXPECTED_TOKEN", `Unexpected "${token.text}" where a value is expected`, token.span);
    }
  }

  private identifier(token: FormulaToken, depth: number): FormulaNode {
    const open = this.peek();
    const isCall = open?.kind === "open";
    if (!isCall) {
      if (FUNCTIONS.has(token.text)) {
        this.fail("FUNCTION_WITHOUT_CALL", `${token.text} is a function: write ${token.text}(measure)`, token.span, {
          name: token.text,
        });
      }
      return { kind: "reference", key: token.text, span: token.span };
    }
    if (!FUNCTIONS.has(token.text)) {
      this.fail("UNKNOWN_FUNCTION", `Unknown function "${token.text}"; the only function is prev(x)`, token.span, {
        name: token.text,
      });
    }
    this.index++; // "("
    const closeNow = this.peek();
    if (closeNow?.kind === "close") {
      this.fail(
        "WRONG_ARGUMENT_COUNT",
        `${token.text}() takes exactly one argument`,
        { start: token.span.start, end: closeNow.span.end },
        { name: token.text },
      );
    }
    const argument = this.expression(0, depth + 1);
    const close = this.next();
    if (!close) this.fail("UNCLOSED_PARENTHESIS", 'This "(" is never closed', open.span);
    if (close.kind === "comma") {
      this.fail("WRONG_ARGUMENT_COUNT", `${token.text}() takes exactly one argument`, close.span, {
        name: token.text,
      });
    }
    if (close.kind !== "close") this.fail("UNEXPECTED_TOKEN", `Expected ")" but found "${close.text}"`, close.span);
    return { kind: "prev", argument, span: { start: token.span.start, end: close.span.end } };
  }
}
