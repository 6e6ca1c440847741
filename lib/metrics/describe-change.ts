import type { Decimal } from "./decimal";
import type { MetricDirection, MetricUnit } from "./metric-definition";

/** How a change is shown (SPEC §4.2 "Comparisons"). */
export type ChangeKind = "percent" | "points";
/** Whether a change is good news by the metric's direction. */
export type ChangeVerdict = "better" | "worse" | "flat";

export interface MetricChange {
  kind: ChangeKind;
  /**
   * A fraction in both kinds: percent → (current − base) / |base| (0.05 = +5 %); points →
   * current − base of a ratio (0.0576 = +5.76 percentage points).
   */
  value: Decimal;
  /** null when the metric has no "better" direction (a raw measure, a range KPI). */
  verdict: ChangeVerdict | null;
}

/** What the rule needs to know about a metric — read from the catalog (lib/metrics/metric-traits). */
export interface ChangeTraits {
  unit: MetricUnit;
  /** Ratios read as multiples (LTV:CAC 3.2×) change in percent, like money. */
  multiple: boolean;
  direction: MetricDirection | "range" | null;
}

/** Changes of ratios are in percentage points: a rate that is not a multiple. */
export function changeKindOf(traits: Pick<ChangeTraits, "unit" | "multiple">): ChangeKind {
  return traits.unit === "ratio" && !traits.multiple ? "points" : "percent";
}

/**
 * The change from `base` to `current` as every page and the API show it (SPEC §4.2
 * "Comparisons"): ratios in percentage points (ROMI −3.65 % → 2.11 % is +5.76 pp, not
 * +157.9 %), flows, money and multiples in percent of |base| (so the sign always means "went
 * up"); "better"/"worse" follow the metric's direction (CAC down is better). null when either
 * side has no value, or a percent change from zero.
 */
export function describeChange(
  current: Decimal | null | undefined,
  base: Decimal | null | undefined,
  traits: ChangeTraits,
): MetricChange | null {
  if (current == null || base == null) return null;
  const kind = changeKindOf(traits);
  if (kind === "percent" && base.isZero()) return null;
  const difference = current.minus(base);
  const value = kind === "points" ? difference : difference.div(base.abs());
  let verdict: ChangeVerdict | null = null;
  if (difference.isZero()) verdict = "flat";
  else if (traits.direction === "higher" || traits.direction === "lower") {
    verdict = difference.isPositive() === (traits.direction === "higher") ? "better" : "worse";
  }
  return { kind, value, verdict };
}
