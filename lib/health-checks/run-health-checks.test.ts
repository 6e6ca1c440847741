import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { HEALTH_CHECK_CODES, HEALTH_CHECK_RULES } from "@/lib/health-checks/health-check-codes";
import { runHealthChecks } from "@/lib/health-checks/run-health-checks";
import type { HealthCheckInput } from "@/lib/health-checks/types";
import { isInZoneOfControl } from "@/lib/health-checks/zone-of-control";
import { buildDefaultKpis } from "@/lib/scorecards/templates";
import { DEFAULT_THRESHOLDS, type KpiDefinition } from "@/lib/scorecards/types";

const d = (v: Decimal.Value) => new Decimal(v);
const defaults = buildDefaultKpis();

/** A value for every metric the default KPIs read, chosen so that no check fires. */
const healthyValues: Record<string, Decimal> = Object.fromEntries(
  defaults.map((k) => [k.channelScope ? `${k.metricKey}@${k.channelScope}` : k.metricKey, d(1)]),
);
const healthy: Record<string, Decimal> = {
  ...healthyValues,
  ltv_to_cac: d(4),
  ctr: d("0.02"),
  lead_to_deal_conversion: d("0.25"),
};

const kpi = (
  key: string,
  ownerRole: KpiDefinition["ownerRole"],
  metricKey: string,
  parentKey: string | null,
): KpiDefinition => ({
  key,
  metricKey,
  ownerRole,
  periodType: "month",
  direction: "higher",
  thresholds: DEFAULT_THRESHOLDS,
  weight: d(1),
  parentKey,
  diagnostics: [],
});

const codes = (input: HealthCheckInput) => runHealthChecks(input).map((f) => f.code);
const only = (input: HealthCheckInput, code: string) => runHealthChecks(input).filter((f) => f.code === code);

describe("HEALTH_CHECK_CODES", () => {
  it("lists the checks of SPEC §5, each with a severity, a ru/en rule and a seed", () => {
    expect(HEALTH_CHECK_CODES).toEqual([
      "ROLE_KPI_COUNT_LOW",
      "ROLE_KPI_COUNT_HIGH",
      "LTV_CAC_BELOW_3",
      "QUANTITY_TRAP",
      "HIGH_CTR_NO_CONVERSION",
      "PROCESS_METRIC_AS_KPI",
      "OUTSIDE_ZONE_OF_CONTROL",
      "KPI_NOT_TIED_TO_COMPANY_TARGET",
      "KPI_NO_DATA",
    ]);
    for (const code of HEALTH_CHECK_CODES) {
      const rule = HEALTH_CHECK_RULES[code];
      expect(rule.rule.en.length, code).toBeGreaterThan(20);
      expect(rule.rule.ru, code).toMatch(/[а-я]/);
      expect(rule.seeds.length, code).toBeGreaterThan(0);
    }
    expect(HEALTH_CHECK_RULES.LTV_CAC_BELOW_3.rule.en).toBe(
      "LTV must be at least 3 × CAC, otherwise the unit economics don't close.",
    );
  });
});

describe("runHealthChecks on the default templates with healthy data", () => {
  it("raises nothing above info: the only notes are the process metrics the SPEC templates use as KPIs", () => {
    const findings = runHealthChecks({ kpis: defaults, values: healthy, previousValues: healthy });
    expect(findings.every((f) => f.severity === "info")).toBe(true);
    expect(findings.every((f) => f.code === "PROCESS_METRIC_AS_KPI")).toBe(true);
    expect(findings.flatMap((f) => f.kpiKeys)).toEqual([
      "smm.engagement_rate",
      "smm.cost_per_engagement",
      "content.landing_conversion",
      "content.email_click_rate",
    ]);
  });
});

describe("ROLE_KPI_COUNT_LOW / HIGH", () => {
  const root = kpi("company.revenue", "COMPANY", "revenue", null);
  const smm = (n: number) => Array.from({ length: n }, (_, i) => kpi(`smm.k${i}`, "SMM", "reach", "company.revenue"));

  it("fires below 3 and above 5, not at 3 or 5", () => {
    expect(only({ kpis: [root, ...smm(2)], values: {} }, "ROLE_KPI_COUNT_LOW")).toMatchObject([
      { owner: "SMM", severity: "warning", kpiKeys: ["smm.k0", "smm.k1"] },
    ]);
    expect(only({ kpis: [root, ...smm(6)], values: {} }, "ROLE_KPI_COUNT_HIGH")).toHaveLength(1);
    expect(codes({ kpis: [root, ...smm(3)], values: {} })).not.toContain("ROLE_KPI_COUNT_LOW");
    expect(codes({ kpis: [root, ...smm(5)], values: {} })).not.toContain("ROLE_KPI_COUNT_HIGH");
  });

  it("does not count the company view, and flags an explicitly listed role with no KPIs", () => {
    expect(codes({ kpis: [root], values: {} })).not.toContain("ROLE_KPI_COUNT_LOW");
    expect(only({ kpis: [root], values: {}, owners: ["CONTENT"] }, "ROLE_KPI_COUNT_LOW")).toMatchObject([
      { owner: "CONTENT", kpiKeys: [] },
    ]);
  });
});

describe("LTV_CAC_BELOW_3", () => {
  it("fires as critical below 3 and names the unit-economics KPIs", () => {
    const [finding] = only({ kpis: defaults, values: { ...healthy, ltv_to_cac: d("2.5") } }, "LTV_CAC_BELOW_3");
    expect(finding).toMatchObject({ severity: "critical", owner: "COMPANY" });
    expect(finding.kpiKeys).toEqual([
      "company.cac",
      "company.ltv_to_cac",
      "sales.cac",
      "sales.ltv",
      "cmo.cac",
      "cmo.ltv_to_cac",
    ]);
    expect(finding.message.en).toContain("2.5");
    expect(finding.message.ru).toContain("2,5");
  });

  it("does not fire at exactly 3, or without data", () => {
    expect(codes({ kpis: defaults, values: { ...healthy, ltv_to_cac: d(3) } })).not.toContain("LTV_CAC_BELOW_3");
    expect(codes({ kpis: defaults, values: {} })).not.toContain("LTV_CAC_BELOW_3");
  });

  it("computes the ratio from LTV and CAC when the ratio itself is missing", () => {
    // 120 000 / 60 000 = 2 < 3
    expect(codes({ kpis: [], values: { ltv: d(120_000), cac: d(60_000) } })).toContain("LTV_CAC_BELOW_3");
    // 200 000 / 50 000 = 4 ≥ 3
    expect(codes({ kpis: [], values: { ltv: d(200_000), cac: d(50_000) } })).not.toContain("LTV_CAC_BELOW_3");
  });
});

describe("QUANTITY_TRAP", () => {
  const previous = { leads: d(300), qualified_leads: d(100), lead_to_deal_conversion: d("0.2") };

  it("fires when lead count rises while lead→deal conversion falls", () => {
    const findings = only(
      {
        kpis: defaults,
        values: { leads: d(400), qualified_leads: d(100), lead_to_deal_conversion: d("0.0125") },
        previousValues: previous,
      },
      "QUANTITY_TRAP",
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ owner: "COMPANY", severity: "warning" });
    expect(findings[0].message.en).toBe("Leads rose from 300 to 400 while lead→deal conversion fell from 20% to 1.3%.");
    expect(findings[0].kpiKeys).toContain("performance.lead_to_deal_conversion");
  });

  it("fires for a lead KPI in its own scope and names the KPI and its owner", () => {
    const findings = only(
      {
        kpis: defaults,
        values: { "qualified_leads@social": d(60), lead_to_deal_conversion: d("0.1") },
        previousValues: { "qualified_leads@social": d(40), lead_to_deal_conversion: d("0.2") },
      },
      "QUANTITY_TRAP",
    );
    expect(findings).toMatchObject([{ owner: "SMM", kpiKeys: expect.arrayContaining(["smm.social_qualified_leads"]) }]);
  });

  it("does not fire when conversion holds, when leads fall, or without a previous period", () => {
    const base = { kpis: defaults, previousValues: previous };
    expect(codes({ ...base, values: { leads: d(400), lead_to_deal_conversion: d("0.2") } })).not.toContain(
      "QUANTITY_TRAP",
    );
    expect(codes({ ...base, values: { leads: d(200), lead_to_deal_conversion: d("0.1") } })).not.toContain(
      "QUANTITY_TRAP",
    );
    expect(codes({ kpis: defaults, values: { leads: d(400), lead_to_deal_conversion: d("0.1") } })).not.toContain(
      "QUANTITY_TRAP",
    );
  });
});

describe("HIGH_CTR_NO_CONVERSION", () => {
  it("fires on CTR 5% with clicks that don't become leads", () => {
    const [finding] = only(
      { kpis: defaults, values: { ctr: d("0.05"), landing_conversion: d("0.002") } },
      "HIGH_CTR_NO_CONVERSION",
    );
    expect(finding.message.en).toBe("CTR is 5%, but landing conversion is 0.2%.");
    expect(finding.kpiKeys).toEqual(["performance.qualified_leads", "performance.cost_per_qualified_lead"]);
  });

  it("fires on leads that never become deals", () => {
    expect(
      codes({
        kpis: defaults,
        values: { ctr: d("0.08"), landing_conversion: d("0.04"), lead_to_deal_conversion: d(0) },
      }),
    ).toContain("HIGH_CTR_NO_CONVERSION");
  });

  it("checks the social scope of the SMM KPI too", () => {
    const findings = only(
      { kpis: defaults, values: { "ctr@social": d("0.07"), "landing_conversion@social": d(0) } },
      "HIGH_CTR_NO_CONVERSION",
    );
    expect(findings).toMatchObject([{ kpiKeys: ["smm.social_qualified_leads"] }]);
    expect(findings[0].message.en).toContain("CTR (social) is 7%");
  });

  it("does not fire on a modest CTR, on healthy conversion, or without conversion data", () => {
    expect(codes({ kpis: defaults, values: { ctr: d("0.049"), landing_conversion: d(0) } })).not.toContain(
      "HIGH_CTR_NO_CONVERSION",
    );
    expect(
      codes({
        kpis: defaults,
        values: { ctr: d("0.09"), landing_conversion: d("0.03"), lead_to_deal_conversion: d("0.2") },
      }),
    ).not.toContain("HIGH_CTR_NO_CONVERSION");
    expect(codes({ kpis: defaults, values: { ctr: d("0.09") } })).not.toContain("HIGH_CTR_NO_CONVERSION");
  });
});

describe("PROCESS_METRIC_AS_KPI", () => {
  const root = kpi("company.revenue", "COMPANY", "revenue", null);

  it("warns about a process KPI tied to nothing, notes one tied to a company target", () => {
    const findings = only(
      {
        kpis: [root, kpi("smm.reach", "SMM", "reach", null), kpi("smm.ctr", "SMM", "ctr", "company.revenue")],
        values: {},
      },
      "PROCESS_METRIC_AS_KPI",
    );
    expect(findings.map((f) => [f.kpiKeys[0], f.severity])).toEqual([
      ["smm.reach", "warning"],
      ["smm.ctr", "info"],
    ]);
  });

  it("does not fire on result KPIs", () => {
    expect(codes({ kpis: [root, kpi("cmo.romi", "CMO", "romi", "company.revenue")], values: {} })).not.toContain(
      "PROCESS_METRIC_AS_KPI",
    );
  });
});

describe("OUTSIDE_ZONE_OF_CONTROL", () => {
  const root = kpi("company.revenue", "COMPANY", "revenue", null);

  it("fires for revenue on SMM", () => {
    expect(
      only(
        { kpis: [root, kpi("smm.revenue", "SMM", "revenue", "company.revenue")], values: {} },
        "OUTSIDE_ZONE_OF_CONTROL",
      ),
    ).toMatchObject([{ owner: "SMM", kpiKeys: ["smm.revenue"], severity: "warning" }]);
  });

  it("does not fire for revenue on SALES or the company, nor for a custom metric", () => {
    const kpis = [
      root,
      kpi("sales.revenue", "SALES", "revenue", "company.revenue"),
      kpi("smm.custom", "SMM", "my_metric", "company.revenue"),
    ];
    expect(codes({ kpis, values: {} })).not.toContain("OUTSIDE_ZONE_OF_CONTROL");
  });

  it("keeps the CMO off revenue (the seed's 10M → 30M pipeline instead)", () => {
    expect(isInZoneOfControl("CMO", "revenue")).toBe(false);
    expect(isInZoneOfControl("CMO", "pipeline_value")).toBe(true);
  });
});

describe("KPI_NOT_TIED_TO_COMPANY_TARGET", () => {
  const root = kpi("company.revenue", "COMPANY", "revenue", null);

  it("fires for a role KPI with no parent, an unknown parent or a loop", () => {
    const kpis = [
      root,
      kpi("smm.a", "SMM", "leads", null),
      kpi("smm.b", "SMM", "leads", "ghost"),
      kpi("smm.c", "SMM", "leads", "smm.d"),
      kpi("smm.d", "SMM", "leads", "smm.c"),
    ];
    expect(only({ kpis, values: {} }, "KPI_NOT_TIED_TO_COMPANY_TARGET").map((f) => f.kpiKeys[0])).toEqual([
      "smm.a",
      "smm.b",
      "smm.c",
      "smm.d",
    ]);
  });

  it("does not fire when the chain reaches a company KPI through another role KPI", () => {
    const kpis = [
      root,
      kpi("cmo.pipeline", "CMO", "pipeline_value", "company.revenue"),
      kpi("perf.leads", "PERFORMANCE", "leads", "cmo.pipeline"),
    ];
    expect(codes({ kpis, values: {} })).not.toContain("KPI_NOT_TIED_TO_COMPANY_TARGET");
  });
});

describe("KPI_NO_DATA", () => {
  it("fires for each KPI without a value in its scope", () => {
    const values = { ...healthy };
    delete values["romi@paid"];
    expect(only({ kpis: defaults, values }, "KPI_NO_DATA")).toMatchObject([
      { kpiKeys: ["performance.paid_romi"], owner: "PERFORMANCE", severity: "warning" },
    ]);
  });

  it("does not fire when every KPI has a value, even a zero", () => {
    expect(codes({ kpis: defaults, values: { ...healthy, leads: d(0) } })).not.toContain("KPI_NO_DATA");
  });
});

describe("ordering", () => {
  it("puts critical findings first", () => {
    const findings = runHealthChecks({ kpis: defaults, values: { ltv_to_cac: d(1) } });
    expect(findings[0].code).toBe("LTV_CAC_BELOW_3");
    const severities = findings.map((f) => f.severity);
    expect(severities).toEqual(
      [...severities].sort(
        (a, b) => ["critical", "warning", "info"].indexOf(a) - ["critical", "warning", "info"].indexOf(b),
      ),
    );
  });
});
