import { customPeriod, periodContaining } from "./build-period";
import { isFiscalYearStartMonth } from "./fiscal-year";
import { addYears, isLocalDate, type LocalDate } from "./local-date";
import { isValidTimeZone } from "./local-date-in-time-zone";
import { PERIOD_TYPES, type PeriodError, type PeriodResult, type PeriodType } from "./period";

export type ResolvePeriodInput =
  | {
      type: Exclude<PeriodType, "custom">;
      /** Any day inside the wanted period, as a local date. */
      anchor: LocalDate;
      timeZone: string;
      /** 1–12; default 1 (calendar year). */
      fiscalYearStartMonth?: number;
    }
  | {
      type: "custom";
      from: LocalDate;
      to: LocalDate;
      timeZone: string;
      fiscalYearStartMonth?: number;
    };

/** Longest custom range: reports over more than ten years are almost certainly a typo (2062 for 2026). */
export const MAX_PERIOD_YEARS = 10;

/**
 * Resolves a period request to concrete inclusive dates:
 * - `day`: the anchor day;
 * - `week`: the ISO week (Monday–Sunday) containing the anchor;
 * - `month`: the calendar month containing the anchor;
 * - `quarter` / `year`: the fiscal quarter / year containing the anchor, from
 *   the workspace's fiscal-year start month (see `fiscal-year.ts`);
 * - `custom`: `from`…`to` as given; `from` ≤ `to` and the range must be shorter
 *   than ten years (`to` < `from` + 10 years; 2016-01-01…2025-12-31 is allowed).
 *
 * Dates are wall-calendar dates in `timeZone`; the zone is validated and kept
 * on the period for "today" and pacing. Returns a typed error instead of
 * throwing, so transport layers can map it to `BAD_USER_INPUT`.
 */
export function resolvePeriod(input: ResolvePeriodInput): PeriodResult {
  const fail = (code: PeriodError["code"], field: string, message: string): PeriodResult => ({
    ok: false,
    error: { code, field, message },
  });
  if (!PERIOD_TYPES.includes(input.type)) {
    return fail("INVALID_PERIOD_TYPE", "type", `Unknown period type "${String(input.type)}"`);
  }
  if (!isValidTimeZone(input.timeZone)) {
    return fail("INVALID_TIME_ZONE", "timeZone", `Unknown time zone "${String(input.timeZone)}"`);
  }
  const fiscalYearStartMonth = input.fiscalYearStartMonth ?? 1;
  if (!isFiscalYearStartMonth(fiscalYearStartMonth)) {
    return fail("INVALID_FISCAL_YEAR_START", "fiscalYearStartMonth", "The fiscal year start month must be 1–12");
  }
  const invalidDate = (field: string, value: unknown) =>
    fail(
      "INVALID_DATE",
      field,
      `${field} must be a YYYY-MM-DD date between 1000 and 9998, got ${JSON.stringify(value)}`,
    );

  if (input.type === "custom") {
    if (typeof input.from !== "string" || !isLocalDate(input.from)) return invalidDate("from", input.from);
    if (typeof input.to !== "string" || !isLocalDate(input.to)) return invalidDate("to", input.to);
    if (input.from > input.to)
      return fail("FROM_AFTER_TO", "to", `The period ends (${input.to}) before it starts (${input.from})`);
    if (input.to >= addYears(input.from, MAX_PERIOD_YEARS)) {
      return fail("RANGE_TOO_LONG", "to", `A period may be at most ${MAX_PERIOD_YEARS} years long`);
    }
    return { ok: true, period: customPeriod(input.from, input.to, input.timeZone, fiscalYearStartMonth) };
  }
  if (typeof input.anchor !== "string" || !isLocalDate(input.anchor)) return invalidDate("anchor", input.anchor);
  return { ok: true, period: periodContaining(input.type, input.anchor, input.timeZone, fiscalYearStartMonth) };
}
