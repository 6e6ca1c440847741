import Decimal from "decimal.js";
import type { AttainmentRange, Direction } from "@/lib/scorecards/types";

/**
 * Why an attainment could not be computed. An expected outcome, so a value, not an
 * exception (STYLE §7): the scorecard shows "no data" with the reason.
 */
export type AttainmentReason =
  "NO_ACTUAL" | "NO_TARGET" | "TARGET_ZERO" | "TARGET_NEGATIVE" | "NO_RANGE" | "PERIOD_NOT_STARTED";

export type AttainmentResult = { value: Decimal; reason: null } | { value: null; reason: AttainmentReason };

/**
 * Upper bound of a reported attainment (1000% of target). Only reachable when the
 * denominator is (close to) zero — typically a lower-is-better KPI whose actual fell
 * to zero (no churn this month), where target / actual would be infinite. The score
 * caps far lower anyway (`SCORE_CAP`); this only keeps the number finite and readable.
 */
export const ATTAINMENT_CEILING = new Decimal(10);

const ZERO = new Decimal(0);
const ONE = new Decimal(1);

const none = (reason: AttainmentReason): AttainmentResult => ({ value: null, reason });
const some = (value: Decimal): AttainmentResult => ({
  value: Decimal.min(Decimal.max(value, ZERO), ATTAINMENT_CEILING),
  reason: null,
});

/**
 * Attainment — SPEC §5: "actual / target (inverted for lower-is-better)".
 *
 * - higher: actual / target.
 * - lower: target / actual (CAC 60 000 against a target of 50 000 attains 0.833).
 *   An actual ≤ 0 beats any positive target: it attains `ATTAINMENT_CEILING`.
 * - range: 1 inside [min, max]. Below the range it is actual / min, above it
 *   max / actual — i.e. below the floor it behaves like a higher-is-better KPI
 *   targeting the floor, above the ceiling like a lower-is-better KPI targeting the
 *   ceiling, so it decreases smoothly the further outside the actual goes. `target`
 *   is ignored for ranges.
 *
 * The result is clamped to [0, ATTAINMENT_CEILING]: a loss-making ROMI (−0.4 against
 * a target of 1.0) attains 0, not −40% — the negative figure stays visible in the
 * actual and the variance, but one bad KPI cannot push a weighted score below zero.
 *
 * `null` with a reason when the actual is missing, the target is missing, zero or
 * negative (a ratio against a non-positive target has no meaning), or a range KPI
 * has no range.
 */
export function attainment(
  actual: Decimal | null | undefined,
  target: Decimal | null | undefined,
  direction: Direction,
  range?: AttainmentRange | null,
): AttainmentResult {
  if (actual == null) return none("NO_ACTUAL");

  if (direction === "range") {
    if (!range) return none("NO_RANGE");
    return rangeAttainment(actual, range);
  }

  if (target == null) return none("NO_TARGET");
  if (target.isZero()) return none("TARGET_ZERO");
  if (target.isNegative()) return none("TARGET_NEGATIVE");

  if (direction === "higher") return some(actual.div(target));

  // lower is better
  if (actual.lte(ZERO)) return some(ATTAINMENT_CEILING);
  return some(target.div(actual));
}

function rangeAttainment(actual: Decimal, { min, max }: AttainmentRange): AttainmentResult {
  if (actual.gte(min) && actual.lte(max)) return some(ONE);
  if (actual.lt(min)) return some(min.gt(ZERO) ? actual.div(min) : ZERO);
  // actual > max ≥ 0 here, so actual > 0 and the division is safe.
  return some(max.div(actual));
}
