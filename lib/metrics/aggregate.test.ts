import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregateDailyFacts, type DailyFact, mergeAggregates, sqlAggregateFor } from "./aggregate";
import { Decimal } from "./decimal";
import { BASE_MEASURES, getBaseMeasure, type MeasureDefinition } from "./measures";

const fact = (date: string, measure: string, value: string): DailyFact => ({
  date,
  measure,
  value: new Decimal(value),
});

describe("aggregateDailyFacts", () => {
  it("sums flows over all days and channels", () => {
    const sums = aggregateDailyFacts([
      fact("2026-04-01", "spend", "100.10"),
      fact("2026-04-01", "spend", "0.90"), // second channel, same day
      fact("2026-04-15", "spend", "1000"),
      fact("2026-04-30", "clicks", "7"),
    ]);
    // 100.10 + 0.90 + 1000 = 1101
    expect(sums.spend?.toFixed()).toBe("1101");
    expect(sums.clicks?.toFixed()).toBe("7");
  });

  it("takes stock_start from the earliest day with data and stock_end from the latest", () => {
    const sums = aggregateDailyFacts([
      // Facts arrive unordered: the rule must not depend on input order.
      fact("2026-04-20", "customers_active", "130"),
      fact("2026-04-03", "customers_active", "60"), // channel A on the earliest reported day
      fact("2026-04-03", "customers_active", "40"), // channel B, same day → start = 100
      fact("2026-04-10", "followers", "5000"),
      fact("2026-04-28", "followers", "5300"),
      fact("2026-04-28", "followers", "200"), // second account → end = 5500
      fact("2026-04-15", "followers", "9999"), // a middle value is never used
    ]);
    expect(sums.customers_active?.toFixed()).toBe("100");
    expect(sums.followers?.toFixed()).toBe("5500");
  });

  it("leaves measures without data absent (not zero)", () => {
    const sums = aggregateDailyFacts([fact("2026-04-01", "spend", "0")]);
    expect(sums.spend?.toFixed()).toBe("0");
    expect("clicks" in sums).toBe(false);
    expect(sums.followers).toBeUndefined();
  });

  it("aggregates custom measures with their own definitions", () => {
    const trials: MeasureDefinition = {
      key: "trials",
      unit: "count",
      aggregation: "flow",
      name: { ru: "Триалы", en: "Trials" },
    };
    const sums = aggregateDailyFacts(
      [fact("2026-04-01", "trials", "3"), fact("2026-04-02", "trials", "4")],
      [...BASE_MEASURES, trials],
    );
    expect(sums.trials?.toFixed()).toBe("7");
  });

  it("refuses facts of unknown measures instead of guessing", () => {
    expect(() => aggregateDailyFacts([fact("2026-04-01", "mystery", "1")])).toThrow(TypeError);
  });

  it("ten facts of 0.1 sum to exactly 1", () => {
    const facts = Array.from({ length: 10 }, (_, i) =>
      fact(`2026-04-${String(i + 1).padStart(2, "0")}`, "spend", "0.1"),
    );
    expect(aggregateDailyFacts(facts).spend?.toFixed()).toBe("1");
  });
});

// ---- property tests -------------------------------------------------------

const MEASURE_KEYS_UNDER_TEST = ["spend", "clicks", "customers_active", "followers"];

/** Random facts in April 2026 over a mix of flows and stocks, kopeck-precision values. */
const factsArb = fc.array(
  fc.record({
    day: fc.integer({ min: 1, max: 30 }),
    measure: fc.constantFrom(...MEASURE_KEYS_UNDER_TEST),
    kopecks: fc.bigInt({ min: 0n, max: 10n ** 12n }),
  }),
  { maxLength: 80 },
);

const toFacts = (raw: { day: number; measure: string; kopecks: bigint }[]): DailyFact[] =>
  raw.map((r) => ({
    date: `2026-04-${String(r.day).padStart(2, "0")}`,
    measure: r.measure,
    value: new Decimal(r.kopecks.toString()).div(100),
  }));

const asStrings = (sums: Partial<Record<string, Decimal>>) =>
  Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v?.toFixed()]));

describe("aggregation properties", () => {
  it("aggregating any split of days and merging equals aggregating the whole", () => {
    fc.assert(
      fc.property(factsArb, fc.integer({ min: 1, max: 31 }), (raw, splitDay) => {
        const facts = toFacts(raw);
        const boundary = `2026-04-${String(splitDay).padStart(2, "0")}`;
        const earlier = facts.filter((f) => f.date < boundary);
        const later = facts.filter((f) => f.date >= boundary);
        const whole = aggregateDailyFacts(facts);
        const merged = mergeAggregates(aggregateDailyFacts(earlier), aggregateDailyFacts(later));
        expect(asStrings(merged)).toEqual(asStrings(whole));
      }),
      { numRuns: 300 },
    );
  });

  it("a flow is the plain sum of its facts, whatever their order", () => {
    fc.assert(
      fc.property(factsArb, (raw) => {
        const facts = toFacts(raw);
        const spendFacts = facts.filter((f) => f.measure === "spend");
        // Expected by independent integer arithmetic in kopecks.
        const kopecks = raw.filter((r) => r.measure === "spend").reduce((a, r) => a + r.kopecks, 0n);
        const sums = aggregateDailyFacts([...facts].reverse());
        if (spendFacts.length === 0) expect(sums.spend).toBeUndefined();
        else expect(sums.spend?.times(100).toFixed()).toBe(kopecks.toString());
      }),
      { numRuns: 300 },
    );
  });

  it("a stock is the total on one boundary day, never a sum across days", () => {
    fc.assert(
      fc.property(factsArb, (raw) => {
        const facts = toFacts(raw);
        const sums = aggregateDailyFacts(facts);
        for (const key of ["customers_active", "followers"]) {
          const own = raw.filter((r) => r.measure === key);
          if (own.length === 0) {
            expect(sums[key]).toBeUndefined();
            continue;
          }
          const days = own.map((r) => r.day);
          const day = key === "customers_active" ? Math.min(...days) : Math.max(...days);
          const expected = own.filter((r) => r.day === day).reduce((a, r) => a + r.kopecks, 0n);
          expect(sums[key]?.times(100).toFixed()).toBe(expected.toString());
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("sqlAggregateFor", () => {
  it("describes the day filter each aggregation needs", () => {
    expect(sqlAggregateFor(getBaseMeasure("spend")!)).toMatchObject({
      function: "SUM",
      days: "all",
      sql: "SUM(value)",
    });
    expect(sqlAggregateFor(getBaseMeasure("customers_active")!)).toMatchObject({ days: "earliest" });
    expect(sqlAggregateFor(getBaseMeasure("customers_active")!).sql).toContain("MIN(");
    expect(sqlAggregateFor(getBaseMeasure("followers")!)).toMatchObject({ days: "latest" });
    expect(sqlAggregateFor(getBaseMeasure("followers")!).sql).toContain("MAX(");
  });
});
