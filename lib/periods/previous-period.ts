import { customPeriod, periodContaining } from "./build-period";
import { addDays } from "./local-date";
import type { Period } from "./period";

/**
 * The period immediately before `period`, of the same type — the "vs previous
 * period" comparison of SPEC §4.2. Day → the day before; ISO week → the week
 * before; month, fiscal quarter, fiscal year → the one before; custom → the
 * same number of days ending the day before `from`.
 */
export function previousPeriod(period: Period): Period {
  const dayBefore = addDays(period.from, -1);
  if (period.type === "custom") {
    return customPeriod(addDays(period.from, -period.days), dayBefore, period.timeZone, period.fiscalYearStartMonth);
  }
  // Every non-custom period starts on its own boundary, so the day before
  // `from` lies in the previous period of the same type.
  return periodContaining(period.type, dayBefore, period.timeZone, period.fiscalYearStartMonth);
}
