import { AppError } from "@/lib/errors/app-error";
import { addYears, isLocalDate as isCalendarDate } from "@/lib/periods/local-date";
import type { DateRange } from "./query-measure-aggregates";

/** Longest range a request may cover (SPEC issue 3: "ranges over 10 years" are bad input). */
export const MAX_RANGE_YEARS = 10;

/**
 * Checks a requested range: calendar dates, `from` ≤ `to`, at most 10 years. Errors name the
 * argument (`path` of from/to, e.g. ["from"]).
 */
export function assertDateRange(
  range: DateRange,
  paths: { from: (string | number)[]; to: (string | number)[] } = { from: ["from"], to: ["to"] },
): void {
  if (!isCalendarDate(range.from)) throw AppError.badInput(paths.from, "NOT_A_CALENDAR_DATE", { value: range.from });
  if (!isCalendarDate(range.to)) throw AppError.badInput(paths.to, "NOT_A_CALENDAR_DATE", { value: range.to });
  if (range.from > range.to) throw AppError.badInput(paths.to, "RANGE_REVERSED", { from: range.from, to: range.to });
  if (range.to >= addYears(range.from, MAX_RANGE_YEARS)) {
    throw AppError.badInput(paths.to, "RANGE_TOO_LONG", { years: MAX_RANGE_YEARS });
  }
}

// previousRange / sameRangeLastYear live in lib/periods (the one home of calendar rules).
export { previousRange, sameRangeLastYear } from "@/lib/periods/comparison-windows";
