import { scopedMetricKey } from "@/lib/scorecards/scoped-metric-key";
import type { KpiDefinition } from "@/lib/scorecards/types";

export interface RequiredMetric {
  metricKey: string;
  channelScope: string | null;
  /** The key the value must be stored under in `MetricValues`. */
  valueKey: string;
}

/**
 * Workspace-wide metrics the health checks read whatever the KPIs are (LTV:CAC, the
 * quantity trap, CTR vs conversion).
 */
const HEALTH_CHECK_METRICS = [
  "ltv_to_cac",
  "ltv",
  "cac",
  "leads",
  "lead_to_deal_conversion",
  "ctr",
  "landing_conversion",
];

/**
 * The metric values the data layer must compute so that `buildScorecard`,
 * `buildKpiTree` and `runHealthChecks` have everything they read: each KPI's metric,
 * its quality-gate metric and its diagnostics in the KPI's channel scope, plus the
 * workspace-wide health-check metrics. Deduplicated, in first-seen order.
 */
export function listRequiredMetrics(kpis: readonly KpiDefinition[]): RequiredMetric[] {
  const required = new Map<string, RequiredMetric>();
  const add = (metricKey: string, channelScope: string | null) => {
    const valueKey = scopedMetricKey(metricKey, channelScope);
    if (!required.has(valueKey)) required.set(valueKey, { metricKey, channelScope, valueKey });
  };
  for (const kpi of kpis) {
    const scope = kpi.channelScope ?? null;
    add(kpi.metricKey, scope);
    if (kpi.qualityGate) add(kpi.qualityGate.metricKey, scope);
    for (const diagnostic of kpi.diagnostics) add(diagnostic, scope);
    if (scope !== null && ["leads", "qualified_leads"].includes(kpi.metricKey)) add("lead_to_deal_conversion", scope);
  }
  for (const metricKey of HEALTH_CHECK_METRICS) add(metricKey, null);
  return [...required.values()];
}
