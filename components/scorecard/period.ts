import { dateTimeFormat } from "@/lib/i18n/format";
import { customPeriod, periodContaining } from "@/lib/periods/build-period";
import { addYears } from "@/lib/periods/local-date";
import { isValidTimeZone, localDateInTimeZone } from "@/lib/periods/local-date-in-time-zone";

/**
 * The period a page shows, from its URL search params (shareable, back-button friendly):
 * `period=month|quarter|custom`, `anchor=YYYY-MM-DD` (any day inside the month/quarter),
 * `from`/`to` for a custom range, `compare=previous|lastYear`. The API resolves the period
 * in the workspace's time zone and fiscal calendar; omitted → the current month there.
 */
export type PeriodKind = "month" | "quarter" | "custom";
export type CompareMode = "previous" | "lastYear";

export interface PeriodInput {
  type: "MONTH" | "QUARTER" | "CUSTOM";
  anchor?: string;
  from?: string;
  to?: string;
}

export interface PeriodParams {
  kind: PeriodKind;
  anchor: string | null;
  from: string | null;
  to: string | null;
  compare: CompareMode;
}

export type SearchParams = Record<string, string | string[] | undefined>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function one(value: string | string[] | undefined): string | null {
  const v = Array.isArray(value) ? value[0] : value;
  return v && v.length > 0 ? v : null;
}

function day(value: string | string[] | undefined): string | null {
  const v = one(value);
  if (!v || !DAY.test(v)) return null;
  return Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? null : v;
}

export function parsePeriodParams(searchParams: SearchParams): PeriodParams {
  const raw = one(searchParams.period);
  let kind: PeriodKind = raw === "quarter" || raw === "custom" ? raw : "month";
  let from = day(searchParams.from);
  let to = day(searchParams.to);
  if (kind === "custom" && (!from || !to)) kind = "month";
  if (from && to && from > to) [from, to] = [to, from];
  return {
    kind,
    anchor: day(searchParams.anchor),
    from,
    to,
    compare: one(searchParams.compare) === "lastYear" ? "lastYear" : "previous",
  };
}

export function toPeriodInput(p: PeriodParams): PeriodInput {
  if (p.kind === "custom" && p.from && p.to) return { type: "CUSTOM", from: p.from, to: p.to };
  const type = p.kind === "quarter" ? "QUARTER" : "MONTH";
  return p.anchor ? { type, anchor: p.anchor } : { type };
}

/** `?period=…` for links that keep the period (and anything else in `extra`). */
export function periodQuery(p: PeriodParams, extra: Record<string, string | null | undefined> = {}): string {
  const q = new URLSearchParams();
  if (p.kind !== "month") q.set("period", p.kind);
  if (p.kind === "custom") {
    if (p.from) q.set("from", p.from);
    if (p.to) q.set("to", p.to);
  } else if (p.anchor) q.set("anchor", p.anchor);
  if (p.compare !== "previous") q.set("compare", p.compare);
  for (const [k, v] of Object.entries(extra)) {
    if (v === null || v === undefined) q.delete(k);
    else q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** Calendar arithmetic lives in lib/periods (issue 11); re-exported for the pages. */
export { addDays } from "@/lib/periods/local-date";

/** The same day a year earlier/later (29 Feb → 28 Feb), for the last-year comparison of a custom range. */
export function shiftYear(isoDay: string, years: number): string {
  return addYears(isoDay, years);
}

/** A period as people say it: "November 2026", "Q3 2026 (Jul – Sep)", "1 Nov – 15 Nov 2026". */
export function formatPeriod(
  period: { type: string; from: string; to: string; label: string },
  locale: string,
): string {
  const from = new Date(`${period.from}T00:00:00Z`);
  const to = new Date(`${period.to}T00:00:00Z`);
  if (period.type === "MONTH") {
    return dateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(from);
  }
  const range = dateTimeFormat(locale, {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).formatRange(from, to);
  if (period.type === "QUARTER") {
    const q = /Q(\d)/.exec(period.label)?.[1];
    return q ? `${locale === "ru" ? `${q}-й квартал` : `Q${q}`} · ${range}` : range;
  }
  return range;
}

/** Today's date in a time zone, "YYYY-MM-DD" (UTC's for a zone the runtime does not know). */
export function todayIn(timeZone: string, now = new Date()): string {
  return localDateInTimeZone(now, isValidTimeZone(timeZone) ? timeZone : "UTC");
}

/**
 * The dates of a period for the metric queries (which take from/to): the month or fiscal
 * quarter containing the anchor (default today in the workspace's time zone), or the custom
 * range — resolved by lib/periods, exactly as the API resolves its PeriodInput.
 */
export function resolvePeriod(
  p: PeriodParams,
  { timeZone, fiscalYearStartMonth }: { timeZone: string; fiscalYearStartMonth: number },
  now = new Date(),
): { type: "MONTH" | "QUARTER" | "CUSTOM"; from: string; to: string; label: string; days: number } {
  if (p.kind === "custom" && p.from && p.to) {
    const c = customPeriod(p.from, p.to, timeZone, fiscalYearStartMonth);
    return { type: "CUSTOM", from: c.from, to: c.to, label: `${p.from}…${p.to}`, days: c.days };
  }
  const anchor = p.anchor ?? todayIn(timeZone, now);
  if (p.kind === "quarter") {
    const q = periodContaining("quarter", anchor, timeZone, fiscalYearStartMonth);
    return { type: "QUARTER", from: q.from, to: q.to, label: `Q${/Q(\d)/.exec(q.label)?.[1] ?? ""}`, days: q.days };
  }
  const m = periodContaining("month", anchor, timeZone, fiscalYearStartMonth);
  return { type: "MONTH", from: m.from, to: m.to, label: m.label, days: m.days };
}
