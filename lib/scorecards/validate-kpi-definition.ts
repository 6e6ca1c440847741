import type { KpiValidationError } from "@/lib/scorecards/kpi-validation-error";
import type { KpiDefinition } from "@/lib/scorecards/types";

/** Stable slug: lowercase segments of [a-z0-9_], joined by dots, e.g. `smm.social_qualified_leads`. */
const KEY_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;

/**
 * Validates one KPI definition on its own (the tree is `validateKpiTree`'s job):
 * a slug key, weight > 0, thresholds with 0 < atRisk ≤ onTrack, and for range KPIs
 * bounds with 0 ≤ min ≤ max. Returns every error found; an empty list means valid.
 */
export function validateKpiDefinition(kpi: KpiDefinition): KpiValidationError[] {
  const errors: KpiValidationError[] = [];
  const kpiKey = kpi.key;

  if (!KEY_PATTERN.test(kpi.key)) {
    errors.push({
      code: "KEY_INVALID",
      kpiKey,
      field: "key",
      message: `KPI key "${kpi.key}" is not a slug (a-z, 0-9, _ and dots)`,
    });
  }

  // A zero weight would silently drop the KPI from the score while still showing it.
  if (!kpi.weight.isFinite() || !kpi.weight.gt(0)) {
    errors.push({
      code: "WEIGHT_NOT_POSITIVE",
      kpiKey,
      field: "weight",
      message: `weight must be > 0, got ${kpi.weight.toString()}`,
    });
  }

  const { onTrack, atRisk } = kpi.thresholds;
  if (!atRisk.gt(0)) {
    errors.push({
      code: "THRESHOLD_NOT_POSITIVE",
      kpiKey,
      field: "thresholds.atRisk",
      message: `at-risk threshold must be > 0, got ${atRisk.toString()}`,
    });
  }
  // Out of order, the at-risk band would be empty *and* every KPI above onTrack but
  // below atRisk would be "on track" — statuses would contradict each other.
  if (atRisk.gt(onTrack)) {
    errors.push({
      code: "THRESHOLDS_OUT_OF_ORDER",
      kpiKey,
      field: "thresholds",
      message: `at-risk threshold (${atRisk.toString()}) must not exceed on-track threshold (${onTrack.toString()})`,
    });
  }

  if (kpi.direction === "range") {
    if (!kpi.range) {
      errors.push({ code: "RANGE_MISSING", kpiKey, field: "range", message: 'a "range" KPI needs min and max bounds' });
    } else {
      if (kpi.range.min.isNegative()) {
        // Range attainment divides by the bounds; negative bounds would flip its meaning.
        errors.push({ code: "RANGE_NEGATIVE", kpiKey, field: "range", message: "range bounds must be ≥ 0" });
      }
      if (kpi.range.min.gt(kpi.range.max)) {
        errors.push({
          code: "RANGE_OUT_OF_ORDER",
          kpiKey,
          field: "range",
          message: `range min (${kpi.range.min.toString()}) must not exceed max (${kpi.range.max.toString()})`,
        });
      }
    }
  }

  return errors;
}
