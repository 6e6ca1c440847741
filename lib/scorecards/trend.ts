import type Decimal from "decimal.js";
import type { Direction } from "@/lib/scorecards/types";

export type TrendResult =
  { change: Decimal; reason: null } | { change: null; reason: "NO_ACTUAL" | "NO_PREVIOUS" | "PREVIOUS_ZERO" };

/**
 * Trend vs the previous period — relative change (actual − previous) / |previous|.
 *
 * Divided by the absolute previous value so the sign always means "went up": ROMI from
 * −0.2 to 0.1 is +1.5, not −1.5. Null-safe: a missing value on either side, or a
 * previous value of zero (growth from nothing has no ratio), gives null with a reason.
 */
export function trend(actual: Decimal | null | undefined, previousActual: Decimal | null | undefined): TrendResult {
  if (actual == null) return { change: null, reason: "NO_ACTUAL" };
  if (previousActual == null) return { change: null, reason: "NO_PREVIOUS" };
  if (previousActual.isZero()) return { change: null, reason: "PREVIOUS_ZERO" };
  return { change: actual.minus(previousActual).div(previousActual.abs()), reason: null };
}

export type TrendDirection = "improving" | "worsening" | "flat";

/**
 * Reads a change through the KPI's direction: CAC going up is worsening. Range KPIs
 * get null — whether a move is good depends on which side of the range it started.
 */
export function trendDirection(change: Decimal | null, direction: Direction): TrendDirection | null {
  if (change === null || direction === "range") return null;
  if (change.isZero()) return "flat";
  const wentUp = change.isPositive();
  return wentUp === (direction === "higher") ? "improving" : "worsening";
}
