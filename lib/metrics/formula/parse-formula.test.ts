import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FormulaNode } from "./formula-ast";
import type { FormulaError } from "./formula-error";
import { MAX_FORMULA_DEPTH, parseFormula } from "./parse-formula";
import { MAX_FORMULA_LENGTH } from "./tokenize-formula";

/** Renders a tree fully parenthesized, so tests can state the expected grouping. */
function show(node: FormulaNode): string {
  switch (node.kind) {
    case "number":
      return node.value;
    case "reference":
      return node.key;
    case "prev":
      return `prev(${show(node.argument)})`;
    case "negate":
      return `(-${show(node.operand)})`;
    case "binary":
      return `(${show(node.left)} ${node.operator} ${show(node.right)})`;
  }
}

function parsed(source: string): string {
  const result = parseFormula(source);
  if (!result.ok) throw new Error(`unexpected error ${JSON.stringify(result.error)}`);
  return show(result.ast);
}

function failure(source: string): FormulaError {
  const result = parseFormula(source);
  if (result.ok) throw new Error(`expected an error for ${source}`);
  return result.error;
}

describe("parseFormula: structure", () => {
  it("gives * and / precedence over + and -", () => {
    expect(parsed("a + b * c")).toBe("(a + (b * c))");
    expect(parsed("a * b + c")).toBe("((a * b) + c)");
    expect(parsed("a - b / c - d")).toBe("((a - (b / c)) - d)");
  });

  it("is left-associative", () => {
    expect(parsed("a - b - c")).toBe("((a - b) - c)");
    expect(parsed("a / b / c")).toBe("((a / b) / c)");
    expect(parsed("a / b * c")).toBe("((a / b) * c)");
  });

  it("lets parentheses override precedence", () => {
    expect(parsed("(a + b) * c")).toBe("((a + b) * c)");
    expect(parsed("a / (b - c)")).toBe("(a / (b - c))");
    expect(parsed("((a))")).toBe("a");
  });

  it("parses unary minus tighter than binary operators", () => {
    expect(parsed("-a * b")).toBe("((-a) * b)");
    expect(parsed("a * -b")).toBe("(a * (-b))");
    expect(parsed("a - -b")).toBe("(a - (-b))");
    expect(parsed("--a")).toBe("(-(-a))");
    expect(parsed("-(a + b)")).toBe("(-(a + b))");
  });

  it("parses prev() with any expression inside", () => {
    expect(parsed("branded_sessions / prev(branded_sessions) - 1")).toBe(
      "((branded_sessions / prev(branded_sessions)) - 1)",
    );
    expect(parsed("prev(revenue / deals_won)")).toBe("prev((revenue / deals_won))");
  });

  it("reads the SPEC's typographic operators and decimal literals", () => {
    expect(parsed("1000 × spend ÷ impressions")).toBe("((1000 * spend) / impressions)");
    expect(parsed("(revenue − spend) / spend")).toBe("((revenue - spend) / spend)");
    expect(parsed("0.25 * x")).toBe("(0.25 * x)");
  });

  it("records source spans, including parentheses", () => {
    const result = parseFormula("  (a + b) * c");
    expect(result.ok).toBe(true);
    if (!result.ok || result.ast.kind !== "binary") return;
    expect(result.ast.span).toEqual({ start: 2, end: 13 });
    expect(result.ast.left.span).toEqual({ start: 2, end: 9 }); // "(a + b)"
    expect(result.ast.right.span).toEqual({ start: 12, end: 13 });
  });
});

describe("parseFormula: errors with positions", () => {
  it.each([
    // [source, code, start, end]
    ["", "EMPTY_FORMULA", 0, 0],
    ["   ", "EMPTY_FORMULA", 0, 3],
    ["a +", "UNEXPECTED_END", 3, 3],
    ["a + * b", "UNEXPECTED_TOKEN", 4, 5],
    ["* a", "UNEXPECTED_TOKEN", 0, 1],
    ["a b", "UNEXPECTED_TOKEN", 2, 3],
    ["(a + b", "UNCLOSED_PARENTHESIS", 0, 1],
    ["a + b)", "UNEXPECTED_TOKEN", 5, 6],
    ["()", "UNEXPECTED_TOKEN", 1, 2],
    ["a % b", "UNEXPECTED_CHARACTER", 2, 3],
    ["spend + 😀", "UNEXPECTED_CHARACTER", 8, 10],
    ["1.", "INVALID_NUMBER", 0, 2],
    [".5", "INVALID_NUMBER", 0, 2],
    ["12abc", "INVALID_NUMBER", 0, 5],
    ["1.2.3", "INVALID_NUMBER", 0, 5],
    ["sqrt(a)", "UNKNOWN_FUNCTION", 0, 4],
    ["prev()", "WRONG_ARGUMENT_COUNT", 0, 6],
    ["prev(a, b)", "WRONG_ARGUMENT_COUNT", 6, 7],
    ["prev + 1", "FUNCTION_WITHOUT_CALL", 0, 4],
    ["prev(a", "UNCLOSED_PARENTHESIS", 4, 5],
    ["a, b", "UNEXPECTED_TOKEN", 1, 2],
  ] as const)("%j → %s at [%i, %i)", (source, code, start, end) => {
    const error = failure(source);
    expect(error.code).toBe(code);
    expect(error.position).toEqual({ start, end });
    expect(error.message.length).toBeGreaterThan(0);
  });

  it("limits nesting depth instead of overflowing the stack", () => {
    const deep = "(".repeat(MAX_FORMULA_DEPTH + 5) + "a" + ")".repeat(MAX_FORMULA_DEPTH + 5);
    expect(failure(deep).code).toBe("TOO_DEEP");
    const minus = "-".repeat(1000) + "a";
    expect(failure(minus).code).toBe("TOO_DEEP");
    const ok = "(".repeat(20) + "a" + ")".repeat(20);
    expect(parsed(ok)).toBe("a");
  });

  it("limits length", () => {
    const long = "a+".repeat(MAX_FORMULA_LENGTH) + "a";
    const error = failure(long);
    expect(error.code).toBe("FORMULA_TOO_LONG");
    expect(error.position.end).toBe(long.length);
  });

  it("handles long flat chains without deep recursion", () => {
    const chain = Array.from({ length: 900 }, () => "a").join("+"); // 1,799 characters, 900 terms
    expect(chain.length).toBeLessThanOrEqual(MAX_FORMULA_LENGTH);
    expect(parseFormula(chain).ok).toBe(true);
  });
});

describe("parseFormula: fuzz", () => {
  /** Checks the public contract: no throw; an AST, or one error whose span lies within the input. */
  function assertContract(source: string) {
    let result: ReturnType<typeof parseFormula>;
    expect(() => {
      result = parseFormula(source);
    }).not.toThrow();
    result = parseFormula(source);
    if (result.ok) {
      expect(result.ast.span.start).toBeGreaterThanOrEqual(0);
      expect(result.ast.span.end).toBeLessThanOrEqual(source.length);
    } else {
      const { start, end } = result.error.position;
      expect(Number.isInteger(start) && Number.isInteger(end)).toBe(true);
      expect(0 <= start && start <= end && end <= source.length).toBe(true);
      expect(result.error.message.length).toBeGreaterThan(0);
    }
  }

  it("never throws on random strings", () => {
    fc.assert(fc.property(fc.string({ maxLength: 80, unit: "binary" }), assertContract), { numRuns: 2500 });
  });

  it("never throws on random token soups", () => {
    const token = fc.constantFrom(
      "spend",
      "leads",
      "prev",
      "cac",
      "x1",
      "_",
      "0",
      "1",
      "0.5",
      "12.",
      ".3",
      "1000",
      "+",
      "-",
      "*",
      "/",
      "×",
      "−",
      "(",
      ")",
      ",",
      " ",
      "\t",
      "%",
      "prev(",
      "((",
      "))",
      "😀",
      "\u00a0",
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), (tokens) => assertContract(tokens.join(""))),
      { numRuns: 3000 },
    );
  });

  it("parses every well-formed random expression, and the spans cover the source", () => {
    const { expr } = fc.letrec<{ expr: string }>((tie) => ({
      expr: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.constantFrom("spend", "leads", "deals_won", "1", "0.25", "1000"),
        fc.tuple(tie("expr"), fc.constantFrom("+", "-", "*", "/"), tie("expr")).map(([a, op, b]) => `${a} ${op} ${b}`),
        tie("expr").map((e) => `(${e})`),
        tie("expr").map((e) => `-${e}`),
        tie("expr").map((e) => `prev(${e})`),
      ),
    }));
    fc.assert(
      fc.property(expr, (source) => {
        const result = parseFormula(source);
        if (!result.ok) {
          // Only the depth limit may reject a well-formed expression.
          expect(result.error.code).toBe("TOO_DEEP");
          return;
        }
        expect(result.ast.span).toEqual({ start: 0, end: source.length });
      }),
      { numRuns: 500 },
    );
  });
});
