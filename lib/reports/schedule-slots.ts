import { TZDate } from "@date-fns/tz";
import { localDateInTimeZone } from "@/lib/periods/local-date-in-time-zone";

/**
 * When a report schedule fires (pure). A slot is a local calendar date in the workspace's
 * time zone; it fires at `hour` o'clock local time on that date:
 * - WEEKLY: the ISO weekday `weekday` (1 = Monday … 7 = Sunday);
 * - MONTHLY: day `dayOfMonth` (1–28, so that every month has it);
 * - PERIOD_CLOSE: the first day after a month or a fiscal quarter closes.
 * DST is the zone's business: 09:00 stays 09:00 local on both sides of a change.
 */
export type Cadence = "WEEKLY" | "MONTHLY" | "PERIOD_CLOSE";

export interface ScheduleRule {
  cadence: Cadence;
  weekday?: number | null;
  dayOfMonth?: number | null;
  closePeriod?: "month" | "quarter" | null;
  hour: number;
  timeZone: string;
  fiscalYearStartMonth: number;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function matches(rule: ScheduleRule, date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  switch (rule.cadence) {
    case "WEEKLY":
      return ((d.getUTCDay() + 6) % 7) + 1 === rule.weekday;
    case "MONTHLY":
      return d.getUTCDate() === rule.dayOfMonth;
    case "PERIOD_CLOSE": {
      if (d.getUTCDate() !== 1) return false;
      if (rule.closePeriod !== "quarter") return true;
      const month = d.getUTCMonth() + 1;
      return (((month - rule.fiscalYearStartMonth) % 3) + 3) % 3 === 0;
    }
  }
}

/** The instant a slot fires: `hour`:00 local time on `date`. */
export function slotInstant(rule: Pick<ScheduleRule, "hour" | "timeZone">, date: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(new TZDate(y, m - 1, d, rule.hour, 0, 0, rule.timeZone).getTime());
}

/** The first slot that fires strictly after `after`: its local date and instant. */
export function nextSlot(rule: ScheduleRule, after: Date): { slot: string; at: Date } {
  let date = localDateInTimeZone(after, rule.timeZone);
  for (let i = 0; i < 400; i++, date = addDays(date, 1)) {
    if (!matches(rule, date)) continue;
    const at = slotInstant(rule, date);
    if (at.getTime() > after.getTime()) return { slot: date, at };
  }
  throw new Error("no slot within 400 days");
}

/** The slot whose instant is `at` (the one the scheduler is due for). */
export function slotOf(rule: Pick<ScheduleRule, "timeZone">, at: Date): string {
  return localDateInTimeZone(at, rule.timeZone);
}
