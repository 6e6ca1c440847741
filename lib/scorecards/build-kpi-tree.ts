import type Decimal from "decimal.js";
import type { MetricTraits } from "@/lib/metrics/metric-traits";
import { evaluateKpi } from "@/lib/scorecards/evaluate-kpi";
import { toElapsedShare } from "@/lib/periods/elapsed-share";
import { scopedMetricKey } from "@/lib/scorecards/scoped-metric-key";
import { scorecardScore, type ScorecardScore } from "@/lib/scorecards/scorecard-score";
import { classifyAttainment } from "@/lib/scorecards/status";
import {
  DEFAULT_THRESHOLDS,
  type KpiDefinition,
  type KpiOwner,
  type KpiStatus,
  type KpiTargets,
  type MetricValues,
} from "@/lib/scorecards/types";

export interface BuildKpiTreeInput {
  kpis: readonly KpiDefinition[];
  values: MetricValues;
  previousValues?: MetricValues;
  targets: KpiTargets;
  elapsedShare: Decimal.Value;
  /** Traits by metric key from the catalog and the workspace's definitions (lib/metrics metricTraits). */
  traits?: Readonly<Record<string, MetricTraits>>;
}

export interface KpiTreeKpiNode {
  kind: "kpi";
  key: string;
  metricKey: string;
  channelScope: string | null;
  ownerRole: KpiOwner;
  actual: Decimal | null;
  target: Decimal | null;
  expectedToDate: Decimal | null;
  /** actual − target. */
  variance: Decimal | null;
  /** actual − expectedToDate. */
  varianceToDate: Decimal | null;
  attainmentToDate: Decimal | null;
  status: KpiStatus;
  gateFailed: boolean;
  /**
   * Roll-up of the KPIs directly beneath: their weighted score (same formula as a
   * scorecard) and its status at the default thresholds. Null without KPI children.
   * Lets a lagging company target show whether its drivers are on track.
   */
  drivers: { score: ScorecardScore; status: KpiStatus } | null;
  children: KpiTreeNode[];
}

/**
 * A diagnostic process metric under a KPI. It has an actual but no target and no
 * status: "process metrics are for diagnosis, result KPIs for evaluation" — judging
 * CTR on its own is exactly what the seeds warn against.
 */
export interface KpiTreeDiagnosticNode {
  kind: "diagnostic";
  /** `<kpi key>/<metric key>`, unique in the tree. */
  key: string;
  metricKey: string;
  channelScope: string | null;
  actual: Decimal | null;
  target: null;
  variance: null;
  status: null;
  children: [];
}

export type KpiTreeNode = KpiTreeKpiNode | KpiTreeDiagnosticNode;

export interface DetachedKpi {
  kpiKey: string;
  /** UNKNOWN_PARENT: its parent chain names a missing KPI; CYCLE: the chain loops. */
  reason: "UNKNOWN_PARENT" | "CYCLE";
}

export interface KpiTree {
  /** KPIs without a parent — company targets, and role KPIs not yet tied to one. */
  roots: KpiTreeKpiNode[];
  /** KPIs that cannot be reached from any root; reported, never dropped silently. */
  detached: DetachedKpi[];
}

/**
 * The KPI tree — SPEC §5: "runs from the company targets (revenue, CAC, LTV, LTV:CAC,
 * ROMI) down through role KPIs to the diagnostic process metrics under them".
 * Each KPI node carries its status and variance (actual − target) and a roll-up of
 * its drivers. Built top-down from parentless KPIs; because every KPI has one parent,
 * nodes on a cycle are unreachable from a root, so the walk always terminates and the
 * cycle is reported in `detached` (use `validateKpiTree` for the path).
 */
export function buildKpiTree(input: BuildKpiTreeInput): KpiTree {
  const share = toElapsedShare(input.elapsedShare);
  const kpisByKey = new Map(input.kpis.map((kpi) => [kpi.key, kpi]));
  const childrenByParent = new Map<string, KpiDefinition[]>();
  for (const kpi of input.kpis) {
    if (kpi.parentKey === null) continue;
    const siblings = childrenByParent.get(kpi.parentKey) ?? [];
    siblings.push(kpi);
    childrenByParent.set(kpi.parentKey, siblings);
  }

  const reached = new Set<string>();

  const buildNode = (kpi: KpiDefinition): KpiTreeKpiNode => {
    reached.add(kpi.key);
    const scope = kpi.channelScope ?? null;
    const evaluation = evaluateKpi({
      kpi,
      actual: input.values[scopedMetricKey(kpi.metricKey, scope)] ?? null,
      previousActual: input.previousValues?.[scopedMetricKey(kpi.metricKey, scope)] ?? null,
      target: input.targets[kpi.key] ?? null,
      elapsedShare: share,
      gateActual: kpi.qualityGate ? (input.values[scopedMetricKey(kpi.qualityGate.metricKey, scope)] ?? null) : null,
      traits: input.traits?.[kpi.metricKey],
    });

    const kpiChildren = (childrenByParent.get(kpi.key) ?? []).filter((child) => !reached.has(child.key)).map(buildNode);
    const diagnosticChildren = kpi.diagnostics.map((metricKey): KpiTreeDiagnosticNode => ({
      kind: "diagnostic",
      key: `${kpi.key}/${metricKey}`,
      metricKey,
      channelScope: scope,
      actual: input.values[scopedMetricKey(metricKey, scope)] ?? null,
      target: null,
      variance: null,
      status: null,
      children: [],
    }));

    const driverKpis = childrenByParent.get(kpi.key) ?? [];
    let drivers: KpiTreeKpiNode["drivers"] = null;
    if (driverKpis.length > 0) {
      const score = scorecardScore(
        kpiChildren.map((child) => ({ weight: kpisByKey.get(child.key)!.weight, attainment: child.attainmentToDate })),
      );
      drivers = { score, status: classifyAttainment(score.score, DEFAULT_THRESHOLDS) };
    }

    return {
      kind: "kpi",
      key: kpi.key,
      metricKey: kpi.metricKey,
      channelScope: scope,
      ownerRole: kpi.ownerRole,
      actual: evaluation.actual,
      target: evaluation.target,
      expectedToDate: evaluation.expectedToDate,
      variance: evaluation.variance,
      varianceToDate: evaluation.varianceToDate,
      attainmentToDate: evaluation.attainmentToDate,
      status: evaluation.status,
      gateFailed: evaluation.gateFailed,
      drivers,
      children: [...kpiChildren, ...diagnosticChildren],
    };
  };

  const roots = input.kpis.filter((kpi) => kpi.parentKey === null && !reached.has(kpi.key)).map(buildNode);

  const detached = input.kpis
    .filter((kpi) => !reached.has(kpi.key))
    .map((kpi): DetachedKpi => ({ kpiKey: kpi.key, reason: detachmentReason(kpi, kpisByKey) }));

  return { roots, detached };
}

/** Walks up from an unreachable KPI: it either meets a missing parent or goes round a loop. */
function detachmentReason(kpi: KpiDefinition, kpisByKey: ReadonlyMap<string, KpiDefinition>): DetachedKpi["reason"] {
  const seen = new Set<string>();
  let current: KpiDefinition | undefined = kpi;
  while (current && current.parentKey !== null) {
    if (seen.has(current.key)) return "CYCLE";
    seen.add(current.key);
    current = kpisByKey.get(current.parentKey);
  }
  return current ? "CYCLE" : "UNKNOWN_PARENT";
}
