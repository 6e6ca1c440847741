import type { MeasureSums } from "./aggregate";
import { Decimal } from "./decimal";
import type { MetricValue } from "./metric-definition";

/**
 * Small building blocks shared by the catalog formulas, so that every formula
 * treats missing data and zero denominators the same way.
 */

export const valueOf = (value: Decimal): MetricValue => ({ value, reason: null });

export const noValue = (reason: string): MetricValue => ({ value: null, reason });

export const zeroDenominator = (denominator: string): MetricValue => noValue(`ZERO_DENOMINATOR:${denominator}`);

/** A flow with no facts in the period contributed nothing: it is zero. */
export function flowSum(sums: MeasureSums, ...keys: string[]): Decimal {
  let total = new Decimal(0);
  for (const key of keys) {
    const v = sums[key];
    if (v !== undefined) total = total.plus(v);
  }
  return total;
}

/**
 * `NO_DATA` when none of `keys` has data in the period — so that an empty
 * period reads "no data" rather than a misleading `0` (CTR of a day without
 * ads) or a zero-denominator complaint. `null` when at least one has data.
 */
export function noDataUnlessAny(sums: MeasureSums, keys: readonly string[]): MetricValue | null {
  return keys.some((key) => sums[key] !== undefined) ? null : noValue("NO_DATA");
}

/**
 * numerator / denominator as a ratio of period sums (SPEC §4.2: "a ratio of
 * sums, never an average of daily ratios"); a zero denominator is "no value"
 * with `ZERO_DENOMINATOR:<denominatorLabel>`.
 */
export function ratioOfSums(numerator: Decimal, denominator: Decimal, denominatorLabel: string): MetricValue {
  if (denominator.isZero()) return zeroDenominator(denominatorLabel);
  return valueOf(numerator.div(denominator));
}

/** Applies `f` to a value, passing a "no value" through with its reason. */
export function mapValue(result: MetricValue, f: (value: Decimal) => MetricValue): MetricValue {
  return result.value === null ? result : f(result.value);
}
