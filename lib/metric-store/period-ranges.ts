import { AppError } from "@/lib/errors/app-error";
import { periodContaining } from "@/lib/periods/build-period";
import { samePeriodLastYear } from "@/lib/periods/same-period-last-year";
import { addDays, addMonths, addYears, daysInclusive, endOfMonth, isCalendarDate, startOfIsoWeek, startOfMonth } from "./calendar-date";
import type { DateRange } from "./query-measure-aggregates";

/** Longest range a request may cover (SPEC issue 3: "ranges over 10 years" are bad input). */
export const MAX_RANGE_YEARS = 10;

/**
 * Checks a requested range: calendar dates, `from` ≤ `to`, at most 10 years. Errors name the
 * argument (`path` of from/to, e.g. ["from"]).
 */
export function assertDateRange(range: DateRange, paths: { from: (string | number)[]; to: (string | number)[] } = { from: ["from"], to: ["to"] }): void {
  if (!isCalendarDate(range.from)) throw AppError.badInput(paths.from, `"${range.from}" is not a calendar date YYYY-MM-DD`);
  if (!isCalendarDate(range.to)) throw AppError.badInput(paths.to, `"${range.to}" is not a calendar date YYYY-MM-DD`);
  if (range.from > range.to) throw AppError.badInput(paths.to, `to (${range.to}) is before from (${range.from})`);
  if (range.to >= addYears(range.from, MAX_RANGE_YEARS)) {
    throw AppError.badInput(paths.to, `The range is longer than ${MAX_RANGE_YEARS} years`);
  }
}

/**
 * The period just before `range` (SPEC §4.2 "compared with the previous period"): whole
 * calendar months map to the same number of whole months before (March → February, Q2 →
 * Q1, a year → the year before); any other range to the same number of days just before.
 */
export function previousRange(range: DateRange): DateRange {
  if (range.from === startOfMonth(range.from) && range.to === endOfMonth(range.to)) {
    const months =
      (Number(range.to.slice(0, 4)) - Number(range.from.slice(0, 4))) * 12 +
      Number(range.to.slice(5, 7)) -
      Number(range.from.slice(5, 7)) +
      1;
    return { from: addMonths(range.from, -months), to: addDays(range.from, -1) };
  }
  const days = daysInclusive(range.from, range.to);
  return { from: addDays(range.from, -days), to: addDays(range.from, -1) };
}

/**
 * The same period a year earlier (SPEC §4.2 "the same period last year"): an ISO week maps to
 * the week with the same number (lib/periods samePeriodLastYear: weekday-aligned); other
 * ranges shift by one year, and a range ending on a month's last day ends on that month's
 * last day (29 Feb ↔ 28 Feb).
 */
export function sameRangeLastYear(range: DateRange): DateRange {
  if (range.from === startOfIsoWeek(range.from) && range.to === addDays(range.from, 6)) {
    // Date arithmetic only: the zone does not matter for local dates.
    const week = samePeriodLastYear(periodContaining("week", range.from, "UTC", 1));
    return { from: week.from, to: week.to };
  }
  const to = range.to === endOfMonth(range.to) ? endOfMonth(addYears(startOfMonth(range.to), -1)) : addYears(range.to, -1);
  return { from: addYears(range.from, -1), to };
}
