import { Decimal } from "@/lib/metrics/decimal";

/**
 * Benchmarks across an agency's own clients (SPEC §8): for one metric of one channel group,
 * the median and quartiles of the clients' values, and each client's position. Pure.
 *
 * Quartiles are the inclusive linear interpolation of the sorted values (Excel QUARTILE.INC,
 * R type 7): the p-quantile sits at position h = (n − 1)·p of the 0-based sorted list, between
 * x[⌊h⌋] and x[⌈h⌉]. Exact decimals throughout. Clients without a value (no data, zero
 * denominator) are not counted and have no position.
 */
export interface BenchmarkSample {
  clientId: string;
  value: Decimal;
}

export interface BenchmarkPosition {
  clientId: string;
  value: Decimal;
  /** 1 = the best quarter of the clients for this metric (direction-aware) … 4 = the worst. */
  quartile: 1 | 2 | 3 | 4;
  /** Outside the Tukey fences (below Q1 − 1.5·IQR or above Q3 + 1.5·IQR): out of line. */
  outlier: boolean;
}

export interface BenchmarkSummary {
  count: number;
  lowerQuartile: Decimal;
  median: Decimal;
  upperQuartile: Decimal;
  positions: BenchmarkPosition[];
}

/** The p-quantile (0 ≤ p ≤ 1) of ascending `sorted` (non-empty), QUARTILE.INC. */
export function quantile(sorted: readonly Decimal[], p: number): Decimal {
  const h = new Decimal(sorted.length - 1).times(p);
  const lo = h.floor().toNumber();
  const hi = h.ceil().toNumber();
  if (lo === hi) return sorted[lo];
  return sorted[lo].plus(sorted[hi].minus(sorted[lo]).times(h.minus(lo)));
}

/** Median, quartiles and positions; null when no client has a value. */
export function summarizeBenchmark(
  samples: readonly BenchmarkSample[],
  direction: "higher" | "lower",
): BenchmarkSummary | null {
  if (samples.length === 0) return null;
  const sorted = samples.map((s) => s.value).sort((a, b) => a.comparedTo(b));
  const q1 = quantile(sorted, 0.25);
  const median = quantile(sorted, 0.5);
  const q3 = quantile(sorted, 0.75);
  const fence = q3.minus(q1).times("1.5");
  const positions = samples.map((s): BenchmarkPosition => {
    // Ascending band: 1 at or below Q1 … 4 above Q3; flipped when lower is better.
    const ascending = s.value.lte(q1) ? 1 : s.value.lte(median) ? 2 : s.value.lte(q3) ? 3 : 4;
    const quartile = (direction === "higher" ? 5 - ascending : ascending) as 1 | 2 | 3 | 4;
    return {
      clientId: s.clientId,
      value: s.value,
      quartile,
      outlier: s.value.lt(q1.minus(fence)) || s.value.gt(q3.plus(fence)),
    };
  });
  return { count: samples.length, lowerQuartile: q1, median, upperQuartile: q3, positions };
}
