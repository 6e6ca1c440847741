import { formatLocalDate, type LocalDate } from "./local-date";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Explicit Gregorian calendar and Latin digits: the host locale must not matter.
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      calendar: "gregory",
      numberingSystem: "latn",
      year: "numeric",
      month: "numeric",
      day: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the runtime's time-zone database knows `timeZone` (an IANA name such as "Europe/Moscow"). */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== "string" || timeZone.length === 0) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The calendar date that an instant falls on in `timeZone` — "today" for a
 * workspace. Uses the IANA database through `Intl`, so DST and historical
 * offset changes are handled by the runtime, and the server's own zone plays
 * no part. Example: 2026-03-31T22:30Z is 2026-04-01 in Europe/Moscow (UTC+3)
 * but 2026-03-31 in America/Los_Angeles (UTC−7).
 *
 * @throws RangeError for an unknown time zone (validate with {@link isValidTimeZone}).
 */
export function localDateInTimeZone(instant: Date, timeZone: string): LocalDate {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return formatLocalDate({ year: get("year"), month: get("month"), day: get("day") });
}
