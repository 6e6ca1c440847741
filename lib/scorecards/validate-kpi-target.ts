import type Decimal from "decimal.js";
import type { KpiValidationError } from "@/lib/scorecards/kpi-validation-error";
import type { KpiDefinition } from "@/lib/scorecards/types";

/**
 * Validates a target for a KPI. Attainment is a ratio (actual / target, or target /
 * actual for lower-is-better), so a higher/lower KPI needs a target > 0: a negative
 * target inverts the meaning (ROMI 0.1 against −0.2 would "attain" −50%) and zero
 * divides by nothing. Range KPIs are judged by their bounds, so their target is free.
 * `null` (no target) is valid: the KPI shows NO_DATA until a target is set.
 */
export function validateKpiTarget(kpi: KpiDefinition, target: Decimal | null): KpiValidationError[] {
  if (target === null || kpi.direction === "range") return [];
  if (target.isNegative()) {
    return [
      {
        code: "TARGET_WRONG_SIGN",
        kpiKey: kpi.key,
        field: "target",
        message: `target of "${kpi.key}" must be positive, got ${target.toString()}`,
      },
    ];
  }
  if (target.isZero()) {
    return [
      { code: "TARGET_ZERO", kpiKey: kpi.key, field: "target", message: `target of "${kpi.key}" must not be zero` },
    ];
  }
  return [];
}
