import type Decimal from "decimal.js";
import { toElapsedShare } from "@/lib/periods/elapsed-share";
import type { MetricKind } from "@/lib/scorecards/types";

export interface PacingInput {
  actual: Decimal | null | undefined;
  target: Decimal | null | undefined;
  /** Share of the period elapsed, in [0, 1] (see `elapsedShare`). */
  elapsedShare: Decimal.Value;
  kind: MetricKind;
}

export interface Pacing {
  /** Where the actual should be by now to finish on target; null without a target. */
  expectedToDate: Decimal | null;
  /** Best estimate of the period-end value; null without an actual or before the period starts. */
  forecast: Decimal | null;
}

/**
 * Pacing — SPEC §5: "for flow metrics: expected-to-date = target × elapsed share of
 * the period, and a run-rate forecast for the period end; ratios are compared directly."
 *
 * - flow: expectedToDate = target × elapsedShare; forecast = actual / elapsedShare
 *   (straight-line run rate; null at elapsedShare 0, where it would divide by zero).
 * - ratio: a month's CTR half-way through is already a CTR, not half of one, so
 *   expectedToDate = target and forecast = actual.
 * - stock (followers at period end, active customers): compared directly like a ratio.
 *   A stock's run rate would need its level at the period start, which a pure pacing
 *   call does not have; the current level is the honest forecast.
 */
export function pacing({ actual, target, elapsedShare, kind }: PacingInput): Pacing {
  const share = toElapsedShare(elapsedShare);
  if (kind !== "flow") {
    return { expectedToDate: target ?? null, forecast: actual ?? null };
  }
  return {
    expectedToDate: target == null ? null : target.times(share),
    forecast: actual == null || share.isZero() ? null : actual.div(share),
  };
}
