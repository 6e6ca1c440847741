import { addDays, addMonths, formatLocalDate, type LocalDate, monthOf, yearOf } from "./local-date";

/**
 * Fiscal years and quarters for a workspace whose fiscal year starts on the
 * first day of `startMonth` (1 = January = the calendar year).
 *
 * Numbering: a fiscal year is named after the calendar year in which it
 * **ends** — with an April start, FY2027 runs 2026-04-01 … 2027-03-31. This is
 * the most common corporate and government convention (US federal, UK, Japan's
 * listed companies report "fiscal year ending March 2027", Microsoft, Apple),
 * and it makes a January start coincide with the calendar year (FY2026 = 2026).
 * Quarters count from the fiscal year start: with April, Q1 = Apr–Jun.
 */
export interface FiscalYear {
  /** The fiscal year's number (the calendar year it ends in). */
  fiscalYear: number;
  from: LocalDate;
  to: LocalDate;
}

export function isFiscalYearStartMonth(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 12;
}

/** The fiscal year containing `date`. */
export function fiscalYearOf(date: LocalDate, startMonth: number): FiscalYear {
  const year = yearOf(date);
  const startYear = monthOf(date) >= startMonth ? year : year - 1;
  const from = formatLocalDate({ year: startYear, month: startMonth, day: 1 });
  const to = addDays(addMonths(from, 12), -1);
  return { fiscalYear: yearOf(to), from, to };
}

/** The fiscal quarter (1–4) containing `date`, with its bounds. */
export function fiscalQuarterOf(date: LocalDate, startMonth: number): FiscalYear & { quarter: number } {
  const year = fiscalYearOf(date, startMonth);
  const monthsIntoYear = (monthOf(date) - startMonth + 12) % 12;
  const quarter = Math.floor(monthsIntoYear / 3) + 1;
  const from = addMonths(year.from, (quarter - 1) * 3);
  return { fiscalYear: year.fiscalYear, quarter, from, to: addDays(addMonths(from, 3), -1) };
}

/** "2026" for a calendar fiscal year, "FY2027" otherwise: a bare year would mislead when the year is shifted. */
export function fiscalYearLabel(fiscalYear: number, startMonth: number): string {
  return startMonth === 1 ? String(fiscalYear) : `FY${fiscalYear}`;
}
