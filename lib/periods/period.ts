import type { LocalDate } from "./local-date";

/** SPEC §4.2: "Periods: day, ISO week, month, quarter, year", plus an explicit range. */
export type PeriodType = "day" | "week" | "month" | "quarter" | "year" | "custom";

export const PERIOD_TYPES: readonly PeriodType[] = ["day", "week", "month", "quarter", "year", "custom"];

/**
 * A resolved reporting period. `from` and `to` are inclusive local dates in the
 * workspace time zone; `days` = to − from + 1. The zone and fiscal-year start
 * are kept so that previous / same-period-last-year / pacing need no more input.
 */
export interface Period {
  type: PeriodType;
  from: LocalDate;
  to: LocalDate;
  /**
   * Locale-neutral label: `2026-04-01` (day), `2026-W14` (ISO week-year and
   * week), `2026-04` (month), `2026 Q2` / `2026` for calendar fiscal years,
   * `FY2027 Q1` / `FY2027` otherwise (see `fiscal-year.ts` for the numbering),
   * `2026-04-01 – 2026-04-15` (custom). The UI localizes for display.
   */
  label: string;
  days: number;
  timeZone: string;
  fiscalYearStartMonth: number;
}

export type PeriodErrorCode =
  | "INVALID_PERIOD_TYPE"
  | "INVALID_DATE"
  | "INVALID_TIME_ZONE"
  | "INVALID_FISCAL_YEAR_START"
  | "FROM_AFTER_TO"
  | "RANGE_TOO_LONG";

export interface PeriodError {
  code: PeriodErrorCode;
  /** The input field at fault ("anchor", "from", "to", "timeZone", …). */
  field: string;
  message: string;
}

export type PeriodResult = { ok: true; period: Period } | { ok: false; error: PeriodError };
