import type Decimal from "decimal.js";
import { attainment, type AttainmentResult } from "@/lib/scorecards/attainment";
import { toElapsedShare } from "@/lib/periods/elapsed-share";
import { pacing } from "@/lib/scorecards/pacing";
import type { AttainmentRange, Direction, MetricKind } from "@/lib/scorecards/types";

export interface AttainmentToDateInput {
  actual: Decimal | null | undefined;
  target: Decimal | null | undefined;
  direction: Direction;
  range?: AttainmentRange | null;
  kind: MetricKind;
  elapsedShare: Decimal.Value;
}

/**
 * Attainment judged against the pace, not against the full-period target — what the
 * status and the score use mid-period.
 *
 * For flows: attainment(actual, expectedToDate) where expectedToDate = target ×
 * elapsedShare; range bounds are scaled by elapsedShare the same way. On the 15th of a
 * 30-day month, 50 leads against a target of 100 are exactly on pace (attainment 1),
 * whereas actual / target (0.5) would call every flow KPI "off track" until the last
 * day. At elapsedShare 0 nothing can be judged yet: null, PERIOD_NOT_STARTED.
 *
 * For ratios and stocks it is plain attainment: they are compared directly.
 * At elapsedShare 1 both coincide with the period attainment.
 */
export function attainmentToDate(input: AttainmentToDateInput): AttainmentResult {
  const { actual, target, direction, range, kind } = input;
  const share = toElapsedShare(input.elapsedShare);
  if (kind !== "flow") return attainment(actual, target, direction, range);
  if (share.isZero()) {
    // Missing inputs still explain themselves first: "no target" is more useful than "not started".
    const plain = attainment(actual, target, direction, range);
    return plain.value === null ? plain : { value: null, reason: "PERIOD_NOT_STARTED" };
  }

  const { expectedToDate } = pacing({ actual, target, elapsedShare: share, kind });
  const rangeToDate = range ? { min: range.min.times(share), max: range.max.times(share) } : range;
  return attainment(actual, expectedToDate, direction, rangeToDate);
}
