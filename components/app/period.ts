import { dateTimeFormat } from "@/lib/i18n/format";

/** "March 2026" / "март 2026 г." */
export function formatMonthYear(day: string, locale: string): string {
  return dateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${day}T00:00:00Z`),
  );
}
