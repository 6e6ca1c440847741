import type { HealthCheckCode } from "@/lib/health-checks/health-check-codes";
import type { KpiDefinition, KpiOwner, MetricValues } from "@/lib/scorecards/types";

export type HealthCheckSeverity = "info" | "warning" | "critical";

export interface LocalizedText {
  ru: string;
  en: string;
}

/** One problem found by a health check, as shown on a scorecard and returned by the API. */
export interface HealthCheckFinding {
  code: HealthCheckCode;
  severity: HealthCheckSeverity;
  /** The scorecard the finding belongs to; "COMPANY" for workspace-wide findings. */
  owner: KpiOwner;
  /** KPI keys concerned (may be empty when no KPI measures the metric at fault). */
  kpiKeys: string[];
  /** What was found, with the numbers. */
  message: LocalizedText;
  /** Why it matters: the seed argument, in plain words. */
  rule: LocalizedText;
  /** Seed files the rule comes from. */
  seeds: readonly string[];
}

export interface HealthCheckInput {
  /** All KPIs of the workspace (checks need the tree to see what a KPI drives). */
  kpis: readonly KpiDefinition[];
  /** Current period values, keyed by `scopedMetricKey`. */
  values: MetricValues;
  /** Previous period values over a comparable span; needed by QUANTITY_TRAP only. */
  previousValues?: MetricValues;
  /**
   * Scorecards whose KPI count is checked. Default: every role owning at least one
   * KPI. Pass the roles explicitly to also flag a role with no KPIs at all.
   */
  owners?: readonly KpiOwner[];
  /** Names of the workspace's custom measures and metrics, so messages name them too. */
  metricNames?: ReadonlyMap<string, LocalizedText>;
}
