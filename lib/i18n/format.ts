/**
 * Locale formatting for figures the API returns (SPEC §10). Decimals arrive as strings
 * (`"1234567.89"`); Intl.NumberFormat formats a decimal string exactly (ECMA-402 "intl
 * mathematical value"), so money never goes through a binary float here.
 *
 * ru output uses the locale's own spaces: NBSP (U+00A0) between digit groups and before ₽ / %,
 * e.g. `1 234 567,89 ₽`. Missing values format as an em dash.
 */
export const MISSING = "—";

type Numeric = string | number | bigint | null | undefined;

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The value to hand to Intl: decimal strings stay strings (exact); anything invalid is null. */
function toIntlValue(value: Numeric): string | number | bigint | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return value;
  const trimmed = value.trim();
  return DECIMAL.test(trimmed) ? trimmed : null;
}

// Intl formatters are costly to build (tens of µs each; a scorecard page formats hundreds of
// figures and dates): keep one per (locale, options), for every caller.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function shared<F, O>(
  formats: Map<string, F>,
  create: (locale: string, options: O) => F,
  locale: string,
  options: O,
): F {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = create(locale, options);
    formats.set(key, format);
  }
  return format;
}

/** A shared Intl.NumberFormat for (locale, options). */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return shared(numberFormats, (l, o) => new Intl.NumberFormat(l, o), locale, options);
}

/** A shared Intl.DateTimeFormat for (locale, options). */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return shared(dateFormats, (l, o) => new Intl.DateTimeFormat(l, o), locale, options);
}

function formatWith(value: Numeric, locale: string, options: Intl.NumberFormatOptions): string {
  const v = toIntlValue(value);
  // Intl.NumberFormat#format accepts decimal strings at run time; the DOM typings lag behind.
  return v === null ? MISSING : numberFormat(locale, options).format(v as unknown as number);
}

/** Money in the workspace's currency: `formatMoney("1234567.89", "RUB", "ru")` → `1 234 567,89 ₽`. */
export function formatMoney(
  value: Numeric,
  currency: string,
  locale: string,
  options: { maximumFractionDigits?: number; minimumFractionDigits?: number } = {},
): string {
  return formatWith(value, locale, { style: "currency", currency, ...options });
}

/** A count or plain number: `formatNumber("1234567", "ru")` → `1 234 567`. */
export function formatNumber(value: Numeric, locale: string, options: { maximumFractionDigits?: number } = {}): string {
  return formatWith(value, locale, { maximumFractionDigits: options.maximumFractionDigits ?? 2 });
}

/** A ratio given as a fraction (SPEC §9.1): `formatPercent("0.25", "ru")` → `25 %`; ROMI 2 → `200 %`. */
export function formatPercent(
  ratio: Numeric,
  locale: string,
  options: { maximumFractionDigits?: number } = {},
): string {
  return formatWith(ratio, locale, { style: "percent", maximumFractionDigits: options.maximumFractionDigits ?? 1 });
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A calendar date. `"YYYY-MM-DD"` (the API's Date scalar) is a day, not an instant: it is
 * formatted in UTC so that no time zone shifts it to the previous day.
 */
export function formatDate(
  value: string | Date | null | undefined,
  locale: string,
  options: { style?: "short" | "medium" | "long"; timeZone?: string } = {},
): string {
  if (value === null || value === undefined) return MISSING;
  const isDay = typeof value === "string" && DATE_ONLY.test(value);
  const date = typeof value === "string" ? new Date(isDay ? `${value}T00:00:00Z` : value) : value;
  if (Number.isNaN(date.getTime())) return MISSING;
  return dateTimeFormat(locale, {
    dateStyle: options.style ?? "medium",
    timeZone: isDay ? "UTC" : (options.timeZone ?? "UTC"),
  }).format(date);
}

/** An instant (DateTime scalar, ISO string) in the workspace's time zone. */
export function formatDateTime(value: string | Date | null | undefined, locale: string, timeZone = "UTC"): string {
  if (value === null || value === undefined) return MISSING;
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return MISSING;
  // The zone is always named (SPEC §10: "dates and times show their time zone"): two people in
  // different zones reading the same invitation must not see two unexplained times.
  return dateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
    timeZone,
  }).format(date);
}

/** A month name (fiscal-year start pickers): `formatMonth(4, "ru")` → `апрель`. */
export function formatMonth(month: number, locale: string): string {
  return dateTimeFormat(locale, { month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2024, month - 1, 1)));
}
