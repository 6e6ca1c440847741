import { fiscalQuarterOf, fiscalYearLabel, fiscalYearOf } from "./fiscal-year";
import { addDays, addMonths, diffDays, isoWeek, isoWeekday, type LocalDate } from "./local-date";
import type { Period, PeriodType } from "./period";

/**
 * The period of `type` that contains `anchor`, without input validation (the
 * callers validate, or derive the anchor from an already valid period).
 */
export function periodContaining(
  type: Exclude<PeriodType, "custom">,
  anchor: LocalDate,
  timeZone: string,
  fiscalYearStartMonth: number,
): Period {
  const make = (from: LocalDate, to: LocalDate, label: string): Period => ({
    type,
    from,
    to,
    label,
    days: diffDays(from, to) + 1,
    timeZone,
    fiscalYearStartMonth,
  });
  switch (type) {
    case "day":
      return make(anchor, anchor, anchor);
    case "week": {
      const monday = addDays(anchor, 1 - isoWeekday(anchor));
      const { year, week } = isoWeek(anchor);
      return make(monday, addDays(monday, 6), `${year}-W${String(week).padStart(2, "0")}`);
    }
    case "month": {
      const from = `${anchor.slice(0, 8)}01`;
      return make(from, addDays(addMonths(from, 1), -1), anchor.slice(0, 7));
    }
    case "quarter": {
      const q = fiscalQuarterOf(anchor, fiscalYearStartMonth);
      return make(q.from, q.to, `${fiscalYearLabel(q.fiscalYear, fiscalYearStartMonth)} Q${q.quarter}`);
    }
    case "year": {
      const y = fiscalYearOf(anchor, fiscalYearStartMonth);
      return make(y.from, y.to, fiscalYearLabel(y.fiscalYear, fiscalYearStartMonth));
    }
  }
}

/** A custom period over an explicit inclusive range (validated by the caller). */
export function customPeriod(from: LocalDate, to: LocalDate, timeZone: string, fiscalYearStartMonth: number): Period {
  return {
    type: "custom",
    from,
    to,
    label: from === to ? from : `${from} – ${to}`,
    days: diffDays(from, to) + 1,
    timeZone,
    fiscalYearStartMonth,
  };
}
