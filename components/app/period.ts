import { dateTimeFormat } from "@/lib/i18n/format";

/** The current calendar month in a time zone, as the API's Date strings. */
export function currentMonth(timeZone: string, now = new Date()): { from: string; to: string } {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = dateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit" }).formatToParts(now);
  } catch {
    parts = dateTimeFormat("en-CA", { timeZone: "UTC", year: "numeric", month: "2-digit" }).formatToParts(now);
  }
  const year = Number(parts.find((p) => p.type === "year")?.value);
  const month = Number(parts.find((p) => p.type === "month")?.value);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const mm = String(month).padStart(2, "0");
  return { from: `${year}-${mm}-01`, to: `${year}-${mm}-${String(lastDay).padStart(2, "0")}` };
}

/** "March 2026" / "март 2026 г." */
export function formatMonthYear(day: string, locale: string): string {
  return dateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}
