import { customPeriod, periodContaining } from "./build-period";
import { addYears, isoWeek, isoWeeksInYear, isoWeekStart } from "./local-date";
import type { Period } from "./period";

/**
 * The same period one year earlier — the "vs same period last year" comparison
 * of SPEC §4.2:
 * - day: the same calendar date; Feb 29 compares with Feb 28;
 * - week: the ISO week with the same number in the previous ISO week-year
 *   (weekday-aligned, which matters for weekly seasonality); week 53 compares
 *   with week 52 when the previous year has no week 53;
 * - month, fiscal quarter, fiscal year: the one twelve months earlier;
 * - custom: the same calendar dates a year earlier (Feb 29 → Feb 28), so a
 *   range touching Feb 29 may be one day shorter than the original.
 */
export function samePeriodLastYear(period: Period): Period {
  const { timeZone, fiscalYearStartMonth } = period;
  switch (period.type) {
    case "custom":
      return customPeriod(addYears(period.from, -1), addYears(period.to, -1), timeZone, fiscalYearStartMonth);
    case "week": {
      const { year, week } = isoWeek(period.from);
      const lastYearWeek = Math.min(week, isoWeeksInYear(year - 1));
      return periodContaining("week", isoWeekStart(year - 1, lastYearWeek), timeZone, fiscalYearStartMonth);
    }
    default:
      return periodContaining(period.type, addYears(period.from, -1), timeZone, fiscalYearStartMonth);
  }
}
