import { type Reason, reason } from "@/lib/i18n/reasons";
import { isCalendarDate } from "@/lib/metric-store/calendar-date";

export type ParsedDate = { ok: true; value: string } | { ok: false; reason: Reason };

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?)?$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?: 0?0:00(?::00)?)?$/;
const SLASHED = /^\d{1,2}\/\d{1,2}\/\d{2,4}$/;
const SHORT_YEAR = /^\d{1,2}\.\d{1,2}\.\d{2}$/;

/**
 * A CSV date: ISO `YYYY-MM-DD` or Russian `DD.MM.YYYY` (a midnight time part, as spreadsheets
 * add, is tolerated). Slashed dates (`03/04/2026` is 3 April in Moscow and 4 March in New
 * York) and two-digit years are refused as ambiguous rather than guessed; impossible dates
 * (31.02.2026) are refused too. Returns `YYYY-MM-DD`.
 */
export function parseCsvDate(raw: string): ParsedDate {
  const text = raw.trim();
  if (text === "") return { ok: false, reason: reason("EMPTY_DATE") };
  let y: string, m: string, d: string;
  const iso = ISO.exec(text);
  const dotted = iso ? null : DOTTED.exec(text);
  if (iso) [, y, m, d] = iso;
  else if (dotted) [, d, m, y] = dotted;
  else if (SLASHED.test(text) || SHORT_YEAR.test(text)) {
    return { ok: false, reason: reason("AMBIGUOUS_DATE") };
  } else {
    return { ok: false, reason: reason("NOT_A_DATE") };
  }
  const value = `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
  if (!isCalendarDate(value)) return { ok: false, reason: reason("NO_SUCH_DATE") };
  return { ok: true, value };
}

/** `2026-03-31` → `31.03.2026`, for tests and sample files. */
export function formatRuDate(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}
