import { localDateInTimeZone } from "./local-date-in-time-zone";
import type { PeriodResult, PeriodType } from "./period";
import { resolvePeriod } from "./resolve-period";

/**
 * The period of `type` that contains "today" in the workspace time zone — the
 * scorecard's default period. `now` is passed in (not read from the clock) so
 * that callers and tests control time.
 */
export function currentPeriod(
  type: Exclude<PeriodType, "custom">,
  now: Date,
  timeZone: string,
  fiscalYearStartMonth = 1,
): PeriodResult {
  const result = resolvePeriod({ type, anchor: "1970-01-01", timeZone, fiscalYearStartMonth });
  if (!result.ok) return result; // invalid zone or fiscal start: report before using the zone
  if (Number.isNaN(now.getTime())) {
    return { ok: false, error: { code: "INVALID_DATE", field: "now", message: "now is not a valid instant" } };
  }
  return resolvePeriod({ type, anchor: localDateInTimeZone(now, timeZone), timeZone, fiscalYearStartMonth });
}
