import { METRIC_KEYS } from "./metric-keys";

/**
 * Base measures of SPEC §4.1: the raw daily facts ingested per
 * day × channel × campaign, from which every derived metric is computed.
 *
 * "Flows are summed over a period; stocks take the value at a point in time."
 */

/** Money in the workspace's reporting currency, or a plain count. */
export type MeasureUnit = "money" | "count";

/**
 * How a measure turns daily facts into one value for a period:
 * - `flow`: the sum over every day of the period;
 * - `stock_start`: the level at the start of the period;
 * - `stock_end`: the level at the end of the period.
 * The precise day-selection rule lives in `aggregate.ts`.
 */
export type MeasureAggregation = "flow" | "stock_start" | "stock_end";

export interface LocalizedName {
  ru: string;
  en: string;
}

/** What the aggregation and formula code needs to know about any measure. */
export interface MeasureDefinition {
  key: string;
  name: LocalizedName;
  unit: MeasureUnit;
  aggregation: MeasureAggregation;
}

const measure = <K extends string>(
  key: K,
  unit: MeasureUnit,
  aggregation: MeasureAggregation,
  en: string,
  ru: string,
) => ({ key, unit, aggregation, name: { ru, en } }) as const satisfies MeasureDefinition;

/** The catalog of SPEC §4.1, in the order of the SPEC table. */
export const BASE_MEASURES = [
  measure("spend", "money", "flow", "Marketing spend", "Маркетинговые расходы"),
  measure("sales_cost", "money", "flow", "Sales cost of acquisition", "Расходы продаж на привлечение"),
  measure("impressions", "count", "flow", "Impressions", "Показы"),
  measure("reach", "count", "flow", "Reach", "Охват"),
  measure("clicks", "count", "flow", "Clicks", "Клики"),
  measure("sessions", "count", "flow", "Sessions", "Сеансы"),
  measure("bounces", "count", "flow", "Bounces", "Отказы"),
  measure("leads", "count", "flow", "Leads", "Лиды"),
  measure("qualified_leads", "count", "flow", "Qualified leads", "Квалифицированные лиды"),
  measure("opportunities", "count", "flow", "Opportunities", "Сделки в воронке"),
  measure("deals_won", "count", "flow", "New customers won", "Новые клиенты"),
  measure("revenue", "money", "flow", "Revenue", "Выручка"),
  measure("pipeline_value", "money", "flow", "Pipeline value", "Потенциальная сумма сделок"),
  // Churn rate divides the customers lost during a period by the base the
  // period started with, so the stock is read at the period start.
  measure("customers_active", "count", "stock_start", "Active customers", "Активные клиенты"),
  measure("customers_churned", "count", "flow", "Customers churned", "Ушедшие клиенты"),
  measure("engagements", "count", "flow", "Engagements", "Вовлечения"),
  // Audience size is reported as where the period ended up (growth = end − previous end).
  measure("followers", "count", "stock_end", "Followers", "Подписчики"),
  measure("posts_published", "count", "flow", "Posts published", "Опубликованные посты"),
  measure("content_published", "count", "flow", "Content published", "Опубликованные материалы"),
  measure("content_views", "count", "flow", "Content views", "Просмотры контента"),
  measure("email_sent", "count", "flow", "Emails sent", "Отправленные письма"),
  measure("email_opens", "count", "flow", "Email opens", "Открытия писем"),
  measure("email_clicks", "count", "flow", "Email clicks", "Клики в письмах"),
  measure("nps_promoters", "count", "flow", "NPS promoters", "Промоутеры NPS"),
  measure("nps_passives", "count", "flow", "NPS passives", "Нейтралы NPS"),
  measure("nps_detractors", "count", "flow", "NPS detractors", "Критики NPS"),
  measure("branded_sessions", "count", "flow", "Branded search sessions", "Брендовый трафик"),
] as const;

export type BaseMeasureKey = (typeof BASE_MEASURES)[number]["key"];

/**
 * SPEC §1 class of the base measures (the SPEC §4.1 table has none): money and funnel
 * outcomes are results; traffic, audience and output counts describe activity (process).
 * Leads are "the start of the road, not a result" — but they are the result a lead-generation
 * role is paid for, so they are classed as result and guarded by the QUANTITY_TRAP check.
 * The PROCESS_METRIC_AS_KPI health check reads this (through lib/metrics/metric-traits).
 */
export const PROCESS_MEASURES: ReadonlySet<BaseMeasureKey> = new Set<BaseMeasureKey>([
  "spend",
  "sales_cost",
  "impressions",
  "reach",
  "clicks",
  "sessions",
  "bounces",
  "engagements",
  "followers",
  "posts_published",
  "content_published",
  "content_views",
  "email_sent",
  "email_opens",
  "email_clicks",
  "branded_sessions",
]);

/**
 * Which way is better for the base measures that are outcomes (SPEC §4.2 "Comparisons":
 * "better" and "worse" follow the metric's direction). Activity and cost measures (spend,
 * impressions, …) have no better direction of their own: more spend is neither.
 */
export const MEASURE_DIRECTIONS: Readonly<Partial<Record<BaseMeasureKey, "higher" | "lower">>> = {
  leads: "higher",
  qualified_leads: "higher",
  opportunities: "higher",
  deals_won: "higher",
  revenue: "higher",
  pipeline_value: "higher",
  customers_active: "higher",
  customers_churned: "lower",
  followers: "higher",
  nps_promoters: "higher",
  nps_detractors: "lower",
  bounces: "lower",
  branded_sessions: "higher",
};

export type BaseMeasureDefinition = (typeof BASE_MEASURES)[number];

export const BASE_MEASURE_KEYS: readonly BaseMeasureKey[] = BASE_MEASURES.map((m) => m.key);

const BY_KEY: ReadonlyMap<string, MeasureDefinition> = new Map(BASE_MEASURES.map((m) => [m.key, m]));

export function isBaseMeasureKey(key: string): key is BaseMeasureKey {
  return BY_KEY.has(key);
}

/** The catalog definition of a base measure, or `undefined` for unknown keys. */
export function getBaseMeasure(key: string): MeasureDefinition | undefined {
  return BY_KEY.get(key);
}

/**
 * A workspace-defined base measure (SPEC §4.1: "Workspaces may add custom base
 * measures (key, unit, flow/stock)"). Same shape as a catalog measure; the key
 * must pass {@link validateCustomMeasureKey}.
 */
export type CustomMeasureDefinition = MeasureDefinition;

export type CustomMeasureKeyError =
  | { code: "EMPTY"; message: string }
  | { code: "TOO_LONG"; message: string }
  | { code: "NOT_SNAKE_CASE"; message: string }
  | { code: "RESERVED"; message: string };

/** Long enough for descriptive names, short enough for column headers and URLs. */
export const CUSTOM_MEASURE_KEY_MAX_LENGTH = 64;

const SNAKE_CASE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

/**
 * Keys a custom measure (or custom metric) may not take: catalog base measures,
 * catalog derived metrics and formula functions. Formulas reference all of them
 * by bare key, so a clash would make `cac` or `prev` ambiguous.
 */
const RESERVED_KEYS: ReadonlySet<string> = new Set<string>([...BY_KEY.keys(), ...METRIC_KEYS, "prev"]);

/**
 * Validates the key of a custom base measure: lower snake_case (`[a-z][a-z0-9_]*`,
 * no leading/trailing/double underscores), at most 64 characters, and not
 * clashing with a catalog base measure, a catalog derived metric, the formula
 * function `prev`, or any extra keys the caller passes (typically the
 * workspace's existing custom measure and custom metric keys, which share one
 * namespace inside formulas).
 *
 * Returns `null` when the key is valid.
 */
export function validateCustomMeasureKey(
  key: string,
  reservedKeys: Iterable<string> = [],
): CustomMeasureKeyError | null {
  if (key.length === 0) return { code: "EMPTY", message: "The key is empty" };
  if (key.length > CUSTOM_MEASURE_KEY_MAX_LENGTH) {
    return { code: "TOO_LONG", message: `The key is longer than ${CUSTOM_MEASURE_KEY_MAX_LENGTH} characters` };
  }
  if (!SNAKE_CASE.test(key)) {
    return {
      code: "NOT_SNAKE_CASE",
      message: `"${key}" is not snake_case (lower-case letters, digits and single underscores, starting with a letter)`,
    };
  }
  if (RESERVED_KEYS.has(key)) {
    return { code: "RESERVED", message: `"${key}" is already used by a built-in measure, metric or function` };
  }
  for (const taken of reservedKeys) {
    if (taken === key) return { code: "RESERVED", message: `"${key}" is already used in this workspace` };
  }
  return null;
}
