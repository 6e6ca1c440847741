import { Decimal } from "./decimal";
import { BASE_MEASURES, type MeasureAggregation, type MeasureDefinition } from "./measures";

/** One ingested daily fact (any channel/campaign), already converted to the reporting currency. */
export interface DailyFact {
  /** Local date in the workspace time zone, `YYYY-MM-DD`. */
  date: string;
  measure: string;
  value: Decimal;
}

/**
 * Period aggregates by measure key. A key is present only when the period has
 * at least one fact for that measure — "no data" and "zero" are different
 * things for stocks, and derived metrics report them differently.
 */
export type MeasureSums = Partial<Record<string, Decimal>>;

/**
 * Aggregates daily facts into one value per measure for the whole period
 * (SPEC §4.1: "Flows are summed over a period; stocks take the value at a point
 * in time"):
 *
 * - `flow`: Σ value over all facts of the period.
 * - `stock_start`: the value on the **earliest date that has any fact for that
 *   measure**, summed over the facts of that date (one per channel/campaign —
 *   e.g. active customers split by channel add up to the total).
 * - `stock_end`: the same on the **latest** date with a fact.
 *
 * Why "earliest/latest day with data" rather than "exactly the first/last day
 * of the period": stocks are often reported sparsely (weekly follower counts,
 * a monthly customer snapshot). Requiring the exact boundary day would make most
 * periods empty; taking the closest available snapshot inside the period is the
 * best estimate of the level at that boundary. The caller restricts `facts` to
 * the period, so a snapshot from outside it is never used. Caveat: the snapshot
 * date is chosen per measure, not per channel, so every channel should report a
 * stock on the same days.
 *
 * Dates are compared as `YYYY-MM-DD` strings, which sort chronologically.
 * Measures without facts are absent from the result.
 *
 * @throws TypeError when a fact names a measure missing from `measures` — facts
 *   are validated at ingestion, so this is a programming error, and guessing an
 *   aggregation (summing a stock) would silently give a wrong number.
 */
export function aggregateDailyFacts(
  facts: Iterable<DailyFact>,
  measures: Iterable<MeasureDefinition> = BASE_MEASURES,
): MeasureSums {
  const aggregationOf = new Map<string, MeasureAggregation>();
  for (const m of measures) aggregationOf.set(m.key, m.aggregation);

  const flows = new Map<string, Decimal>();
  // For stocks: the chosen snapshot date and the running sum on that date.
  const snapshots = new Map<string, { date: string; sum: Decimal }>();

  for (const fact of facts) {
    const aggregation = aggregationOf.get(fact.measure);
    if (aggregation === undefined) throw new TypeError(`Unknown measure "${fact.measure}" in daily facts`);
    if (aggregation === "flow") {
      flows.set(fact.measure, (flows.get(fact.measure) ?? new Decimal(0)).plus(fact.value));
      continue;
    }
    const current = snapshots.get(fact.measure);
    const better =
      aggregation === "stock_start" ? fact.date < (current?.date ?? "") : fact.date > (current?.date ?? "");
    if (current === undefined || better) {
      snapshots.set(fact.measure, { date: fact.date, sum: fact.value });
    } else if (fact.date === current.date) {
      current.sum = current.sum.plus(fact.value);
    }
  }

  const result: MeasureSums = {};
  for (const [key, sum] of flows) result[key] = sum;
  for (const [key, snapshot] of snapshots) result[key] = snapshot.sum;
  return result;
}

/**
 * Combines the aggregates of two adjacent, non-overlapping date ranges
 * (`earlier` entirely before `later`) into the aggregate of their union:
 * flows add up, `stock_start` keeps the earlier range's snapshot (falling back
 * to the later one when the earlier range had no data), `stock_end` keeps the
 * later one. This is what makes pre-aggregated partitions (e.g. monthly
 * rollups) composable: aggregating the parts and merging equals aggregating the
 * whole (see the property test).
 */
export function mergeAggregates(
  earlier: MeasureSums,
  later: MeasureSums,
  measures: Iterable<MeasureDefinition> = BASE_MEASURES,
): MeasureSums {
  const aggregationOf = new Map<string, MeasureAggregation>();
  for (const m of measures) aggregationOf.set(m.key, m.aggregation);
  const result: MeasureSums = {};
  for (const key of new Set([...Object.keys(earlier), ...Object.keys(later)])) {
    const a = earlier[key];
    const b = later[key];
    const aggregation = aggregationOf.get(key);
    if (aggregation === undefined) throw new TypeError(`Unknown measure "${key}" in aggregates`);
    if (aggregation === "flow") result[key] = a && b ? a.plus(b) : (a ?? b);
    else if (aggregation === "stock_start") result[key] = a ?? b;
    else result[key] = b ?? a;
  }
  return result;
}

/**
 * How the database layer must aggregate a measure so that it returns exactly
 * what {@link aggregateDailyFacts} would (the DB feeds sums to the pure core and
 * never re-implements formulas). All three use `SUM(value)`; they differ in
 * which days take part:
 *
 * - `all`: every fact in `[from, to]`;
 * - `earliest`: facts on `MIN(date)` of that measure within `[from, to]`;
 * - `latest`: facts on `MAX(date)` of that measure within `[from, to]`.
 *
 * The same filters (workspace, channel, campaign) must apply to the inner
 * `MIN`/`MAX` as to the outer sum.
 */
export interface SqlAggregatePlan {
  measure: string;
  aggregation: MeasureAggregation;
  function: "SUM";
  days: "all" | "earliest" | "latest";
  /** An illustrative PostgreSQL expression over a `facts(date, measure, value)` relation. */
  sql: string;
}

/** The SQL aggregate a measure needs — the inverse description of {@link aggregateDailyFacts}. */
export function sqlAggregateFor(measure: MeasureDefinition): SqlAggregatePlan {
  const base = { measure: measure.key, aggregation: measure.aggregation, function: "SUM" as const };
  switch (measure.aggregation) {
    case "flow":
      return { ...base, days: "all", sql: "SUM(value)" };
    case "stock_start":
      return { ...base, days: "earliest", sql: stockSql("MIN") };
    case "stock_end":
      return { ...base, days: "latest", sql: stockSql("MAX") };
  }
}

function stockSql(pick: "MIN" | "MAX"): string {
  return (
    "SUM(value) FILTER (WHERE date = " +
    `(SELECT ${pick}(d.date) FROM facts d WHERE d.measure = facts.measure AND d.date BETWEEN $from AND $to))`
  );
}
