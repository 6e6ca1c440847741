import { Decimal } from "../metrics/decimal";
import { diffDays } from "./local-date";
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
