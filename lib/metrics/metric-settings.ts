import { Decimal, parseDecimal } from "./decimal";

/** SPEC §4.2 `ltv`: which LTV method the workspace uses. */
export type LtvMethod = "subscription" | "repeat_purchase" | "fixed";
/** SPEC §4.2 `romi`: return on revenue, or on gross profit (revenue × gross margin). */
export type RomiBasis = "revenue" | "gross_profit";
/** SPEC §4.2 `engagement_rate`: the audience the engagements are divided by. */
export type EngagementBasis = "reach" | "impressions" | "followers";

/**
 * Workspace settings that change how catalog metrics are computed (SPEC §4.2).
 * Numbers are Decimals: the margin and LTV parameters feed money formulas.
 */
export interface MetricSettings {
  ltvMethod: LtvMethod;
  /** repeat_purchase: average order value (money). */
  orderValue: Decimal | null;
  /** repeat_purchase: orders per customer per year. */
  ordersPerYear: Decimal | null;
  /** repeat_purchase: customer lifetime in years. */
  years: Decimal | null;
  /** fixed: the LTV itself (money). */
  fixedLtv: Decimal | null;
  /** Gross margin as a fraction in (0, 1]; SPEC default 100 %. */
  grossMargin: Decimal;
  romiBasis: RomiBasis;
  engagementBasis: EngagementBasis;
  /**
   * SPEC §4.2 "Time-normalised unit economics": the longest customer lifetime, in months,
   * that subscription LTV assumes — it caps LTV when churn is zero or tiny. null = no cap
   * (then LTV without churn has no value).
   */
  maxCustomerLifetimeMonths: Decimal | null;
}

/** SPEC §4.2: default maximum customer lifetime (months). */
export const DEFAULT_MAX_CUSTOMER_LIFETIME_MONTHS = 60;
/** Valid maximum customer lifetimes: 1…600 months (50 years). */
export const MAX_CUSTOMER_LIFETIME_RANGE = { min: 1, max: 600 } as const;

export const DEFAULT_METRIC_SETTINGS: Readonly<MetricSettings> = Object.freeze({
  ltvMethod: "subscription",
  orderValue: null,
  ordersPerYear: null,
  years: null,
  fixedLtv: null,
  grossMargin: new Decimal(1),
  romiBasis: "revenue",
  engagementBasis: "reach",
  maxCustomerLifetimeMonths: new Decimal(DEFAULT_MAX_CUSTOMER_LIFETIME_MONTHS),
});

export interface MetricSettingsError {
  field: string;
  code: "UNKNOWN_FIELD" | "INVALID_CHOICE" | "INVALID_NUMBER" | "OUT_OF_RANGE" | "REQUIRED";
  message: string;
}

export type ParseMetricSettingsResult =
  { ok: true; settings: MetricSettings } | { ok: false; errors: MetricSettingsError[] };

const LTV_METHODS: readonly LtvMethod[] = ["subscription", "repeat_purchase", "fixed"];
const ROMI_BASES: readonly RomiBasis[] = ["revenue", "gross_profit"];
const ENGAGEMENT_BASES: readonly EngagementBasis[] = ["reach", "impressions", "followers"];
const DECIMAL_FIELDS = [
  "orderValue",
  "ordersPerYear",
  "years",
  "fixedLtv",
  "grossMargin",
  "maxCustomerLifetimeMonths",
] as const;
const KNOWN_FIELDS = new Set<string>(["ltvMethod", "romiBasis", "engagementBasis", ...DECIMAL_FIELDS]);

/**
 * Validates untrusted settings (a JSON column, a GraphQL input) without zod, so
 * the pure core has no schema dependency. Missing fields take the defaults;
 * numbers may be Decimals, plain decimal strings or safe integers (never
 * fractional JS numbers). All problems are reported at once.
 *
 * Rules: gross margin in (0, 1]; maximum customer lifetime in [1, 600] months or null (no cap); `repeat_purchase` requires positive
 * `orderValue`, `ordersPerYear` and `years`; `fixed` requires `fixedLtv` ≥ 0.
 */
export function parseMetricSettings(input: unknown): ParseMetricSettingsResult {
  const errors: MetricSettingsError[] = [];
  if (input === null || input === undefined) return { ok: true, settings: { ...DEFAULT_METRIC_SETTINGS } };
  if (typeof input !== "object" || Array.isArray(input)) {
    return { ok: false, errors: [{ field: "", code: "INVALID_CHOICE", message: "Settings must be an object" }] };
  }
  const raw = input as Record<string, unknown>;
  for (const field of Object.keys(raw)) {
    if (!KNOWN_FIELDS.has(field)) errors.push({ field, code: "UNKNOWN_FIELD", message: `Unknown setting "${field}"` });
  }

  const choice = <T extends string>(field: string, options: readonly T[], fallback: T): T => {
    const value = raw[field];
    if (value === undefined || value === null) return fallback;
    if (typeof value === "string" && (options as readonly string[]).includes(value)) return value as T;
    errors.push({ field, code: "INVALID_CHOICE", message: `${field} must be one of ${options.join(", ")}` });
    return fallback;
  };
  const decimal = (field: (typeof DECIMAL_FIELDS)[number]): Decimal | null => {
    const value = raw[field];
    if (value === undefined || value === null) return null;
    let parsed: Decimal | null = null;
    if (Decimal.isDecimal(value)) parsed = (value as Decimal).isFinite() ? (value as Decimal) : null;
    else if (typeof value === "string") parsed = parseDecimal(value);
    else if (typeof value === "number" && Number.isSafeInteger(value)) parsed = new Decimal(value);
    if (parsed === null) errors.push({ field, code: "INVALID_NUMBER", message: `${field} must be a decimal number` });
    return parsed;
  };

  const settings: MetricSettings = {
    ltvMethod: choice("ltvMethod", LTV_METHODS, DEFAULT_METRIC_SETTINGS.ltvMethod),
    romiBasis: choice("romiBasis", ROMI_BASES, DEFAULT_METRIC_SETTINGS.romiBasis),
    engagementBasis: choice("engagementBasis", ENGAGEMENT_BASES, DEFAULT_METRIC_SETTINGS.engagementBasis),
    orderValue: decimal("orderValue"),
    ordersPerYear: decimal("ordersPerYear"),
    years: decimal("years"),
    fixedLtv: decimal("fixedLtv"),
    grossMargin: decimal("grossMargin") ?? DEFAULT_METRIC_SETTINGS.grossMargin,
    // Absent = the default; null = no cap (an explicit choice).
    maxCustomerLifetimeMonths:
      raw.maxCustomerLifetimeMonths === undefined
        ? DEFAULT_METRIC_SETTINGS.maxCustomerLifetimeMonths
        : decimal("maxCustomerLifetimeMonths"),
  };

  const lifetime = settings.maxCustomerLifetimeMonths;
  if (
    lifetime !== null &&
    (lifetime.lt(MAX_CUSTOMER_LIFETIME_RANGE.min) || lifetime.gt(MAX_CUSTOMER_LIFETIME_RANGE.max))
  ) {
    errors.push({
      field: "maxCustomerLifetimeMonths",
      code: "OUT_OF_RANGE",
      message: `maxCustomerLifetimeMonths must be between ${MAX_CUSTOMER_LIFETIME_RANGE.min} and ${MAX_CUSTOMER_LIFETIME_RANGE.max} months`,
    });
  }

  if (settings.grossMargin.lte(0) || settings.grossMargin.gt(1)) {
    errors.push({ field: "grossMargin", code: "OUT_OF_RANGE", message: "grossMargin must be > 0 and ≤ 1" });
  }
  const requirePositive = (field: "orderValue" | "ordersPerYear" | "years") => {
    const value = settings[field];
    // An unparseable value was already reported as INVALID_NUMBER; one error per field.
    if (errors.some((e) => e.field === field)) return;
    if (value === null)
      errors.push({ field, code: "REQUIRED", message: `${field} is required for repeat_purchase LTV` });
    else if (value.lte(0)) errors.push({ field, code: "OUT_OF_RANGE", message: `${field} must be > 0` });
  };
  if (settings.ltvMethod === "repeat_purchase") {
    requirePositive("orderValue");
    requirePositive("ordersPerYear");
    requirePositive("years");
  }
  if (settings.ltvMethod === "fixed") {
    if (settings.fixedLtv === null) {
      errors.push({ field: "fixedLtv", code: "REQUIRED", message: "fixedLtv is required for fixed LTV" });
    } else if (settings.fixedLtv.lt(0)) {
      errors.push({ field: "fixedLtv", code: "OUT_OF_RANGE", message: "fixedLtv must be ≥ 0" });
    }
  }

  return errors.length > 0 ? { ok: false, errors } : { ok: true, settings };
}
