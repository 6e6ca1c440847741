import { type Reason, reason } from "@/lib/i18n/reasons";
import { type ImportIssue, issueReason } from "./import-issue";
import type { ResolvedMapping } from "./import-mapping";
import { normalizeHeader } from "./import-mapping";
import { type NumberStyle, parseLocaleNumber } from "./parse-number";
import { convertCell } from "./cell-currency";
import { type ParsedDate, parseCsvDate } from "./parse-date";

/** A fact read from a file, before the metric-row validation (lib/ingestion). */
export interface FactDraft {
  date: string;
  channel: string;
  campaign: string;
  measure: string;
  /** Canonical decimal string. */
  value: string;
  /** File row (header = 1) and 0-based column of the value, for error reports. */
  row: number;
  column: number;
}

export interface ExtractContext {
  mapping: ResolvedMapping;
  headers: readonly string[];
  numberStyle: NumberStyle;
  /** Known measure keys (catalog + the workspace's custom measures). */
  isMeasureKey(key: string): boolean;
  /** Whether a measure is money (converted into the reporting currency; others must carry no currency mark). */
  isMoneyMeasure?(key: string): boolean;
  /** Long layout: a name in the measure column that nothing maps (reported as UNKNOWN_MEASURE). */
  onUnknownMeasure?(name: string, row: number): void;
}

export function columnName(headers: readonly string[], index: number): string {
  const header = headers[index]?.trim();
  return header ? header : `column ${index + 1}`;
}

/**
 * Turns one CSV record into facts: a wide row gives one fact per non-empty measure cell, a
 * long row one fact. Cells are parsed with the file's number style; dates as DD.MM.YYYY or
 * ISO. An empty measure cell in a wide row means "no figure", not zero, and gives no fact.
 * Text cells (channel, campaign) are kept as they are — `=SUM(A1)` is a campaign name here,
 * never a formula.
 */
export function extractFacts(
  ctx: ExtractContext,
  record: readonly string[],
  row: number,
  out: FactDraft[],
  issues: ImportIssue[],
): void {
  const { mapping, headers } = ctx;
  // No closure per record: under esbuild's keepNames (tsx, vitest) every function created
  // per call is wrapped in __name, which cost more than the rest of the row (profiled).
  const before = issues.length;

  const cache = cacheOf(ctx);
  const dateCell = record[mapping.date] ?? "";
  let date = cache.dates.get(dateCell);
  if (date === undefined) {
    date = parseCsvDate(dateCell);
    if (cache.dates.size >= CACHE_LIMIT) cache.dates.clear();
    cache.dates.set(dateCell, date);
  }
  if (!date.ok) pushIssue(issues, headers, record, row, "BAD_DATE", mapping.date, date.reason);
  const channel = mapping.channel === null ? (mapping.defaultChannel ?? "") : (record[mapping.channel] ?? "").trim();
  if (channel === "")
    pushIssue(issues, headers, record, row, "MISSING_CHANNEL", mapping.channel, reason("CHANNEL_EMPTY"));
  const campaign = mapping.campaign === null ? "" : (record[mapping.campaign] ?? "").trim();
  if (issues.length > before || !date.ok) return;

  if (mapping.layout === "long") {
    const name = (record[mapping.measure!] ?? "").trim();
    let measure = cache.measures.get(name);
    if (measure === undefined) {
      const alias = ctx.mapping.aliases.get(normalizeHeader(name));
      measure = alias ?? (ctx.isMeasureKey(name) ? name : null);
      if (cache.measures.size >= CACHE_LIMIT) cache.measures.clear();
      cache.measures.set(name, measure);
    }
    if (measure === "ignore") return;
    if (!measure) {
      ctx.onUnknownMeasure?.(name, row);
      pushIssue(
        issues,
        headers,
        record,
        row,
        "UNKNOWN_MEASURE",
        mapping.measure,
        name === "" ? reason("MEASURE_EMPTY") : reason("UNKNOWN_MEASURE", { name }),
      );
      return;
    }
    const cell = record[mapping.value!] ?? "";
    if (cell.trim() === "") {
      pushIssue(issues, headers, record, row, "MISSING_VALUE", mapping.value, reason("VALUE_EMPTY"));
      return;
    }
    const value = parseLocaleNumber(cell, ctx.numberStyle);
    if (!value.ok) pushIssue(issues, headers, record, row, "BAD_NUMBER", mapping.value, value.reason);
    else {
      const amount = inReportingCurrency(ctx, record, row, measure, value, mapping.value!, issues);
      if (amount !== null)
        out.push({ date: date.value, channel, campaign, measure, value: amount, row, column: mapping.value! });
    }
    return;
  }
  for (const { index, measure } of mapping.measures) {
    const cell = record[index] ?? "";
    if (cell.trim() === "") continue;
    const value = parseLocaleNumber(cell, ctx.numberStyle);
    if (!value.ok) pushIssue(issues, headers, record, row, "BAD_NUMBER", index, value.reason);
    else {
      const amount = inReportingCurrency(ctx, record, row, measure, value, index, issues);
      if (amount !== null)
        out.push({ date: date.value, channel, campaign, measure, value: amount, row, column: index });
    }
  }
}

/**
 * A parsed cell's value in the reporting currency (lib/csv/cell-currency.ts), or null after
 * reporting why not (a mark that disagrees, a currency without a rate, an unknown code in the
 * currency column). Without currency context (no reporting currency given) the value as read.
 */
function inReportingCurrency(
  ctx: ExtractContext,
  record: readonly string[],
  row: number,
  measure: string,
  parsed: { value: string; currency?: string },
  column: number,
  issues: ImportIssue[],
): string | null {
  const { mapping } = ctx;
  if (mapping.currency === null) return parsed.value;
  const currencyCell = mapping.currencyColumn === null ? null : (record[mapping.currencyColumn] ?? "").trim();
  if (parsed.currency === undefined && currencyCell === null && mapping.currency.rate === null) return parsed.value;
  const money = ctx.isMoneyMeasure?.(measure) ?? false;
  // A currency column is read only for money: a row of clicks and spend carries one currency.
  const result = convertCell({
    value: parsed.value,
    mark: parsed.currency,
    column: money ? currencyCell : null,
    money,
    currency: mapping.currency,
  });
  if (result.ok) return result.value;
  pushIssue(
    issues,
    ctx.headers,
    record,
    row,
    result.code,
    result.code === "UNKNOWN_CURRENCY" ? mapping.currencyColumn : column,
    result.reason,
  );
  return null;
}

function pushIssue(
  issues: ImportIssue[],
  headers: readonly string[],
  record: readonly string[],
  row: number,
  code: ImportIssue["code"],
  column: number | null,
  why: Reason,
): void {
  issues.push({
    code,
    row,
    column: column === null ? null : columnName(headers, column),
    value: column === null ? null : (record[column] ?? ""),
    ...issueReason(why),
  });
}

/**
 * Per-mapping caches of the two lookups every row repeats: the date cell's parse and the long
 * layout's measure name (alias, then key). Files have few distinct values of either; the
 * bound keeps a hostile file from growing them.
 */
const CACHE_LIMIT = 10_000;
const caches = new WeakMap<ResolvedMapping, { dates: Map<string, ParsedDate>; measures: Map<string, string | null> }>();
function cacheOf(ctx: ExtractContext) {
  let cache = caches.get(ctx.mapping);
  if (!cache) caches.set(ctx.mapping, (cache = { dates: new Map(), measures: new Map() }));
  return cache;
}
