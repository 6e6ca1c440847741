import type { KpiValidationError } from "@/lib/scorecards/kpi-validation-error";
import type { KpiDefinition } from "@/lib/scorecards/types";

/**
 * Validates the KPI tree of a workspace: unique keys, every parentKey names an
 * existing KPI, and no parent chain loops back on itself. A cycle is reported once,
 * on its first KPI in input order, with the loop as a path (["a", "b", "a"]) so the
 * user sees which links to cut.
 */
export function validateKpiTree(kpis: readonly KpiDefinition[]): KpiValidationError[] {
  const errors: KpiValidationError[] = [];
  const byKey = new Map<string, KpiDefinition>();

  for (const kpi of kpis) {
    if (byKey.has(kpi.key)) {
      errors.push({
        code: "DUPLICATE_KEY",
        kpiKey: kpi.key,
        field: "key",
        message: `KPI key "${kpi.key}" is used twice`,
      });
      continue;
    }
    byKey.set(kpi.key, kpi);
  }

  for (const kpi of byKey.values()) {
    if (kpi.parentKey !== null && !byKey.has(kpi.parentKey)) {
      errors.push({
        code: "UNKNOWN_PARENT",
        kpiKey: kpi.key,
        field: "parentKey",
        parentKey: kpi.parentKey,
        message: `parent "${kpi.parentKey}" of KPI "${kpi.key}" does not exist`,
      });
    }
  }

  // Each KPI has at most one parent, so following parents from any KPI either ends
  // (root / unknown parent) or enters a loop. "done" marks KPIs whose chain is known
  // to end or whose loop is already reported; each KPI is walked once: O(n).
  const done = new Set<string>();
  for (const start of byKey.values()) {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let current: KpiDefinition | undefined = start;
    while (current && !done.has(current.key)) {
      if (onPath.has(current.key)) {
        const cycle = [...path.slice(onPath.get(current.key)), current.key];
        errors.push({
          code: "TREE_CYCLE",
          kpiKey: cycle[0],
          field: "parentKey",
          cycle,
          message: `KPI tree has a cycle: ${cycle.join(" → ")}`,
        });
        break;
      }
      onPath.set(current.key, path.length);
      path.push(current.key);
      current = current.parentKey === null ? undefined : byKey.get(current.parentKey);
    }
    for (const key of path) done.add(key);
  }

  return errors;
}
