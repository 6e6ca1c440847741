import { type Reason, reason, reasonText } from "@/lib/i18n/reasons";
import type { FieldError } from "@/lib/errors/app-error";
import { isCalendarDate, utcToday } from "@/lib/metric-store/calendar-date";
import { type MeasureDefinition, getBaseMeasure } from "@/lib/metrics/measures";

/** A row as sent by a system (SPEC §9.1 MetricRowInput) or produced by the CSV parser. */
export interface MetricRowInput {
  date: string;
  channel: string;
  campaign?: string | null;
  measure: string;
  /** A plain decimal string, e.g. "1234.56". */
  value: string;
}

/** A validated row: trimmed, campaign "" when absent, value a canonical decimal string. */
export interface MetricRow {
  date: string;
  channel: string;
  campaign: string;
  measure: string;
  value: string;
}

export interface ValidateRowsOptions {
  /** Custom base measures of the workspace (catalog measures are always known). */
  customMeasures?: readonly MeasureDefinition[];
  /** Field path of the rows array, for error paths (default ["input", "rows"]). */
  path?: (string | number)[];
  /** Latest date accepted (default: tomorrow in UTC — facts are actuals, a day of slack covers time zones). */
  maxDate?: string;
  /** Stop after this many errors (default 100): a broken file should not produce a megabyte of errors. */
  maxErrors?: number;
}

export const MIN_FACT_DATE = "2000-01-01";
export const MAX_CHANNEL_LENGTH = 100;
export const MAX_CAMPAIGN_LENGTH = 200;
/** Digits either side of the point: far beyond any real figure, and bounded so sums stay exact and cheap. */
const MAX_INTEGER_DIGITS = 18;
const MAX_FRACTION_DIGITS = 10;
const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Validates every row before anything is written (SPEC §7: a batch is all or nothing; errors
 * name the row, column and reason). Rules:
 *
 * - `date`: a calendar date between 2000-01-01 and `maxDate`;
 * - `channel`: 1–100 characters after trimming, no control characters; `campaign`: optional,
 *   ≤ 200 characters (absent or blank = no campaign);
 * - `measure`: a catalog base measure (SPEC §4.1) or one of the workspace's custom measures;
 * - `value`: a plain decimal (≤ 18 integer and ≤ 10 fractional digits); counts must be whole
 *   and not negative; money may be negative (refunds and corrections happen);
 * - duplicates: two rows with the same (date, channel, campaign, measure) in one batch are
 *   rejected, naming both rows — "last one wins" would silently depend on row order, and a
 *   sender that means a sum should send the sum.
 *
 * Returns the normalised rows, or every problem found (up to `maxErrors`).
 */
export function validateMetricRows(
  rows: readonly MetricRowInput[],
  options: ValidateRowsOptions = {},
): { ok: true; rows: MetricRow[] } | { ok: false; errors: FieldError[] } {
  const path = options.path ?? ["input", "rows"];
  const maxErrors = options.maxErrors ?? 100;
  const check = metricRowChecker(options);
  const errors: FieldError[] = [];
  const out: MetricRow[] = new Array(rows.length);
  const firstRowOfKey = new Map<string, number>();
  let index = 0;
  const onProblem = (field: MetricRowField, why: Reason) =>
    void errors.push({ path: [...path, index, field], message: reasonText(why, "en") });

  for (let i = 0; i < rows.length && errors.length < maxErrors; i++) {
    index = i;
    const row = check(rows[i], onProblem);
    if (row === null) continue;
    const key = `${row.date}\u0000${row.channel}\u0000${row.campaign}\u0000${row.measure}`;
    const first = firstRowOfKey.get(key);
    if (first !== undefined) {
      errors.push({
        path: [...path, i],
        message: `Row ${i} repeats row ${first}: same date, channel, campaign and measure in one batch`,
      });
      continue;
    }
    firstRowOfKey.set(key, i);
    out[i] = row;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows: out };
}

export type MetricRowField = "date" | "channel" | "campaign" | "measure" | "value";

/**
 * The per-row rules of {@link validateMetricRows} (everything but duplicates) as a function,
 * for streams that check rows as they come (CSV import: no row array is built). Returns the
 * normalised row, or null after reporting each problem with `onProblem`. Date checks are
 * cached per distinct text (a file has few distinct dates).
 */
export function metricRowChecker(options: Pick<ValidateRowsOptions, "customMeasures" | "maxDate"> = {}) {
  const maxDate = options.maxDate ?? utcToday(1);
  const custom = new Map((options.customMeasures ?? []).map((m) => [m.key, m]));
  const dateProblem = new Map<string, Reason | null>();
  const checkDate = (date: string): Reason | null => {
    let problem = dateProblem.get(date);
    if (problem === undefined) {
      problem = !isCalendarDate(date)
        ? reason("NOT_A_DATE")
        : date < MIN_FACT_DATE || date > maxDate
          ? reason("DATE_OUT_OF_RANGE", { date, min: MIN_FACT_DATE, max: maxDate })
          : null;
      // Bounded: a hostile batch of distinct bad dates cannot grow it without limit.
      if (dateProblem.size >= 10_000) dateProblem.clear();
      dateProblem.set(date, problem);
    }
    return problem;
  };

  // One `at` for all rows (not a closure per row: under esbuild's keepNames — tsx, vitest —
  // each would be wrapped in __name, which profiled as a fifth of a CSV validation pass).
  let ok = true;
  let report: (field: MetricRowField, why: Reason) => void = () => undefined;
  const at = (field: MetricRowField, why: Reason) => {
    ok = false;
    report(field, why);
  };

  return (row: MetricRowInput, onProblem: (field: MetricRowField, why: Reason) => void): MetricRow | null => {
    ok = true;
    report = onProblem;

    const date = typeof row.date === "string" ? row.date : "";
    const dateError = checkDate(date);
    if (dateError) at("date", dateError);

    const channel = typeof row.channel === "string" ? row.channel.trim() : "";
    if (channel.length === 0) at("channel", reason("CHANNEL_EMPTY"));
    else if (channel.length > MAX_CHANNEL_LENGTH) at("channel", reason("TEXT_TOO_LONG", { max: MAX_CHANNEL_LENGTH }));
    else if (CONTROL.test(channel)) at("channel", reason("CONTROL_CHARACTERS"));

    const campaign = typeof row.campaign === "string" ? row.campaign.trim() : "";
    if (campaign.length > MAX_CAMPAIGN_LENGTH) at("campaign", reason("TEXT_TOO_LONG", { max: MAX_CAMPAIGN_LENGTH }));
    else if (CONTROL.test(campaign)) at("campaign", reason("CONTROL_CHARACTERS"));

    const measureKey = typeof row.measure === "string" ? row.measure.trim() : "";
    const measure = getBaseMeasure(measureKey) ?? custom.get(measureKey);
    if (!measure)
      at("measure", measureKey === "" ? reason("MEASURE_EMPTY") : reason("UNKNOWN_MEASURE", { name: measureKey }));

    const value = typeof row.value === "string" ? canonicalDecimal(row.value.trim()) : null;
    if (value === null) {
      at("value", reason("NOT_A_DECIMAL", { value: String(row.value) }));
    } else if (measure?.unit === "count") {
      if (value.startsWith("-")) at("value", reason("NEGATIVE_COUNT", { measure: measure.name }));
      else if (value.includes(".")) at("value", reason("FRACTIONAL_COUNT", { measure: measure.name }));
    }
    return ok ? { date, channel, campaign, measure: measureKey, value: value! } : null;
  };
}

/** "007.50" → "7.5", "-0" → "0"; null when not a plain decimal within the digit limits. */
export function canonicalDecimal(text: string): string | null {
  return isCanonicalDecimal(text) ? text : generalCanonicalDecimal(text);
}

/** {@link canonicalDecimal} without the shortcut for text already canonical (exported for its test). */
export function generalCanonicalDecimal(text: string): string | null {
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const integer = m[2].replace(/^0+(?=\d)/, "");
  const fraction = (m[3] ?? "").replace(/0+$/, "");
  if (integer.length > MAX_INTEGER_DIGITS || (m[3] ?? "").length > MAX_FRACTION_DIGITS) return null;
  const body = fraction ? `${integer}.${fraction}` : integer;
  return m[1] && body !== "0" ? `-${body}` : body;
}

/**
 * True when `text` is already what {@link canonicalDecimal} returns for it: optional "-" (not
 * on zero), digits without a leading zero, optionally "." and digits without a trailing zero,
 * within the digit limits. One scan, no allocation — CSV import values arrive canonical.
 */
function isCanonicalDecimal(text: string): boolean {
  const n = text.length;
  let i = text.charCodeAt(0) === MINUS ? 1 : 0;
  const start = i;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  const integerDigits = i - start;
  if (integerDigits === 0 || integerDigits > MAX_INTEGER_DIGITS) return false;
  if (integerDigits > 1 && text.charCodeAt(start) === ZERO) return false;
  if (i === n) return !(start === 1 && integerDigits === 1 && text.charCodeAt(start) === ZERO);
  if (text.charCodeAt(i) !== DOT) return false;
  const fractionStart = ++i;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  const fractionDigits = i - fractionStart;
  return i === n && fractionDigits > 0 && fractionDigits <= MAX_FRACTION_DIGITS && text.charCodeAt(n - 1) !== ZERO;
}

const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const isDigit = (c: number) => c >= 48 && c <= 57;
