import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HEALTH_CHECK_CODES } from "@/lib/health-checks/health-check-codes";
import { METRIC_CATALOG } from "@/lib/metrics/catalog";
import { BASE_MEASURES } from "@/lib/metrics/measures";
import { TEMPLATES } from "@/lib/scorecards/templates";

/**
 * The method is code, not help text (SPEC §5): the catalog keys of §4.2, the base measures of
 * §4.1, the templates of §5 and the health checks each have one home in lib/, and this test
 * fails when docs/SPEC.md and the code disagree. docs/SPEC.md is the repo's copy of the
 * product spec; when the shared original sits beside the repo it must be identical.
 */
const spec = readFileSync(path.join(process.cwd(), "docs", "SPEC.md"), "utf8");

function section(heading: string): string {
  const start = spec.indexOf(heading);
  expect(start, `section "${heading}" in docs/SPEC.md`).toBeGreaterThanOrEqual(0);
  const next = spec.indexOf("\n#", start + heading.length);
  return spec.slice(start, next === -1 ? undefined : next);
}

function tableRows(text: string): string[][] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("|") && !/^\|\s*-/.test(line))
    .slice(1) // header
    .map((line) =>
      line
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim()),
    );
}

describe("docs/SPEC.md", () => {
  it("is the shared spec, when the shared copy is present", () => {
    const shared = path.join(process.cwd(), "..", "shared", "SPEC.md");
    if (existsSync(shared)) expect(spec).toBe(readFileSync(shared, "utf8"));
    expect(spec.length).toBeGreaterThan(5000);
  });
});

describe("§4.1 base measures", () => {
  const rows = tableRows(section("### 4.1 Base measures"));
  const specMeasures = rows.flatMap(([keys, , kind]) =>
    keys.split(",").map((k) => ({ key: k.trim(), kind: kind.trim() })),
  );

  it("lists exactly the measures of lib/metrics/measures.ts", () => {
    expect(specMeasures.length, "measures parsed from the SPEC table").toBeGreaterThanOrEqual(25);
    expect(new Set(specMeasures.map((m) => m.key))).toEqual(new Set(BASE_MEASURES.map((m) => m.key)));
  });

  it("gives each measure the unit and flow/stock semantics the code uses", () => {
    for (const { key, kind } of specMeasures) {
      const measure = BASE_MEASURES.find((m) => m.key === key)!;
      expect(kind.startsWith(measure.unit), `${key}: SPEC "${kind}" vs unit ${measure.unit}`).toBe(true);
      const aggregation = kind.includes("stock (period start)")
        ? "stock_start"
        : kind.includes("stock (period end)")
          ? "stock_end"
          : "flow";
      expect(measure.aggregation, key).toBe(aggregation);
    }
  });
});

describe("§4.2 derived metrics", () => {
  const rows = tableRows(section("### 4.2 Derived metrics"));
  const specMetrics = rows.flatMap(([keys, , , cls]) =>
    keys.split(",").map((k) => ({ key: k.trim(), cls: cls.trim() })),
  );

  it("has every SPEC key in the catalog, and nothing else but declared extensions", () => {
    expect(specMetrics.length, "metrics parsed from the SPEC table").toBeGreaterThanOrEqual(23);
    const catalogKeys = new Set(METRIC_CATALOG.filter((m) => !m.extension).map((m) => m.key));
    expect(catalogKeys).toEqual(new Set(specMetrics.map((m) => m.key)));
  });

  it("classes each metric as the SPEC does (process or result)", () => {
    for (const { key, cls } of specMetrics) {
      expect(METRIC_CATALOG.find((m) => m.key === key)?.class, key).toBe(cls);
    }
  });
});

/** SPEC §5 names metrics in prose; this is the one dictionary from those names to keys. */
const NAME_TO_KEY: Record<string, string> = {
  revenue: "revenue",
  "new customers": "deals_won",
  CAC: "cac",
  LTV: "ltv",
  "LTV:CAC": "ltv_to_cac",
  ROMI: "romi",
  "pipeline value": "pipeline_value",
  "lead→deal conversion": "lead_to_deal_conversion",
  "qualified leads": "qualified_leads",
  "cost per qualified lead": "cost_per_qualified_lead",
  "ROMI of paid channels": "romi@paid",
  CTR: "ctr",
  CPC: "cpc",
  CPM: "cpm",
  "landing conversion": "landing_conversion",
  "bounce rate": "bounce_rate",
  "qualified leads from social": "qualified_leads@social",
  "engagement rate": "engagement_rate",
  "cost per engagement": "cost_per_engagement",
  "follower growth": "follower_growth",
  reach: "reach",
  "posts published": "posts_published",
  "branded traffic growth": "branded_traffic_growth",
  "content-sourced leads": "leads@content",
  "email click rate": "email_click_rate",
  "content published": "content_published",
  "content views": "content_views",
};

function keysOf(list: string): string[] {
  return list
    .replace(/\([^)]*\)/g, "") // "(3 × revenue target)", "(quality gate: …)"
    .split(",")
    .map((s) => s.trim().replace(/\.$/, ""))
    .filter(Boolean)
    .map((name) => {
      const key = NAME_TO_KEY[name];
      expect(key, `SPEC §5 metric name "${name}" has no key`).toBeDefined();
      return key;
    });
}

describe("§5 default templates", () => {
  const text = section("## 5. KPIs, the KPI tree and scorecards").replace(/\s*\n\s*/g, " ");
  const cases: { id: string; pattern: RegExp }[] = [
    { id: "company", pattern: /Company \(the landing[^)]*\): ([^.]*)\./ },
    { id: "cmo", pattern: /- CMO: ([^-]*?)\. -/ },
    { id: "performance", pattern: /- Performance marketer: (.*?)\. -/ },
    { id: "smm", pattern: /- SMM: (.*?)\. -/ },
    { id: "content", pattern: /- Content: (.*?)\. -/ },
  ];

  it.each(cases)("template $id has the SPEC's KPIs and diagnostics", ({ id, pattern }) => {
    const match = pattern.exec(text);
    expect(match, `SPEC §5 line for ${id}`).not.toBeNull();
    const [kpiPart, diagPart = ""] = match![1].split(/;\s*diagnostics\s*/);
    const template = TEMPLATES.find((t) => t.id === id);
    expect(template, `template ${id}`).toBeDefined();
    const codeKpis = template!.kpis.map((k) => (k.channelScope ? `${k.metricKey}@${k.channelScope}` : k.metricKey));
    expect(new Set(codeKpis)).toEqual(new Set(keysOf(kpiPart)));
    const codeDiagnostics = new Set(template!.kpis.flatMap((k) => k.diagnostics));
    expect(codeDiagnostics).toEqual(new Set(diagPart ? keysOf(diagPart) : []));
  });

  it("gives SALES the marketing–sales view of CAC, LTV and lead→deal conversion", () => {
    expect(text).toContain("SALES lands on the marketing–sales view of CAC, LTV, lead→deal conversion");
    const sales = TEMPLATES.find((t) => t.landingRoles.includes("SALES"));
    expect(new Set(sales!.kpis.map((k) => k.metricKey))).toEqual(new Set(["cac", "ltv", "lead_to_deal_conversion"]));
  });
});

describe("§5 health checks", () => {
  /** Each SPEC sentence of the health-check list, and the code(s) that implement it. */
  const SENTENCES: [string, string[]][] = [
    ["a role with fewer than 3 or more than 5 KPIs", ["ROLE_KPI_COUNT_LOW", "ROLE_KPI_COUNT_HIGH"]],
    ["LTV:CAC below 3", ["LTV_CAC_BELOW_3"]],
    ["lead count up while lead→deal conversion falls (quantity trap)", ["QUANTITY_TRAP"]],
    ["high CTR with near-zero conversion", ["HIGH_CTR_NO_CONVERSION"]],
    ["a process metric used as a KPI", ["PROCESS_METRIC_AS_KPI"]],
    ["a KPI outside the role's zone of control", ["OUTSIDE_ZONE_OF_CONTROL"]],
    ["a KPI not tied to a company target", ["KPI_NOT_TIED_TO_COMPANY_TARGET"]],
    ["a KPI with no data in the period", ["KPI_NO_DATA"]],
  ];

  it("implements every check the SPEC lists, and no unlisted one", () => {
    const text = section("## 5. KPIs, the KPI tree and scorecards").replace(/\s*\n\s*/g, " ");
    for (const [sentence] of SENTENCES) expect(text, sentence).toContain(sentence);
    expect(new Set(HEALTH_CHECK_CODES)).toEqual(new Set(SENTENCES.flatMap(([, codes]) => codes)));
  });
});

describe("§4.2 time-normalised unit economics, comparisons; §5 statuses (issue 11)", () => {
  const metrics = section("### 4.2 Derived metrics");
  const kpis = section("## 5. KPIs");

  it("months are elapsed days ÷ 30.4375 in the SPEC and in the code", async () => {
    const { DAYS_PER_MONTH } = await import("@/lib/metrics/metric-families/unit-economics");
    expect(metrics).toContain("elapsed days ÷ 30.4375");
    expect(DAYS_PER_MONTH.toString()).toBe("30.4375");
  });

  it("the maximum customer lifetime defaults to the SPEC's 60 months", async () => {
    const { DEFAULT_METRIC_SETTINGS } = await import("@/lib/metrics/metric-settings");
    const months = /maximum customer lifetime \(a setting, default (\d+) months\)/.exec(metrics)?.[1];
    expect(months, "the default in SPEC §4.2").toBeDefined();
    expect(DEFAULT_METRIC_SETTINGS.maxCustomerLifetimeMonths?.toString()).toBe(months);
  });

  it("LTV's subscription method divides by the monthly churn rate; churn_rate stays the share lost in the window", async () => {
    expect(metrics).toContain("/ **monthly** churn rate");
    expect(metrics).toContain("`churn_rate` itself stays the share lost within the window");
    const ltv = METRIC_CATALOG.find((m) => m.key === "ltv")!;
    expect(ltv.formula).toContain("monthly churn rate");
    expect(METRIC_CATALOG.find((m) => m.key === "churn_rate")!.formula).toBe("customers_churned / customers_active");
  });

  it("every status the SPEC names exists, NO_TARGET apart from NO_DATA", async () => {
    const { KPI_STATUSES } = await import("@/lib/scorecards/types");
    const named = /\*\*Status\*\*: ([^,]+),/.exec(kpis.replace(/\n\s*/g, " "))?.[1];
    expect(named, "the status list of SPEC §5").toBe("on track / at risk / off track / no data / no target");
    const spoken = named!.split(" / ").map((s) => s.toUpperCase().replace(/ /g, "_"));
    expect([...KPI_STATUSES].sort()).toEqual(spoken.sort());
  });

  it("comparisons: ratios change in percentage points, flows and money in percent", async () => {
    const { changeKindOf } = await import("@/lib/metrics/describe-change");
    expect(metrics).toContain(
      "Changes of ratios are shown in\npercentage points, changes of flows and money in percent",
    );
    expect(changeKindOf({ unit: "ratio", multiple: false })).toBe("points");
    expect(changeKindOf({ unit: "money", multiple: false })).toBe("percent");
    expect(changeKindOf({ unit: "count", multiple: false })).toBe("percent");
    expect(kpis).toContain("Targets flow down.");
  });
});
