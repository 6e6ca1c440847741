import { Decimal } from "@/lib/metrics/decimal";
import { type WorkspaceDefinitions, metricTraits } from "@/lib/metrics/metric-traits";
import { addDays } from "@/lib/periods/local-date";
import { TEMPLATES } from "@/lib/scorecards/templates";
import type { KpiRecord } from "./kpi-record";
import type { ResolvedTarget, TargetVersion } from "./target-version";

const TEMPLATE_KPIS = new Map(TEMPLATES.flatMap((t) => t.kpis).map((k) => [k.key, k]));

/**
 * The sum of the current targets of the periods inside `period` when they tile it exactly —
 * contiguous, no overlap, from its first day to its last — and every one has a value; else null.
 * Only for flow measures: ratios (CPL, ROMI) and stocks do not add up over time.
 */
export function sumOfPartTargets(
  metricKey: string,
  period: { from: string; to: string },
  parts: readonly TargetVersion[],
  definitions?: WorkspaceDefinitions | null,
): Decimal | null {
  // Flows add up over time (a quarter's revenue target is the sum of its months'), custom FLOW
  // measures included: the catalog (lib/metrics metricTraits) says which keys are flows.
  if (metricTraits(metricKey, definitions).kind !== "flow" || parts.length < 2) return null;
  const sorted = [...parts].sort((a, b) => (a.periodFrom < b.periodFrom ? -1 : a.periodFrom > b.periodFrom ? 1 : 0));
  let next = period.from;
  let sum = new Decimal(0);
  for (const part of sorted) {
    if (part.periodFrom !== next || part.value === null || part.periodTo > period.to) return null;
    sum = sum.plus(part.value);
    next = addDays(part.periodTo, 1);
  }
  return next === addDays(period.to, 1) ? sum : null;
}

/**
 * The target of every KPI for one period, keyed by KPI key:
 * 1. the current explicit version (setKpiTarget, the planner) — a version with value null
 *    removes the target, defaults included; a "derived" version (returnKpiTargetToDerived)
 *    is no explicit target: the rules below apply again (SPEC §5 "Targets flow down");
 * 2. otherwise, for a flow measure (revenue, leads, spend…), the sum of the current targets of
 *    the periods that tile this one (a quarter from its three months; {@link sumOfPartTargets});
 * 3. otherwise the KPI's standing default target (the seeds' fixed numbers);
 * 4. otherwise, for a template KPI whose template derives it (pipeline = 3 × the revenue
 *    target), the derivation from the other KPI's resolved target.
 *
 * `parts`: by KPI id, the current versions of periods strictly inside `period`.
 */
export function resolveTargets(
  kpis: readonly KpiRecord[],
  explicit: ReadonlyMap<string, TargetVersion>,
  parts: ReadonlyMap<string, readonly TargetVersion[]> = new Map(),
  period: { from: string; to: string } | null = null,
  definitions?: WorkspaceDefinitions | null,
): Map<string, ResolvedTarget> {
  const resolved = new Map<string, ResolvedTarget>();
  const byTemplateKey = new Map(kpis.filter((k) => k.templateKey).map((k) => [k.templateKey!, k]));
  const resolve = (kpi: KpiRecord, depth: number): ResolvedTarget => {
    const hit = resolved.get(kpi.key);
    if (hit) return hit;
    let result: ResolvedTarget = { value: null, source: null, effectiveFrom: null };
    const latest = explicit.get(kpi.id);
    const version = latest?.source === "derived" ? undefined : latest;
    const summed =
      !version && period ? sumOfPartTargets(kpi.metricKey, period, parts.get(kpi.id) ?? [], definitions) : null;
    if (version) {
      result = {
        value: version.value,
        source: version.source,
        effectiveFrom: version.effectiveFrom,
        actorUserId: version.actorUserId,
        actorApiKeyId: version.actorApiKeyId,
      };
    } else if (summed) result = { value: summed, source: "sum", effectiveFrom: null };
    else if (kpi.defaultTarget) result = { value: kpi.defaultTarget, source: "default", effectiveFrom: null };
    else {
      const rule = kpi.templateKey ? TEMPLATE_KPIS.get(kpi.templateKey)?.defaultTarget : undefined;
      const base = rule?.kind === "multipleOf" ? byTemplateKey.get(rule.kpiKey) : undefined;
      if (rule?.kind === "multipleOf" && base && depth < 8) {
        const baseValue: Decimal | null = resolve(base, depth + 1).value;
        if (baseValue) {
          result = {
            value: baseValue.times(rule.factor),
            source: "derived",
            effectiveFrom: null,
            derivedFrom: { kpiKey: base.key, factor: new Decimal(rule.factor) },
          };
        }
      }
    }
    resolved.set(kpi.key, result);
    return result;
  };
  for (const kpi of kpis) resolve(kpi, 0);
  return resolved;
}
