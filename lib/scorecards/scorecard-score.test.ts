import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SCORE_CAP, scorecardScore } from "@/lib/scorecards/scorecard-score";

const d = (v: Decimal.Value) => new Decimal(v);

describe("scorecardScore", () => {
  it("is the weighted mean of capped attainments over KPIs with data", () => {
    // (2 × 1.0 + 1 × min(3.0, 1.5) + 1 × 0.5) / (2 + 1 + 1) = (2 + 1.5 + 0.5) / 4 = 1.0
    // the NO_DATA KPI (weight 5) is left out of both sums
    const result = scorecardScore([
      { weight: d(2), attainment: d(1) },
      { weight: d(1), attainment: d(3) },
      { weight: d(1), attainment: d("0.5") },
      { weight: d(5), attainment: null },
    ]);
    expect(result.score!.toString()).toBe("1");
    expect(result.countedKpis).toBe(3);
    expect(result.countedWeight.toString()).toBe("4");
    expect(result.cap).toEqual(SCORE_CAP);
  });

  it("counts a gate-failed KPI (attainment 0) and drags the score down", () => {
    // (1 × 1.2 + 1 × 0) / 2 = 0.6
    expect(
      scorecardScore([
        { weight: d(1), attainment: d("1.2") },
        { weight: d(1), attainment: d(0) },
      ]).score!.toString(),
    ).toBe("0.6");
  });

  it("is null when no KPI has data", () => {
    expect(scorecardScore([{ weight: d(1), attainment: null }]).score).toBeNull();
    expect(scorecardScore([]).score).toBeNull();
  });

  // Attainments and weights with few decimals keep Decimal sums exact, so order
  // invariance can be checked with exact equality rather than a tolerance.
  const item = fc.record({
    weight: fc.integer({ min: 1, max: 10_000 }).map((n) => d(n).div(100)),
    attainment: fc.option(
      fc.integer({ min: -5_000, max: 20_000 }).map((n) => d(n).div(1000)),
      { nil: null },
    ),
  });

  it("property: the score lies within [0, cap]", () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 12 }), (items) => {
        const { score } = scorecardScore(items);
        if (score === null) return items.every((i) => i.attainment === null);
        return score.gte(0) && score.lte(SCORE_CAP);
      }),
    );
  });

  it("property: the score does not depend on the order of the KPIs", () => {
    fc.assert(
      fc.property(
        fc
          .array(item, { minLength: 1, maxLength: 12 })
          .chain((items) =>
            fc.tuple(
              fc.constant(items),
              fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length }),
            ),
          ),
        ([items, shuffled]) => {
          const a = scorecardScore(items).score;
          const b = scorecardScore(shuffled).score;
          return a === null ? b === null : b !== null && a.eq(b);
        },
      ),
    );
  });
});
