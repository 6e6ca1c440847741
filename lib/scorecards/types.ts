import Decimal from "decimal.js";
import type { WorkspaceRole } from "@/lib/permissions/roles";

/**
 * The vocabulary of SPEC §5: a KPI = a metric + owner role + period type + target +
 * direction + status thresholds + weight + its parent in the KPI tree (+ an optional
 * quality gate). Targets are not part of the definition: they change every period and
 * are passed next to it, keyed by the KPI's `key`.
 */

/** Who owns a KPI: a workspace role, or the company itself (company targets are the tree's roots). */
export type KpiOwner = WorkspaceRole | "COMPANY";

export const PERIOD_TYPES = ["month", "quarter", "year"] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];

/**
 * higher — more is better (revenue, leads); lower — less is better (CAC, CPL, churn,
 * bounce rate); range — good inside [min, max], worse the further outside.
 */
export const DIRECTIONS = ["higher", "lower", "range"] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** Inclusive bounds of a "range" KPI, in the metric's own unit. */
export interface AttainmentRange {
  min: Decimal;
  max: Decimal;
}

/**
 * Status thresholds as attainment fractions: attainment ≥ onTrack → ON_TRACK,
 * ≥ atRisk → AT_RISK, otherwise OFF_TRACK. Valid when 0 < atRisk ≤ onTrack
 * (equal values are allowed: a KPI that is either on or off track, no amber band).
 */
export interface StatusThresholds {
  onTrack: Decimal;
  atRisk: Decimal;
}

/** Default thresholds: 100% of target is on track, 90–100% is at risk, below 90% off track. */
export const DEFAULT_THRESHOLDS: StatusThresholds = Object.freeze({
  onTrack: new Decimal(1),
  atRisk: new Decimal("0.9"),
});

/**
 * A quality gate: the KPI counts only while `metricKey comparator threshold` holds,
 * read in the KPI's own channel scope. Seed: "bonus only for leads whose deals
 * closed at ≥ 20%" — without it a lead-count KPI rewards junk leads.
 */
export interface QualityGate {
  metricKey: string;
  comparator: ">=" | "<=";
  threshold: Decimal;
}

export interface KpiDefinition {
  /** Stable slug, unique in a workspace, e.g. `performance.qualified_leads`. */
  key: string;
  /** A metric catalog key (SPEC §4.2) or a base measure key (SPEC §4.1). */
  metricKey: string;
  /**
   * Optional channel group the metric is read in ("paid", "social", "content"...).
   * Absent = all channels. The data layer maps channels to groups.
   */
  channelScope?: string;
  ownerRole: KpiOwner;
  periodType: PeriodType;
  direction: Direction;
  /** Required when direction is "range"; ignored otherwise. */
  range?: AttainmentRange;
  thresholds: StatusThresholds;
  /** Share of this KPI in its scorecard's score. Must be > 0. */
  weight: Decimal;
  /** The KPI / company target this KPI drives (its parent in the KPI tree); null for roots. */
  parentKey: string | null;
  qualityGate?: QualityGate;
  /** Process metrics shown beneath the KPI to diagnose it; they are never judged. */
  diagnostics: readonly string[];
}

/** The catalog's kind (lib/metrics/metric-traits): flows are paced, ratios and stocks compared directly. */
export type { MetricKind } from "@/lib/metrics/metric-traits";

/** Process metrics describe activity (diagnosis); result metrics say whether a goal is reached (evaluation). */
export type MetricClass = "process" | "result";

/**
 * SPEC §5 statuses. NO_DATA: no actual in the period (nothing to judge); NO_TARGET: an actual
 * but no target to judge it against (the KPI says so instead of hiding among "no data").
 */
export const KPI_STATUSES = ["ON_TRACK", "AT_RISK", "OFF_TRACK", "NO_DATA", "NO_TARGET"] as const;
export type KpiStatus = (typeof KPI_STATUSES)[number];

/**
 * Metric values of one period, keyed by `scopedMetricKey(metricKey, channelScope)`.
 * `null` (or a missing key) is "no value": no rows, or a zero denominator upstream.
 */
export type MetricValues = Readonly<Record<string, Decimal | null | undefined>>;

/** Targets of one period, keyed by KPI key. `null` / missing = no target set. */
export type KpiTargets = Readonly<Record<string, Decimal | null | undefined>>;

/** One day of a KPI's metric, for the sparkline. */
export interface SeriesPoint {
  /** Calendar date in the workspace time zone, `YYYY-MM-DD`. */
  date: string;
  value: Decimal | null;
}
