import type { Decimal } from "@/lib/metrics/decimal";
import { TEMPLATES } from "@/lib/scorecards/templates";
import type { KpiRecord } from "./kpi-record";
import type { ResolvedTarget, TargetVersion } from "./target-version";

const TEMPLATE_KPIS = new Map(TEMPLATES.flatMap((t) => t.kpis).map((k) => [k.key, k]));

/**
 * The target of every KPI for one period, keyed by KPI key:
 * 1. the current explicit version (setKpiTarget, the planner) — a version with value null
 *    removes the target, defaults included;
 * 2. otherwise the KPI's standing default target (the seeds' fixed numbers);
 * 3. otherwise, for a template KPI whose template derives it (pipeline = 3 × the revenue
 *    target), the derivation from the other KPI's resolved target.
 */
export function resolveTargets(kpis: readonly KpiRecord[], explicit: ReadonlyMap<string, TargetVersion>): Map<string, ResolvedTarget> {
  const resolved = new Map<string, ResolvedTarget>();
  const byTemplateKey = new Map(kpis.filter((k) => k.templateKey).map((k) => [k.templateKey!, k]));
  const resolve = (kpi: KpiRecord, depth: number): ResolvedTarget => {
    const hit = resolved.get(kpi.key);
    if (hit) return hit;
    let result: ResolvedTarget = { value: null, source: null, effectiveFrom: null };
    const version = explicit.get(kpi.id);
    if (version) result = { value: version.value, source: version.source, effectiveFrom: version.effectiveFrom };
    else if (kpi.defaultTarget) result = { value: kpi.defaultTarget, source: "default", effectiveFrom: null };
    else {
      const rule = kpi.templateKey ? TEMPLATE_KPIS.get(kpi.templateKey)?.defaultTarget : undefined;
      const base = rule?.kind === "multipleOf" ? byTemplateKey.get(rule.kpiKey) : undefined;
      if (rule?.kind === "multipleOf" && base && depth < 8) {
        const baseValue: Decimal | null = resolve(base, depth + 1).value;
        if (baseValue) result = { value: baseValue.times(rule.factor), source: "derived", effectiveFrom: null };
      }
    }
    resolved.set(kpi.key, result);
    return result;
  };
  for (const kpi of kpis) resolve(kpi, 0);
  return resolved;
}
