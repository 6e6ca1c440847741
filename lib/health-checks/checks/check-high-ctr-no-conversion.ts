import Decimal from "decimal.js";
import { createFinding } from "@/lib/health-checks/create-finding";
import { channelScopeLabel, formatPercent } from "@/lib/health-checks/format-for-message";
import type { HealthCheckFinding, HealthCheckInput } from "@/lib/health-checks/types";
import { scopedMetricKey } from "@/lib/scorecards/scoped-metric-key";

/** "CTR 5%" is the seed's example of a number that looks good in a report. */
export const HIGH_CTR = new Decimal("0.05");
/**
 * Conversion at or below 0.5% counts as "near zero": one lead per 200 sessions, or one
 * deal per 200 leads. The seed's loss-making example (400 leads → 5 customers) is 1.25%.
 */
export const NEAR_ZERO_CONVERSION = new Decimal("0.005");

/**
 * HIGH_CTR_NO_CONVERSION — SPEC §5: "high CTR with near-zero conversion". Fires when CTR
 * ≥ 5% while clicks don't become leads (landing conversion ≤ 0.5%) or leads don't become
 * deals (lead→deal ≤ 0.5%). Checked across all channels and in the scope of every KPI
 * that shows CTR; lead→deal falls back to all channels where the scope has none.
 */
export function checkHighCtrNoConversion({ kpis, values }: HealthCheckInput): HealthCheckFinding[] {
  const scopes = new Set<string | null>([null]);
  for (const kpi of kpis) {
    if (kpi.metricKey === "ctr" || kpi.diagnostics.includes("ctr")) scopes.add(kpi.channelScope ?? null);
  }

  const findings: HealthCheckFinding[] = [];
  for (const scope of scopes) {
    const ctr = values[scopedMetricKey("ctr", scope)];
    if (ctr == null || ctr.lt(HIGH_CTR)) continue;
    const landing = values[scopedMetricKey("landing_conversion", scope)] ?? null;
    const leadToDeal =
      values[scopedMetricKey("lead_to_deal_conversion", scope)] ?? values.lead_to_deal_conversion ?? null;
    const failing = [
      landing !== null && landing.lte(NEAR_ZERO_CONVERSION)
        ? { en: "landing conversion", ru: "конверсия посадочной страницы", value: landing }
        : null,
      leadToDeal !== null && leadToDeal.lte(NEAR_ZERO_CONVERSION)
        ? { en: "lead→deal conversion", ru: "конверсия из лида в сделку", value: leadToDeal }
        : null,
    ].filter((x) => x !== null);
    if (failing.length === 0) continue;

    const where = scope ? channelScopeLabel(scope) : null;
    findings.push(
      createFinding("HIGH_CTR_NO_CONVERSION", {
        owner: "COMPANY",
        kpiKeys: kpis
          .filter((k) => (k.channelScope ?? null) === scope && (k.metricKey === "ctr" || k.diagnostics.includes("ctr")))
          .map((k) => k.key),
        message: {
          en: `CTR${where ? ` (${where.en})` : ""} is ${formatPercent(ctr, "en")}, but ${failing.map((f) => `${f.en} is ${formatPercent(f.value, "en")}`).join(" and ")}.`,
          ru: `CTR${where ? ` (${where.ru})` : ""} — ${formatPercent(ctr, "ru")}, но ${failing.map((f) => `${f.ru} — ${formatPercent(f.value, "ru")}`).join(", а ")}.`,
        },
      }),
    );
  }
  return findings;
}
