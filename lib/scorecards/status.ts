import type Decimal from "decimal.js";
import { attainmentToDate, type AttainmentToDateInput } from "@/lib/scorecards/attainment-to-date";
import type { KpiStatus, StatusThresholds } from "@/lib/scorecards/types";

/**
 * Maps an attainment onto a status with the KPI's thresholds (SPEC §5, "from
 * configurable thresholds"): ≥ onTrack → ON_TRACK, ≥ atRisk → AT_RISK, otherwise
 * OFF_TRACK; no attainment → NO_DATA.
 */
export function classifyAttainment(value: Decimal | null, thresholds: StatusThresholds): KpiStatus {
  if (value === null) return "NO_DATA";
  if (value.gte(thresholds.onTrack)) return "ON_TRACK";
  if (value.gte(thresholds.atRisk)) return "AT_RISK";
  return "OFF_TRACK";
}

/**
 * Status of a KPI — SPEC §5: on track / at risk / off track / no data / no target.
 *
 * Judged on `attainmentToDate`: for flows mid-period that is actual vs expected-to-date
 * (target × elapsed share), so a KPI exactly on pace is ON_TRACK on the 10th; ratios
 * and stocks are judged directly. NO_DATA when there is no actual, no usable target,
 * or the period has not started. (Quality gates are applied by `evaluateKpi`.)
 */
export function status(input: AttainmentToDateInput & { thresholds: StatusThresholds }): KpiStatus {
  const missing = missingStatus(input.actual ?? null, input.target ?? null, input.direction, input.range ?? null);
  return missing ?? classifyAttainment(attainmentToDate(input).value, input.thresholds);
}

/**
 * SPEC §5: NO_DATA when there is no actual; NO_TARGET when there is an actual but nothing to
 * judge it against (no target, and for a range KPI no range either); null when both are there.
 */
export function missingStatus(
  actual: Decimal | null,
  target: Decimal | null,
  direction: string,
  range: unknown,
): "NO_DATA" | "NO_TARGET" | null {
  if (actual === null) return "NO_DATA";
  if (target === null && !(direction === "range" && range)) return "NO_TARGET";
  return null;
}
