/**
 * Calendar dates as `YYYY-MM-DD` strings ("local dates": a day on the
 * workspace's wall calendar, with no time and no zone).
 *
 * Why not `Date`: a `Date` is an instant, and `new Date("2026-04-01")` is UTC
 * midnight, which `getDate()` reads as March 31 anywhere west of Greenwich.
 * All arithmetic here is integer arithmetic on a day count (days since
 * 1970-01-01 in the proleptic Gregorian calendar), so no host time zone, DST
 * transition or leap second can shift a date.
 */
export type LocalDate = string;

export interface CivilDate {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Years accepted from the outside; keeps every label and ±1-year shift four-digit. */
export const MIN_YEAR = 1000;
export const MAX_YEAR = 9998;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parses a `YYYY-MM-DD` string that names a real day (no Feb 30) in years 1000–9998; `null` otherwise. */
export function parseLocalDate(text: string): CivilDate | null {
  const match = LOCAL_DATE.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return null;
  }
  return { year, month, day };
}

export function isLocalDate(text: string): boolean {
  return parseLocalDate(text) !== null;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

export function formatLocalDate({ year, month, day }: CivilDate): LocalDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Days since 1970-01-01 (Howard Hinnant's `days_from_civil`, exact for any Gregorian date). */
export function toEpochDay({ year, month, day }: CivilDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The inverse of {@link toEpochDay} (`civil_from_days`). */
export function fromEpochDay(epochDay: number): CivilDate {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function civil(date: LocalDate): CivilDate {
  const parsed = parseLocalDate(date);
  if (parsed) return parsed;
  // Internal helpers may step outside the accepted input years (e.g. the
  // previous period of year 1000); only reject text that is not a date at all.
  const match = LOCAL_DATE.exec(date);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  const value = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (value.month < 1 || value.month > 12 || value.day < 1 || value.day > daysInMonth(value.year, value.month)) {
    throw new RangeError(`Not a calendar date: ${date}`);
  }
  return value;
}

export function localDateToEpochDay(date: LocalDate): number {
  return toEpochDay(civil(date));
}

export function epochDayToLocalDate(epochDay: number): LocalDate {
  return formatLocalDate(fromEpochDay(epochDay));
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return epochDayToLocalDate(localDateToEpochDay(date) + days);
}

/** `to − from` in days (0 when equal, negative when `to` is earlier). */
export function diffDays(from: LocalDate, to: LocalDate): number {
  return localDateToEpochDay(to) - localDateToEpochDay(from);
}

/** Adds calendar months, clamping the day to the target month's length (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const { year, month, day } = civil(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return formatLocalDate({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

/** Adds calendar years; Feb 29 lands on Feb 28 in a common year. */
export function addYears(date: LocalDate, years: number): LocalDate {
  return addMonths(date, years * 12);
}

/** ISO weekday: Monday = 1 … Sunday = 7. */
export function isoWeekday(date: LocalDate): number {
  // 1970-01-01 was a Thursday (4).
  return ((((localDateToEpochDay(date) + 3) % 7) + 7) % 7) + 1;
}

/**
 * ISO 8601 week: weeks start on Monday, and week 1 is the week containing the
 * year's first Thursday — so Dec 29–31 may belong to week 1 of the next year
 * and Jan 1–3 to week 52/53 of the previous one.
 */
export function isoWeek(date: LocalDate): { year: number; week: number } {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = civil(thursday).year;
  const dayOfYear = diffDays(formatLocalDate({ year, month: 1, day: 1 }), thursday);
  return { year, week: Math.floor(dayOfYear / 7) + 1 };
}

/** Monday of ISO week `week` of ISO year `year`. */
export function isoWeekStart(year: number, week: number): LocalDate {
  const jan4 = formatLocalDate({ year, month: 1, day: 4 }); // always in week 1
  return addDays(jan4, 1 - isoWeekday(jan4) + 7 * (week - 1));
}

/** 52 or 53: Dec 28 is always in the last ISO week of its year. */
export function isoWeeksInYear(year: number): number {
  return isoWeek(formatLocalDate({ year, month: 12, day: 28 })).week;
}

export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  // Zero-padded ISO dates sort lexicographically in calendar order.
  return a < b ? -1 : a > b ? 1 : 0;
}

export function yearOf(date: LocalDate): number {
  return civil(date).year;
}

export function monthOf(date: LocalDate): number {
  return civil(date).month;
}

// ---- Helpers folded in from lib/metric-store/calendar-date.ts (issue 11: calendar arithmetic
// lives in lib/periods alone).

/** Days from `from` to `to` inclusive (1 for a single day). */
export function daysInclusive(from: LocalDate, to: LocalDate): number {
  return diffDays(from, to) + 1;
}

export function startOfMonth(date: LocalDate): LocalDate {
  return `${date.slice(0, 7)}-01`;
}

export function endOfMonth(date: LocalDate): LocalDate {
  return `${date.slice(0, 7)}-${pad(daysInMonth(Number(date.slice(0, 4)), Number(date.slice(5, 7))), 2)}`;
}

/** Monday of the ISO week containing `date`. */
export function startOfIsoWeek(date: LocalDate): LocalDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** Today's date in UTC, plus `days` (ingestion's "not in the future" check; zones: localDateInTimeZone). */
export function utcToday(days = 0): LocalDate {
  return addDays(new Date().toISOString().slice(0, 10), days);
}
