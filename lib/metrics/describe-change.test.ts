import { describe, expect, it } from "vitest";
import { Decimal, formatDecimal } from "./decimal";
import { describeChange } from "./describe-change";
import { metricTraits } from "./metric-traits";

const d = (v: string) => new Decimal(v);
const traits = (key: string) => {
  const t = metricTraits(key);
  return { unit: t.unit, multiple: t.multiple, direction: t.direction };
};

describe("describeChange — SPEC §4.2 Comparisons (golden)", () => {
  it("ROMI −3.65 % → 2.11 % is +5.76 percentage points, better — not +157.9 %", () => {
    const c = describeChange(d("0.0211"), d("-0.0365"), traits("romi"))!;
    expect(c.kind).toBe("points");
    expect(formatDecimal(c.value)).toBe("0.0576");
    expect(c.verdict).toBe("better");
  });

  it("CAC is lower-is-better: 60 000 → 57 000 is −5 % and better; up is worse", () => {
    const down = describeChange(d("57000"), d("60000"), traits("cac"))!;
    expect(down).toMatchObject({ kind: "percent", verdict: "better" });
    expect(formatDecimal(down.value)).toBe("-0.05");
    expect(describeChange(d("63000"), d("60000"), traits("cac"))!.verdict).toBe("worse");
    // Churn rate, a lower-is-better ratio: down 1 point is better.
    const churn = describeChange(d("0.03"), d("0.04"), traits("churn_rate"))!;
    expect(churn).toMatchObject({ kind: "points", verdict: "better" });
    expect(formatDecimal(churn.value)).toBe("-0.01");
  });

  it("multiples (LTV:CAC) and flows (revenue) change in percent; a flat change is flat", () => {
    expect(describeChange(d("4"), d("3.2"), traits("ltv_to_cac"))).toMatchObject({
      kind: "percent",
      verdict: "better",
    });
    expect(formatDecimal(describeChange(d("4"), d("3.2"), traits("ltv_to_cac"))!.value)).toBe("0.25");
    expect(describeChange(d("110"), d("100"), traits("revenue"))).toMatchObject({ kind: "percent", verdict: "better" });
    // More spend is neither better nor worse.
    expect(describeChange(d("110"), d("100"), traits("spend"))).toMatchObject({ kind: "percent", verdict: null });
    expect(describeChange(d("5"), d("5"), traits("cac"))!.verdict).toBe("flat");
  });

  it("no value on either side, or a percent change from zero, is no change", () => {
    expect(describeChange(null, d("1"), traits("cac"))).toBeNull();
    expect(describeChange(d("1"), null, traits("cac"))).toBeNull();
    expect(describeChange(d("1"), d("0"), traits("cac"))).toBeNull();
    // A ratio from 0 % still has a point change.
    expect(formatDecimal(describeChange(d("0.02"), d("0"), traits("ctr"))!.value)).toBe("0.02");
  });
});
