import type DecimalJs from "decimal.js";
import { Decimal } from "../metrics/decimal";
import { diffDays, isLocalDate } from "./local-date";
import { localDateInTimeZone } from "./local-date-in-time-zone";
import type { Period } from "./period";

/**
 * Days of `period` elapsed at `now`, counting **today as elapsed**: 0 before
 * the period, `period.days` after it, otherwise (today − from) + 1.
 *
 * Why today counts: pacing compares the actuals so far with
 * `target × elapsed share` (SPEC §5), and the actuals already include today's
 * facts as they are ingested during the day; on the last day of a month the
 * share is exactly 1, so the expected-to-date equals the target; and on the
 * first day the share is 1/days, never 0, so a run-rate forecast
 * (actual / share) never divides by zero inside the period.
 */
export function elapsedDays(period: Period, now: Date, timeZone: string = period.timeZone): number {
  const today = localDateInTimeZone(now, timeZone);
  if (today < period.from) return 0;
  if (today > period.to) return period.days;
  return diffDays(period.from, today) + 1;
}

/**
 * Fraction of `period` elapsed at `now` in the workspace time zone, in [0, 1],
 * exact (a Decimal: 1/3 of a 3-day period is not a rounded float). See
 * {@link elapsedDays} for why today counts as elapsed.
 */
export function elapsedShare(period: Period, now: Date, timeZone: string = period.timeZone): Decimal {
  return new Decimal(elapsedDays(period, now, timeZone)).div(period.days);
}

/**
 * Elapsed share of an inclusive range of local dates — the `elapsedShare` of pacing (SPEC §5):
 * days elapsed / days in the range, counting `asOf` as elapsed; before the range → 0, after
 * it → 1. Dates are already resolved in the workspace's zone and fiscal calendar, so this is
 * pure and DST-proof. Example: asOf 2025-04-15 in April → 15/30 = 0.5.
 *
 * @throws RangeError for a date that is not a real `YYYY-MM-DD` or an end before the start.
 */
export function elapsedShareOfRange(input: { periodStart: string; periodEnd: string; asOf: string }): Decimal {
  for (const field of ["periodStart", "periodEnd", "asOf"] as const) {
    if (!isLocalDate(input[field]))
      throw new RangeError(`${field} must be a real calendar date YYYY-MM-DD, got "${input[field]}"`);
  }
  const total = diffDays(input.periodStart, input.periodEnd) + 1;
  if (total < 1) throw new RangeError("periodEnd is before periodStart");
  const elapsed = Math.min(Math.max(diffDays(input.periodStart, input.asOf) + 1, 0), total);
  return new Decimal(elapsed).div(total);
}

/**
 * Reads an elapsed share given by a caller and rejects anything outside [0, 1]: a share of
 * 1.2 is a bug in the caller's calendar code, not an expected outcome, so it throws rather
 * than silently producing a forecast below the actual.
 */
export function toElapsedShare(value: DecimalJs.Value): Decimal {
  const share = new Decimal(value);
  if (!share.isFinite() || share.isNegative() || share.gt(1)) {
    throw new RangeError(`elapsedShare must be within [0, 1], got ${share.toString()}`);
  }
  return share;
}
