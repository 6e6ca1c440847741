import {
  addDays,
  addMonths,
  addYears,
  daysInMonth,
  diffDays,
  isoWeek,
  isoWeekday,
  isoWeeksInYear,
  isoWeekStart,
  type LocalDate,
} from "./local-date";

/** An inclusive range of local dates. */
export interface DateRange {
  from: LocalDate;
  to: LocalDate;
}

const startOfMonth = (date: LocalDate): LocalDate => `${date.slice(0, 7)}-01`;
const endOfMonth = (date: LocalDate): LocalDate =>
  `${date.slice(0, 7)}-${String(daysInMonth(Number(date.slice(0, 4)), Number(date.slice(5, 7)))).padStart(2, "0")}`;
const minDate = (a: LocalDate, b: LocalDate) => (a < b ? a : b);

/**
 * The period just before `range` (SPEC §4.2 "compared with the previous period"): whole
 * calendar months map to the same number of whole months before (March → February, Q2 →
 * Q1, a year → the year before); any other range (a week, a day, a custom range) to the
 * same number of days just before.
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
  const days = diffDays(range.from, range.to) + 1;
  return { from: addDays(range.from, -days), to: addDays(range.from, -1) };
}

/**
 * The same period a year earlier (SPEC §4.2 "the same period last year"): an ISO week maps to
 * the week with the same number of the previous ISO year (weekday-aligned; week 53 → 52);
 * other ranges shift by one year, and a range ending on a month's last day ends on that
 * month's last day (29 Feb ↔ 28 Feb).
 */
export function sameRangeLastYear(range: DateRange): DateRange {
  if (isoWeekday(range.from) === 1 && range.to === addDays(range.from, 6)) {
    const { year, week } = isoWeek(range.from);
    const from = isoWeekStart(year - 1, Math.min(week, isoWeeksInYear(year - 1)));
    return { from, to: addDays(from, 6) };
  }
  const to =
    range.to === endOfMonth(range.to) ? endOfMonth(addYears(startOfMonth(range.to), -1)) : addYears(range.to, -1);
  return { from: addYears(range.from, -1), to };
}

/** The windows every comparison of a period reads (see {@link comparisonWindows}). */
export interface ComparisonWindows {
  /** The period as asked for. */
  period: DateRange;
  /** The period so far: `period` clipped to today (the whole period once it is over). */
  current: DateRange;
  /** Days of the period elapsed (today counts); 0 before it starts, all of them after it ends. */
  elapsedDays: number;
  /** True when the period is over: whole is compared with whole. */
  complete: boolean;
  /** The previous period over the same number of elapsed days (the whole one when complete). */
  previous: DateRange;
  /** The same period last year over the same number of elapsed days (the whole one when complete). */
  lastYear: DateRange;
  /** The whole previous period and the whole same period last year. */
  previousWhole: DateRange;
  lastYearWhole: DateRange;
}

/**
 * THE comparison rule of SPEC §4.2 "Comparisons", used by scorecards, metric pages, the
 * marketing–sales view, the KPI tree and the API: while a period is in progress, the period
 * to date (its first day through today, today counted as elapsed) is set against the same
 * number of elapsed days of the previous period and of the same period last year; a whole
 * previous period is compared only with a whole period. Before the period starts nothing
 * has elapsed: the windows are empty ranges ending the day before each start (`to` < `from`),
 * which read no data.
 *
 * `today` is the local date in the workspace's time zone.
 */
export function comparisonWindows(asked: DateRange, today: LocalDate): ComparisonWindows {
  const period: DateRange = { from: asked.from, to: asked.to };
  const previousWhole = previousRange(period);
  const lastYearWhole = sameRangeLastYear(period);
  const days = diffDays(period.from, period.to) + 1;
  const elapsedDays = today < period.from ? 0 : today >= period.to ? days : diffDays(period.from, today) + 1;
  const complete = elapsedDays === days;
  const toDate = (whole: DateRange): DateRange =>
    complete ? whole : { from: whole.from, to: minDate(addDays(whole.from, elapsedDays - 1), whole.to) };
  return {
    period,
    current: complete ? period : { from: period.from, to: addDays(period.from, elapsedDays - 1) },
    elapsedDays,
    complete,
    previous: toDate(previousWhole),
    lastYear: toDate(lastYearWhole),
    previousWhole,
    lastYearWhole,
  };
}
