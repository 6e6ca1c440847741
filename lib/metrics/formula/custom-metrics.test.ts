import { describe, expect, it } from "vitest";
import { Decimal, formatDecimal } from "../decimal";
import type { MeasureDefinition } from "../measures";
import type { MetricInput, MetricValue } from "../metric-definition";
import { DEFAULT_METRIC_SETTINGS } from "../metric-settings";
import { compileCustomMetrics, type CustomMetricSource } from "./compile-custom-metrics";
import { evaluateCustomMetrics } from "./evaluate-custom-metrics";

const trials: MeasureDefinition = {
  key: "trials",
  unit: "count",
  aggregation: "flow",
  name: { ru: "Триалы", en: "Trials" },
};

function errorsByKey(sources: CustomMetricSource[]) {
  const { errors } = compileCustomMetrics(sources, [trials]);
  return Object.fromEntries(
    [...errors].map(([key, list]) => {
      const formula = sources.find((s) => s.key === key)!.formula;
      return [
        key,
        list.map((e) => ({ code: e.code, message: e.message, text: formula.slice(e.position.start, e.position.end) })),
      ];
    }),
  );
}

const show = (value: MetricValue | undefined) =>
  value === undefined ? undefined : value.value === null ? value.reason : formatDecimal(value.value);

describe("compileCustomMetrics", () => {
  it("orders metrics so that dependencies come first and infers units through them", () => {
    const { metrics, errors } = compileCustomMetrics(
      [
        { key: "trial_cost_share", formula: "cost_per_trial / cac" },
        { key: "cost_per_trial", formula: "spend / trials" },
      ],
      [trials],
    );
    expect(errors.size).toBe(0);
    expect(metrics.map((m) => [m.key, m.unit, m.dependsOn])).toEqual([
      ["cost_per_trial", "money", []],
      ["trial_cost_share", "ratio", ["cost_per_trial"]],
    ]);
  });

  it("names the cycle path, positioned at each metric's reference to the next", () => {
    const errors = errorsByKey([
      { key: "a", formula: "b / 2" },
      { key: "b", formula: "leads + c" },
      { key: "c", formula: "prev(a) * 1" },
      { key: "d", formula: "a + 1" }, // not on the cycle, but reads it
    ]);
    expect(errors.a).toEqual([{ code: "CYCLE", message: "Circular reference: a → b → c → a", text: "b" }]);
    expect(errors.b).toEqual([{ code: "CYCLE", message: "Circular reference: b → c → a → b", text: "c" }]);
    expect(errors.c).toEqual([{ code: "CYCLE", message: "Circular reference: c → a → b → c", text: "a" }]);
    expect(errors.d.map((e: { code: string }) => e.code)).toEqual(["INVALID_DEPENDENCY"]);
  });

  it("catches self-reference, including through prev()", () => {
    const errors = errorsByKey([{ key: "growing", formula: "prev(growing) + 1" }]);
    expect(errors.growing).toEqual([
      { code: "CYCLE", message: "Circular reference: growing → growing", text: "growing" },
    ]);
  });

  it("reports a broken dependency at the reference", () => {
    const errors = errorsByKey([
      { key: "broken", formula: "spend +" },
      { key: "user", formula: "broken * 2" },
    ]);
    expect(errors.broken[0].code).toBe("UNEXPECTED_END");
    expect(errors.user).toEqual([
      { code: "INVALID_DEPENDENCY", message: '"broken" has an error of its own', text: "broken" },
    ]);
  });

  it("rejects reserved and duplicate keys, and a declared unit that the formula does not give", () => {
    const errors = errorsByKey([
      { key: "cac", formula: "spend / trials" },
      { key: "trials", formula: "1" },
      { key: "x", formula: "spend / leads", unit: "ratio" },
      { key: "y", formula: "spend / leads", unit: "money" },
    ]);
    expect(errors.cac[0].code).toBe("RESERVED_KEY");
    expect(errors.trials[0].code).toBe("RESERVED_KEY"); // a custom measure key
    expect(errors.x[0].code).toBe("UNIT_MISMATCH");
    expect(errors.y).toBeUndefined();
    expect(
      errorsByKey([
        { key: "dup", formula: "1" },
        { key: "dup", formula: "2" },
      ]).dup[0].code,
    ).toBe("DUPLICATE_KEY");
  });

  it("still resolves a reserved name to the measure in other formulas", () => {
    const { errors, metrics } = compileCustomMetrics([
      { key: "spend", formula: "1" },
      { key: "ok", formula: "spend / leads" },
    ]);
    expect(errors.get("spend")?.[0].code).toBe("RESERVED_KEY");
    expect(metrics.map((m) => m.key)).toEqual(["ok"]);
  });
});

describe("evaluateCustomMetrics", () => {
  const input: MetricInput = {
    sums: {
      spend: new Decimal(300000),
      leads: new Decimal(400),
      deals_won: new Decimal(5),
      trials: new Decimal(60),
      revenue: new Decimal(250000),
    },
    previousSums: {
      spend: new Decimal(200000),
      leads: new Decimal(250),
      deals_won: new Decimal(0),
      trials: new Decimal(40),
    },
    settings: DEFAULT_METRIC_SETTINGS,
    periodDays: 30,
  };

  function evaluate(sources: CustomMetricSource[], metricInput = input) {
    const compilation = compileCustomMetrics(sources, [trials]);
    return evaluateCustomMetrics(compilation, metricInput, [trials]);
  }

  it("evaluates with exact decimals, reading measures, catalog metrics and other custom metrics", () => {
    const values = evaluate([
      { key: "cost_per_trial", formula: "spend / trials" }, // 300,000 / 60 = 5,000
      { key: "trial_to_cac", formula: "cost_per_trial / cac" }, // 5,000 / 60,000 = 1/12
      { key: "lead_growth", formula: "leads / prev(leads) - 1" }, // 400 / 250 − 1 = 0.6
      { key: "romi_again", formula: "(revenue − spend) / spend" }, // −1/6
      { key: "tenth_sum", formula: "0.1+0.1+0.1+0.1+0.1+0.1+0.1+0.1+0.1+0.1" }, // exactly 1
    ]);
    expect(show(values.get("cost_per_trial"))).toBe("5000");
    expect(show(values.get("trial_to_cac"))).toBe("0.0833333333");
    expect(show(values.get("lead_growth"))).toBe("0.6");
    expect(show(values.get("romi_again"))).toBe("-0.1666666667");
    expect(show(values.get("tenth_sum"))).toBe("1");
  });

  it("gives null with a reason on a zero denominator at run time", () => {
    const values = evaluate([
      { key: "prev_cpa", formula: "prev(spend) / prev(deals_won)" },
      { key: "wasted", formula: "spend / (leads - leads)" },
      { key: "reads_bad", formula: "prev_cpa * 2" },
    ]);
    expect(values.get("prev_cpa")).toEqual({ value: null, reason: "ZERO_DENOMINATOR:prev(deals_won)" });
    expect(values.get("wasted")).toEqual({ value: null, reason: "ZERO_DENOMINATOR:(leads-leads)" });
    expect(values.get("reads_bad")).toEqual({ value: null, reason: "ZERO_DENOMINATOR:prev(deals_won)" });
  });

  it("has no previous period without previous sums, nor two periods back", () => {
    const values = evaluate(
      [
        { key: "growth", formula: "leads / prev(leads)" },
        { key: "base", formula: "prev(leads) * 1" },
        { key: "twice", formula: "prev(base)" },
      ],
      { ...input, previousSums: undefined },
    );
    expect(values.get("growth")?.reason).toBe("NO_PREVIOUS_PERIOD");
    expect(values.get("twice")?.reason).toBe("NO_PREVIOUS_PERIOD");
  });

  it("reports NO_DATA when none of the formula's measures has data, and INVALID_FORMULA for broken ones", () => {
    const values = evaluate([
      { key: "email_ctr", formula: "email_clicks / email_sent" },
      { key: "broken", formula: "(" },
    ]);
    expect(values.get("email_ctr")?.reason).toBe("NO_DATA");
    expect(values.get("broken")?.reason).toBe("INVALID_FORMULA");
  });

  it("treats a missing stock as no data, never zero", () => {
    const values = evaluate([{ key: "per_follower", formula: "spend / followers" }]);
    expect(values.get("per_follower")?.reason).toBe("NO_DATA:followers");
  });
});
