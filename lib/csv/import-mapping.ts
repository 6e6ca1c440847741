import { type Reason, reason, reasonText } from "@/lib/i18n/reasons";
/**
 * How the columns of a CSV file become facts (SPEC §7).
 *
 * - wide layout: one row per date × channel × campaign, one column per measure
 *   (`Дата;Канал;Расход;Клики`);
 * - long layout: one row per fact (`date,channel,campaign,measure,value`).
 *
 * A mapping assigns every column a target: a dimension (`date`, `channel`, `campaign`), in
 * long layout `measure` and `value`, in wide layout a measure key, or `ignore`.
 */
export const DIMENSION_TARGETS = ["date", "channel", "campaign", "measure", "value"] as const;
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
}

/** A mapping problem: the column (0-based, null for the whole mapping), its reason and the reason's English text. */
export type MappingProblem = { column: number | null; message: string; reason: Reason };

const problem = (column: number | null, r: Reason): MappingProblem => ({ column, message: reasonText(r, "en"), reason: r });

/**
 * Checks a mapping against the header and the known measure keys; returns the resolved
 * mapping or the problems (each naming the column, 0-based, or null for the whole mapping).
 */
export function resolveMapping(
  mapping: ImportMapping,
  columnCount: number,
  isMeasureKey: (key: string) => boolean,
): { ok: true; mapping: ResolvedMapping } | { ok: false; problems: MappingProblem[] } {
  const problems: MappingProblem[] = [];
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
    else problems.push(problem(byTarget.get("measure") ?? null, reason("UNKNOWN_ALIAS_MEASURE", { measure: a.measure, name: a.value })));
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
    },
  };
}

/** Canonical JSON of a mapping (sorted), for comparing mappings and for re-import detection. */
export function mappingFingerprint(mapping: ImportMapping): string {
  return JSON.stringify({
    columns: [...mapping.columns].filter((c) => c.target !== IGNORE).sort((a, b) => a.index - b.index).map((c) => [c.index, c.target]),
    aliases: [...mapping.measureAliases].map((a) => [normalizeHeader(a.value), a.measure]).sort(),
    defaultChannel: mapping.defaultChannel?.trim() || null,
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
