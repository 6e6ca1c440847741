import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { customPeriod, periodContaining } from "@/lib/periods/build-period";
import { addDays } from "@/lib/periods/local-date";
import { type DailyFact, aggregateDailyFacts } from "./aggregate";
import { computeMetrics } from "./compute-metrics";
import { Decimal, formatDecimal } from "./decimal";
import type { MetricValue } from "./metric-definition";
import { DEFAULT_METRIC_SETTINGS, type MetricSettings } from "./metric-settings";

/**
 * SPEC §4.2 "Time-normalised unit economics": LTV, LTV:CAC and payback describe the customer,
 * not the window — a steady business shows the same figures (and the same "LTV ≥ 3 × CAC"
 * verdict) by week, month, February, quarter, year and period to date.
 */

interface SteadyBusiness {
  dealsPerDay: number;
  dealSize: number;
  churnedPerDay: number;
  active: number;
  spendPerDay: number;
  salesCostPerDay: number;
}

/** Every day the same facts; active customers reported as a daily snapshot (a steady base). */
function facts(business: SteadyBusiness, from: string, to: string): DailyFact[] {
  const out: DailyFact[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const day = (measure: string, value: number) => out.push({ date, measure, value: new Decimal(value) });
    day("deals_won", business.dealsPerDay);
    day("revenue", business.dealsPerDay * business.dealSize);
    day("customers_churned", business.churnedPerDay);
    day("customers_active", business.active);
    day("spend", business.spendPerDay);
    day("sales_cost", business.salesCostPerDay);
  }
  return out;
}

const KEYS = ["ltv", "ltv_to_cac", "payback_months", "cac"] as const;

function unitEconomics(
  business: SteadyBusiness,
  from: string,
  to: string,
  settings: MetricSettings = DEFAULT_METRIC_SETTINGS,
) {
  const periodDays = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  return computeMetrics(KEYS, { sums: aggregateDailyFacts(facts(business, from, to)), settings, periodDays });
}

const shown = (v: MetricValue | undefined) => (v?.value ? formatDecimal(v.value) : `null:${v?.reason}`);
const verdict = (v: MetricValue | undefined) => (v?.value ? v.value.gte(3) : null);

/** The windows a person can look through, around `anchor`: week, month, February, quarter, year, to date. */
function windows(anchor: string, partialDays: number): { name: string; from: string; to: string }[] {
  const year = anchor.slice(0, 4);
  const of = (type: "week" | "month" | "quarter" | "year", date = anchor) => {
    const p = periodContaining(type, date, "UTC", 1);
    return { name: `${type} ${p.label}`, from: p.from, to: p.to };
  };
  const month = of("month");
  const partial = customPeriod(month.from, addDays(month.from, partialDays - 1), "UTC", 1);
  return [
    of("week"),
    month,
    of("month", `${year}-02-10`),
    of("quarter"),
    of("year"),
    { name: `to date (${partialDays} days)`, from: partial.from, to: partial.to },
  ];
}

describe("time-normalised unit economics (golden)", () => {
  // The example: every day 2 deals of 1 500, 1 churned of 240 active, 1 200 spend + sales cost.
  const business: SteadyBusiness = {
    dealsPerDay: 2,
    dealSize: 1500,
    churnedPerDay: 1,
    active: 240,
    spendPerDay: 900,
    salesCostPerDay: 300,
  };
  const ltv = new Decimal(1500).times(240).div("30.4375");
  const cac = new Decimal(1200).div(2);

  it("LTV = 1 500 × 240 / 30.4375 by week, month, February, quarter, year and period to date", () => {
    const seen = new Set<string>();
    for (const w of windows("2026-05-14", 6)) {
      const values = unitEconomics(business, w.from, w.to);
      expect(shown(values.get("ltv")), w.name).toBe(formatDecimal(ltv));
      expect(shown(values.get("ltv_to_cac")), w.name).toBe(formatDecimal(ltv.div(cac)));
      // Monthly revenue per customer = 3 000 × 30.4375 / 240; payback = 600 / that.
      expect(shown(values.get("payback_months")), w.name).toBe(
        formatDecimal(cac.times(240).div(new Decimal(3000).times("30.4375"))),
      );
      seen.add(w.name);
    }
    expect(seen.size).toBe(6);
    expect(formatDecimal(ltv.div(cac))).toBe("19.7125256674");
  });

  it("the leap-year February and a 1-day window agree too", () => {
    const feb = unitEconomics(business, "2028-02-01", "2028-02-29");
    const day = unitEconomics(business, "2028-02-29", "2028-02-29");
    expect(shown(feb.get("ltv"))).toBe(formatDecimal(ltv));
    expect(shown(day.get("ltv"))).toBe(formatDecimal(ltv));
  });
});

describe("time-normalised unit economics (properties)", () => {
  const steady = fc.record({
    dealsPerDay: fc.integer({ min: 1, max: 50 }),
    dealSize: fc.integer({ min: 1, max: 1_000_000 }),
    churnedPerDay: fc.integer({ min: 0, max: 40 }),
    active: fc.integer({ min: 1, max: 100_000 }),
    spendPerDay: fc.integer({ min: 0, max: 1_000_000 }),
    salesCostPerDay: fc.integer({ min: 0, max: 100_000 }),
  });
  const anchor = fc.integer({ min: 0, max: 3000 }).map((d) => addDays("2020-01-01", d));
  const cap = fc.oneof(fc.constant<number | null>(null), fc.integer({ min: 1, max: 600 }));

  it("LTV, LTV:CAC, payback and the ≥ 3 verdict agree across week / month / February / quarter / year / any partial window", () => {
    let compared = 0;
    fc.assert(
      fc.property(steady, anchor, fc.integer({ min: 1, max: 28 }), cap, (business, date, partialDays, maxLifetime) => {
        const settings = {
          ...DEFAULT_METRIC_SETTINGS,
          maxCustomerLifetimeMonths: maxLifetime === null ? null : new Decimal(maxLifetime),
        };
        const all = windows(date, partialDays).map((w) => ({
          w,
          values: unitEconomics(business, w.from, w.to, settings),
        }));
        const [first, ...rest] = all;
        for (const { w, values } of rest) {
          for (const key of KEYS) expect(shown(values.get(key)), `${key} ${w.name}`).toBe(shown(first.values.get(key)));
          expect(verdict(values.get("ltv_to_cac"))).toBe(verdict(first.values.get("ltv_to_cac")));
          compared++;
        }
      }),
      { numRuns: 40 },
    );
    expect(compared).toBe(40 * 5);
  });
});
