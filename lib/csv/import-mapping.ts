import { type Reason, reason, reasonText } from "@/lib/i18n/reasons";
import { type ImportCurrency, isCurrencyCode, parseRate } from "./cell-currency";

/**
 * How the columns of a CSV file become facts (SPEC §7).
 *
 * - wide layout: one row per date × channel × campaign, one column per measure
 *   (`Дата;Канал;Расход;Клики`);
 * - long layout: one row per fact (`date,channel,campaign,measure,value`).
 *
 * A mapping assigns every column a target: a dimension (`date`, `channel`, `campaign`, the
 * row's `currency`), in long layout `measure` and `value`, in wide layout a measure key, or
 * `ignore`. Money in a currency other than the workspace's reporting currency needs the
 * import's `currency` and `rate` (SPEC §7, lib/csv/cell-currency.ts).
 */
export const DIMENSION_TARGETS = ["date", "channel", "campaign", "measure", "value", "currency"] as const;
export type DimensionTarget = (typeof DIMENSION_TARGETS)[number];
export const IGNORE = "ignore";

export interface ColumnMapping {
  /** 0-based column index in the file. */
  index: number;
  /** A dimension, a measure key (wide layout) or "ignore". */
  target: string;
}

export interface ImportMapping {
  columns: ColumnMapping[];
  /** Long layout: names in the measure column mapped to measure keys ("Расход" → spend). */
  measureAliases: { value: string; measure: string }[];
  /** Channel for every row when the file has no channel column. */
  defaultChannel: string | null;
  /** ISO 4217 code of the file's money; absent/null = the workspace's reporting currency. */
  currency?: string | null;
  /** One unit of `currency` in the reporting currency (decimal string > 0); required when they differ. */
  rate?: string | null;
}

export type ImportLayout = "wide" | "long";

export function layoutOf(mapping: ImportMapping): ImportLayout {
  return mapping.columns.some((c) => c.target === "measure") ? "long" : "wide";
}

/** A mapping resolved against the header, ready for row conversion. */
export interface ResolvedMapping {
  layout: ImportLayout;
  date: number;
  channel: number | null;
  campaign: number | null;
  measure: number | null;
  value: number | null;
  /** Wide layout: measure columns. */
  measures: { index: number; measure: string }[];
  aliases: Map<string, string>;
  defaultChannel: string | null;
  /** The row's currency column, if mapped. */
  currencyColumn: number | null;
  /** The import's currencies; null when the caller did not name a reporting currency (no checks). */
  currency: ImportCurrency | null;
}

/** A mapping problem: the column (0-based, null for the whole mapping), its reason and the reason's English text. */
export type MappingProblem = { column: number | null; message: string; reason: Reason };

const problem = (column: number | null, r: Reason): MappingProblem => ({
  column,
  message: reasonText(r, "en"),
  reason: r,
});

/**
 * Checks a mapping against the header and the known measure keys; returns the resolved
 * mapping or the problems (each naming the column, 0-based, or null for the whole mapping).
 */
export function resolveMapping(
  mapping: ImportMapping,
  columnCount: number,
  isMeasureKey: (key: string) => boolean,
  options: { reportingCurrency?: string | null } = {},
): { ok: true; mapping: ResolvedMapping } | { ok: false; problems: MappingProblem[] } {
  const problems: MappingProblem[] = [];
  const currency = resolveCurrency(mapping, options.reportingCurrency ?? null, problems);
  const seen = new Map<string, number>();
  const byTarget = new Map<string, number>();
  const measures: { index: number; measure: string }[] = [];
  const indexes = new Set<number>();
  for (const c of mapping.columns) {
    if (!Number.isInteger(c.index) || c.index < 0 || c.index >= columnCount) {
      problems.push(problem(c.index, reason("COLUMN_MISSING", { column: c.index + 1 })));
      continue;
    }
    if (indexes.has(c.index)) {
      problems.push(problem(c.index, reason("COLUMN_MAPPED_TWICE", { column: c.index + 1 })));
      continue;
    }
    indexes.add(c.index);
    const target = c.target.trim();
    if (target === IGNORE) continue;
    const previous = seen.get(target);
    if (previous !== undefined) {
      problems.push(problem(c.index, reason("TARGET_MAPPED_TWICE", { target, column: previous + 1 })));
      continue;
    }
    seen.set(target, c.index);
    if ((DIMENSION_TARGETS as readonly string[]).includes(target)) byTarget.set(target, c.index);
    else if (isMeasureKey(target)) measures.push({ index: c.index, measure: target });
    else problems.push(problem(c.index, reason("UNKNOWN_MEASURE", { name: target })));
  }
  const defaultChannel = mapping.defaultChannel?.trim() || null;
  if (!byTarget.has("date")) problems.push(problem(null, reason("MAP_DATE")));
  if (!byTarget.has("channel") && !defaultChannel) problems.push(problem(null, reason("MAP_CHANNEL")));
  const long = byTarget.has("measure") || byTarget.has("value");
  if (long) {
    if (!byTarget.has("measure")) problems.push(problem(null, reason("MAP_MEASURE_COLUMN")));
    if (!byTarget.has("value")) problems.push(problem(null, reason("MAP_VALUE_COLUMN")));
    if (measures.length > 0) problems.push(problem(measures[0].index, reason("LONG_LAYOUT_EXTRA_MEASURES")));
  } else if (measures.length === 0) {
    problems.push(problem(null, reason("MAP_SOME_MEASURE")));
  }
  const aliases = new Map<string, string>();
  for (const a of mapping.measureAliases) {
    if (a.measure === IGNORE || isMeasureKey(a.measure)) aliases.set(normalizeHeader(a.value), a.measure);
    else
      problems.push(
        problem(
          byTarget.get("measure") ?? null,
          reason("UNKNOWN_ALIAS_MEASURE", { measure: a.measure, name: a.value }),
        ),
      );
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    mapping: {
      layout: long ? "long" : "wide",
      date: byTarget.get("date")!,
      channel: byTarget.get("channel") ?? null,
      campaign: byTarget.get("campaign") ?? null,
      measure: byTarget.get("measure") ?? null,
      value: byTarget.get("value") ?? null,
      measures: measures.sort((a, b) => a.index - b.index),
      aliases,
      defaultChannel,
      currencyColumn: byTarget.get("currency") ?? null,
      currency,
    },
  };
}

/**
 * The import's currencies from the mapping: an unknown code, a rate that is not a positive
 * number, a foreign currency without a rate or a rate without one are problems of the
 * whole mapping (each naming its field).
 */
function resolveCurrency(
  mapping: ImportMapping,
  reporting: string | null,
  problems: MappingProblem[],
): ImportCurrency | null {
  const code = mapping.currency?.trim().toUpperCase() || null;
  const rawRate = mapping.rate?.trim() || null;
  if (code !== null && !isCurrencyCode(code)) {
    problems.push(problem(null, reason("UNKNOWN_CURRENCY", { currency: mapping.currency ?? "" })));
    return null;
  }
  const rate = rawRate === null ? null : parseRate(rawRate);
  if (rawRate !== null && rate === null) {
    problems.push(problem(null, reason("RATE_NOT_POSITIVE", { rate: rawRate })));
    return null;
  }
  if (reporting === null) return null;
  const importCode = code ?? reporting;
  if (importCode !== reporting && rate === null) {
    problems.push(problem(null, reason("RATE_REQUIRED", { importCurrency: importCode, reporting })));
    return null;
  }
  if (importCode === reporting && rate !== null && rate !== "1") {
    problems.push(problem(null, reason("RATE_NOT_NEEDED", { reporting })));
    return null;
  }
  return { reporting, import: importCode, rate: importCode === reporting ? null : rate };
}

/** Canonical JSON of a mapping (sorted), for comparing mappings and for re-import detection. */
export function mappingFingerprint(mapping: ImportMapping): string {
  return JSON.stringify({
    columns: [...mapping.columns]
      .filter((c) => c.target !== IGNORE)
      .sort((a, b) => a.index - b.index)
      .map((c) => [c.index, c.target]),
    aliases: [...mapping.measureAliases].map((a) => [normalizeHeader(a.value), a.measure]).sort(),
    defaultChannel: mapping.defaultChannel?.trim() || null,
    ...(mapping.currency?.trim() ? { currency: mapping.currency.trim().toUpperCase() } : {}),
    ...(mapping.rate?.trim() ? { rate: parseRate(mapping.rate) ?? mapping.rate.trim() } : {}),
  });
}

/**
 * Header text → comparable form: lower case, ё → е, units and currency marks and anything
 * in parentheses dropped, punctuation to spaces. "Расход, ₽" and "расход (руб.)" both
 * become "расход".
 */
export function normalizeHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/\([^)]*\)|\[[^\]]*\]/g, " ")
    .replace(/[^\p{L}\p{N}$€₽]+/gu, " ")
    .replace(/(^|\s)(₽|руб|rub|р|usd|eur|\$|€|шт|pcs)(?=\s|$)/g, " ")
    .replace(/[₽$€]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
