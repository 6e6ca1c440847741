import type { Decimal } from "@/lib/metrics/decimal";
import { type FieldError, fieldError } from "@/lib/errors/app-error";
import { validateKpiTarget } from "@/lib/scorecards/validate-kpi-target";
import type { KpiDefinition } from "@/lib/scorecards/types";
import type { KnownMetric } from "./metric-catalog-lookup";

/**
 * Ratios that are shares of a whole (0.2 = 20%): a target above 1 is almost always a
 * percentage typed as a number ("20" for 20%), the wrong unit (SPEC §9.1: ratios are fractions).
 * ROMI, ROI, LTV:CAC and growth rates are ratios too but may exceed 1.
 */
export const SHARE_METRICS: ReadonlySet<string> = new Set([
  "ctr",
  "landing_conversion",
  "bounce_rate",
  "lead_quality_rate",
  "lead_to_deal_conversion",
  "churn_rate",
  "email_open_rate",
  "email_click_rate",
]);

/**
 * A target's sign and unit for its KPI: the core's rules (positive, non-zero for
 * higher/lower KPIs), shares at most 1, counts whole. Returns field errors at `path`.
 */
export function validateTargetValue(
  kpi: KpiDefinition,
  metric: KnownMetric | undefined,
  value: Decimal | null,
  path: (string | number)[],
): FieldError[] {
  if (value === null) return [];
  const core = validateKpiTarget(kpi, value);
  if (core.length > 0) return core.map((e) => fieldError(path, `KPI_${e.code}`));
  if (SHARE_METRICS.has(kpi.metricKey) && value.gt(1)) {
    return [fieldError(path, "TARGET_SHARE_ABOVE_ONE", { value: value.toNumber() })];
  }
  if (metric?.unit === "count" && metric.source !== "catalog" && !value.isInteger()) {
    return [fieldError(path, "TARGET_COUNT_WHOLE", { value: value.toNumber() })];
  }
  return [];
}
