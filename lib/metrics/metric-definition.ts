import type { MeasureSums } from "./aggregate";
import type { Decimal } from "./decimal";
import type { BaseMeasureKey, LocalizedName } from "./measures";
import type { MetricKey } from "./metric-keys";
import type { MetricSettings } from "./metric-settings";

/**
 * Unit of a derived metric. Ratios are fractions (0.25 = 25 %, ROMI 2 = 200 %);
 * the UI formats them. `count` also covers plain scores such as NPS (−100…100).
 */
export type MetricUnit = "money" | "count" | "ratio" | "months";

/** SPEC §1: process metrics are for diagnosis, result KPIs for evaluation. */
export type MetricClass = "process" | "result";

/** Which way is better — used for attainment and status. */
export type MetricDirection = "higher" | "lower";

/**
 * The outcome of a calculation: a value, or `null` with a machine-readable
 * reason (SPEC §4.2: "A zero denominator gives 'no value' (null with a reason),
 * never NaN, Infinity or 0"). Exactly one of the two is non-null.
 *
 * Reason codes:
 * - `NO_DATA` — none of the measures the metric reads has data in the period;
 * - `NO_DATA:<measure>` — a stock (e.g. `customers_active`) has no snapshot;
 *   unlike flows, a missing stock is not zero;
 * - `ZERO_DENOMINATOR:<denominator>` — e.g. `ZERO_DENOMINATOR:deals_won`;
 * - `NO_TARGET` — pipeline coverage without a revenue target;
 * - `NO_PREVIOUS_PERIOD` — a growth metric computed without previous sums;
 * - `MISSING_SETTING:<field>` — e.g. repeat-purchase LTV without `orderValue`;
 * - `NO_PAYBACK` — monthly gross profit per customer is negative;
 * - `INVALID_PERIOD` — `periodDays` is not a positive integer;
 * - `UNKNOWN_METRIC` — (computeMetrics) a key that is neither a metric nor a measure.
 */
export interface MetricValue {
  value: Decimal | null;
  reason: string | null;
}

/** Everything a catalog formula may read. */
export interface MetricInput {
  /** Period aggregates (see `aggregateDailyFacts`). Missing flow = 0; missing stock = no data. */
  sums: MeasureSums;
  /** Aggregates of the previous period, for growth metrics. */
  previousSums?: MeasureSums;
  settings: MetricSettings;
  /** Revenue target of the period, for pipeline coverage. */
  revenueTarget?: Decimal | null;
  /** Length of the period in days (inclusive), for per-month figures. */
  periodDays: number;
}

export interface MetricDefinition<K extends string = MetricKey> {
  key: K;
  name: LocalizedName;
  /** The formula as written in SPEC §4.2. */
  formula: string;
  unit: MetricUnit;
  class: MetricClass;
  direction: MetricDirection;
  /**
   * Base measures the formula may read, under any settings (LTV's subscription
   * method reads four measures, its other methods none): the database layer
   * fetches these sums.
   */
  measures: readonly BaseMeasureKey[];
  /** Catalog metrics this one is built from (e.g. ltv_to_cac → ltv, cac). */
  dependsOn: readonly MetricKey[];
  /** True when `compute` reads `previousSums`. */
  usesPreviousPeriod: boolean;
  /** True when `compute` reads `revenueTarget`. */
  usesRevenueTarget: boolean;
  /** True for metrics added beyond the SPEC §4.2 table (needed by SPEC §5 templates). */
  extension: boolean;
  /**
   * A ratio read as a multiple ("LTV:CAC 3.2×", "pipeline 3× the revenue target") rather than a
   * percent: its changes are shown in percent, not percentage points (SPEC §4.2 "Comparisons").
   */
  multiple: boolean;
  compute(input: MetricInput): MetricValue;
}

type MetricDefinitionDraft<K extends string> = Omit<
  MetricDefinition<K>,
  "dependsOn" | "usesPreviousPeriod" | "usesRevenueTarget" | "extension" | "multiple"
> &
  Partial<
    Pick<MetricDefinition<K>, "dependsOn" | "usesPreviousPeriod" | "usesRevenueTarget" | "extension" | "multiple">
  >;

/** Fills the flags most metrics leave at their defaults (no dependencies, no previous period, no target). */
export function defineMetric<K extends MetricKey>(draft: MetricDefinitionDraft<K>): MetricDefinition<K> {
  return Object.freeze({
    dependsOn: [],
    usesPreviousPeriod: false,
    usesRevenueTarget: false,
    extension: false,
    multiple: false,
    ...draft,
  });
}
