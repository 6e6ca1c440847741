import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getMetricDefinition } from "../catalog";
import { Decimal } from "../decimal";
import { getBaseMeasure } from "../measures";
import { compileFormula, type FormulaSymbols } from "./check-formula";
import { evaluateFormula } from "./evaluate-formula";
import { combineUnits } from "./formula-units";

/** Catalog measures and metrics, as the workspace would see them. */
const symbols: FormulaSymbols = (key) => {
  const measure = getBaseMeasure(key);
  if (measure) return { kind: "measure", unit: measure.unit };
  const metric = getMetricDefinition(key);
  if (metric) return { kind: "metric", unit: metric.unit };
  return undefined;
};

function unitOf(source: string) {
  const result = compileFormula(source, symbols);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.unit;
}

function errorsOf(source: string) {
  const result = compileFormula(source, symbols);
  if (result.ok) throw new Error(`expected errors for ${source}`);
  return result.errors.map((e) => ({ code: e.code, text: source.slice(e.position.start, e.position.end) }));
}

describe("unit inference", () => {
  it("follows the SPEC's unit rules", () => {
    expect(unitOf("spend / revenue")).toBe("ratio"); // money / money
    expect(unitOf("clicks / impressions")).toBe("ratio"); // count / count
    expect(unitOf("spend / leads")).toBe("money"); // money / count
    expect(unitOf("ctr * spend")).toBe("money"); // ratio × money
    expect(unitOf("1000 * spend / impressions")).toBe("money"); // literal scales money
    expect(unitOf("(revenue - spend) / spend")).toBe("ratio");
    expect(unitOf("branded_sessions / prev(branded_sessions) - 1")).toBe("ratio"); // ratio − literal
    expect(unitOf("deals_won * average_deal_size")).toBe("money"); // count × price
    expect(unitOf("average_deal_size / churn_rate")).toBe("money"); // money / ratio
    expect(unitOf("payback_months * 2")).toBe("months");
    expect(unitOf("2")).toBe("ratio"); // a bare number reports as dimensionless
    expect(unitOf("-cac")).toBe("money");
  });

  it("rejects money + count with the position of the whole sum", () => {
    expect(errorsOf("cpl * 2 + (spend + leads)")).toEqual([{ code: "UNIT_MISMATCH", text: "(spend + leads)" }]);
  });

  it("rejects other meaningless combinations", () => {
    expect(errorsOf("spend * revenue")[0].code).toBe("UNIT_MISMATCH"); // money²
    expect(errorsOf("leads * clicks")[0].code).toBe("UNIT_MISMATCH"); // count²
    expect(errorsOf("leads / spend")[0].code).toBe("UNIT_MISMATCH"); // inverse price
    expect(errorsOf("1 / leads")[0].code).toBe("UNIT_MISMATCH");
    expect(errorsOf("spend + 100")[0].code).toBe("UNIT_MISMATCH"); // a bare number is not money
    expect(errorsOf("payback_months + ctr")[0].code).toBe("UNIT_MISMATCH");
  });

  it("reports every error, each at its own position", () => {
    expect(errorsOf("(spend + leads) + unknown_thing + (clicks - revenue)")).toEqual([
      { code: "UNIT_MISMATCH", text: "(spend + leads)" },
      { code: "UNKNOWN_REFERENCE", text: "unknown_thing" },
      { code: "UNIT_MISMATCH", text: "(clicks - revenue)" },
    ]);
  });

  it("combineUnits is symmetric for + and *", () => {
    const units = ["money", "count", "ratio", "months", "number"] as const;
    for (const a of units) {
      for (const b of units) {
        expect(combineUnits("+", a, b)).toBe(combineUnits("+", b, a));
        expect(combineUnits("*", a, b)).toBe(combineUnits("*", b, a));
      }
    }
  });
});

describe("semantic errors", () => {
  it("rejects unknown references", () => {
    expect(errorsOf("spend / leeds")).toEqual([{ code: "UNKNOWN_REFERENCE", text: "leeds" }]);
  });

  it("rejects a denominator that is a literal zero", () => {
    expect(errorsOf("spend / 0")).toEqual([{ code: "DIVISION_BY_ZERO", text: "0" }]);
    expect(errorsOf("spend / 0.000")).toEqual([{ code: "DIVISION_BY_ZERO", text: "0.000" }]);
    expect(errorsOf("spend / (1 - 1)")).toEqual([{ code: "DIVISION_BY_ZERO", text: "(1 - 1)" }]);
    expect(errorsOf("spend / -0")).toEqual([{ code: "DIVISION_BY_ZERO", text: "-0" }]);
    // A denominator that only might be zero is a run-time "no value", not an error.
    expect(unitOf("spend / (leads - leads)")).toBe("money");
    expect(unitOf("spend / 0.5")).toBe("money");
  });

  it("rejects nested prev()", () => {
    expect(errorsOf("prev(prev(leads))")).toEqual([{ code: "NESTED_PREV", text: "prev(leads)" }]);
    expect(errorsOf("prev(leads + prev(leads))")[0].code).toBe("NESTED_PREV");
  });

  it("lists references with the period they read", () => {
    const result = compileFormula("leads / prev(leads)", symbols);
    expect(result.ok && result.references.map((r) => [r.key, r.previous])).toEqual([
      ["leads", false],
      ["leads", true],
    ]);
  });

  it("passes syntax errors through as a one-element list", () => {
    const result = compileFormula("spend /", symbols);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.code)).toEqual(["UNEXPECTED_END"]);
  });
});

describe("fuzz: the whole pipeline never throws", () => {
  it("compiles and evaluates random token soups without throwing", () => {
    const token = fc.constantFrom(
      "spend",
      "leads",
      "deals_won",
      "ctr",
      "cac",
      "nope",
      "prev",
      "0",
      "1",
      "0.5",
      "(",
      ")",
      "+",
      "-",
      "*",
      "/",
      " ",
    );
    fc.assert(
      fc.property(
        fc.array(token, { maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 3, maxLength: 3 }),
        (tokens, values) => {
          const source = tokens.join(" ");
          const result = compileFormula(source, symbols);
          if (!result.ok) {
            for (const e of result.errors)
              expect(
                0 <= e.position.start && e.position.start <= e.position.end && e.position.end <= source.length,
              ).toBe(true);
            return;
          }
          const evaluated = evaluateFormula(
            result.ast,
            (key) => ({ value: new Decimal(values[key.length % 3]), reason: null }),
            source,
          );
          if (evaluated.value === null) expect(evaluated.reason).toMatch(/^ZERO_DENOMINATOR/);
          else expect(evaluated.value.isFinite()).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
