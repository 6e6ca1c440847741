import { describe, expect, it } from "vitest";
import { Decimal } from "@/lib/metrics/decimal";
import type { KpiRecord } from "./kpi-record";
import { resolveTargets, sumOfPartTargets } from "./resolve-targets";
import type { TargetVersion } from "./target-version";

const Q2 = { from: "2026-04-01", to: "2026-06-30" };
const MONTHS: [string, string][] = [
  ["2026-04-01", "2026-04-30"],
  ["2026-05-01", "2026-05-31"],
  ["2026-06-01", "2026-06-30"],
];

function version(kpiId: string, [periodFrom, periodTo]: [string, string], value: string | null): TargetVersion {
  return {
    id: `${kpiId}-${periodFrom}`,
    kpiId,
    periodFrom,
    periodTo,
    value: value === null ? null : new Decimal(value),
    source: "manual",
    effectiveFrom: new Date("2026-03-01T00:00:00Z"),
    actorUserId: null,
    actorApiKeyId: null,
  };
}

const kpi = (id: string, key: string, metricKey: string, extra: Partial<KpiRecord> = {}) =>
  ({ id, key, metricKey, defaultTarget: null, templateKey: null, ...extra }) as unknown as KpiRecord;

describe("sumOfPartTargets (a quarter from its months)", () => {
  it("adds the months of a flow measure that tile the quarter: 3 000 000 + 3 500 000 + 4 000 000", () => {
    const parts = MONTHS.map((m, i) => version("r", m, ["3000000", "3500000", "4000000"][i]));
    expect(sumOfPartTargets("revenue", Q2, parts)?.toString()).toBe("10500000");
    // Order of the rows does not matter; decimals stay exact.
    expect(
      sumOfPartTargets("spend", Q2, [
        version("s", MONTHS[2], "0.1"),
        version("s", MONTHS[0], "0.2"),
        version("s", MONTHS[1], "0.3"),
      ])?.toString(),
    ).toBe("0.6");
  });

  it("gives nothing when a month is missing, removed (null), overlapping or outside the period", () => {
    expect(sumOfPartTargets("revenue", Q2, [version("r", MONTHS[0], "1"), version("r", MONTHS[2], "1")])).toBeNull();
    expect(
      sumOfPartTargets("revenue", Q2, [
        version("r", MONTHS[0], "1"),
        version("r", MONTHS[1], null),
        version("r", MONTHS[2], "1"),
      ]),
    ).toBeNull();
    expect(
      sumOfPartTargets("revenue", Q2, [
        version("r", MONTHS[0], "1"),
        version("r", ["2026-04-15", "2026-05-31"], "1"),
        version("r", MONTHS[2], "1"),
      ]),
    ).toBeNull();
    expect(
      sumOfPartTargets("revenue", Q2, [
        version("r", MONTHS[0], "1"),
        version("r", MONTHS[1], "1"),
        version("r", ["2026-06-01", "2026-07-31"], "1"),
      ]),
    ).toBeNull();
  });

  it("never adds ratios or stocks: a quarter's CPL is not the sum of three monthly CPLs", () => {
    const parts = MONTHS.map((m) => version("c", m, "1500"));
    expect(sumOfPartTargets("cpl", Q2, parts)).toBeNull();
    expect(sumOfPartTargets("romi", Q2, parts)).toBeNull();
    expect(sumOfPartTargets("followers", Q2, parts)).toBeNull();
  });
});

describe("resolveTargets", () => {
  const revenue = kpi("r", "company.revenue", "revenue", { defaultTarget: new Decimal("1000000") });
  const pipeline = kpi("p", "cmo.pipeline_value", "pipeline_value", { templateKey: "cmo.pipeline_value" });
  const revenueTemplate = kpi("r2", "company.revenue", "revenue", { templateKey: "company.revenue" });
  const monthly = new Map([["r", MONTHS.map((m) => version("r", m, "3000000"))]]);

  it("an explicit quarter target wins over the months, the months over the standing default", () => {
    const explicit = new Map([["r", { ...version("r", [Q2.from, Q2.to], "12000000"), source: "planner" as const }]]);
    expect(resolveTargets([revenue], explicit, monthly, Q2).get("company.revenue")).toMatchObject({
      source: "planner",
    });
    const summed = resolveTargets([revenue], new Map(), monthly, Q2).get("company.revenue")!;
    expect([summed.source, summed.value?.toString()]).toEqual(["sum", "9000000"]);
    const fallback = resolveTargets([revenue], new Map(), new Map(), Q2).get("company.revenue")!;
    expect([fallback.source, fallback.value?.toString()]).toEqual(["default", "1000000"]);
  });

  it("a derived target follows the summed one (pipeline = 3 × revenue)", () => {
    const targets = resolveTargets(
      [revenueTemplate, pipeline],
      new Map(),
      new Map([["r2", MONTHS.map((m) => version("r2", m, "1000000"))]]),
      Q2,
    );
    expect(targets.get("company.revenue")?.value?.toString()).toBe("3000000");
    expect(targets.get("cmo.pipeline_value")).toMatchObject({ source: "derived" });
    expect(targets.get("cmo.pipeline_value")?.value?.toString()).toBe("9000000");
  });
});

describe("targets flow down (SPEC §5)", () => {
  const revenue = kpi("rev", "company.revenue", "revenue", { templateKey: "company.revenue" });
  const pipeline = kpi("pipe", "cmo.pipeline_value", "pipeline_value", { templateKey: "cmo.pipeline_value" });
  const month: [string, string] = ["2026-12-01", "2026-12-31"];

  it("a derived target follows its source; an explicit one does not; a 'derived' version returns it to the derivation", () => {
    const rev = (v: string) => [revenue.id, version(revenue.id, month, v)] as const;
    const follow = resolveTargets([revenue, pipeline], new Map([rev("1000000")])).get("cmo.pipeline_value")!;
    expect(follow).toMatchObject({ source: "derived", derivedFrom: { kpiKey: "company.revenue" } });
    expect(follow.value!.toString()).toBe("3000000");
    expect(
      resolveTargets([revenue, pipeline], new Map([rev("2000000")]))
        .get("cmo.pipeline_value")!
        .value!.toString(),
    ).toBe("6000000");

    const explicit = new Map([rev("2000000"), [pipeline.id, version(pipeline.id, month, "118000000")] as const]);
    expect(resolveTargets([revenue, pipeline], explicit).get("cmo.pipeline_value")).toMatchObject({ source: "manual" });

    const returned = new Map([
      rev("2000000"),
      [pipeline.id, { ...version(pipeline.id, month, null), source: "derived" as const }] as const,
    ]);
    const back = resolveTargets([revenue, pipeline], returned).get("cmo.pipeline_value")!;
    expect(back.source).toBe("derived");
    expect(back.value!.toString()).toBe("6000000");
  });

  it("a custom FLOW measure sums its months like revenue (the catalog's traits with the workspace's definitions)", () => {
    const parts = MONTHS.map((m) => version("p", m, "100"));
    const definitions = {
      customMeasures: [{ key: "podcast_plays", unit: "count" as const, aggregation: "flow" as const }],
      customMetrics: [],
    };
    expect(sumOfPartTargets("podcast_plays", Q2, parts)).toBeNull();
    expect(sumOfPartTargets("podcast_plays", Q2, parts, definitions)?.toString()).toBe("300");
    const stock = {
      customMeasures: [{ key: "podcast_plays", unit: "count" as const, aggregation: "stock_end" as const }],
      customMetrics: [],
    };
    expect(sumOfPartTargets("podcast_plays", Q2, parts, stock)).toBeNull();
  });
});
