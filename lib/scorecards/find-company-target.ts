import type { KpiDefinition } from "@/lib/scorecards/types";

/**
 * The company target a KPI drives: the nearest COMPANY-owned ancestor on its parent
 * chain (SPEC §5: "Every role KPI names the company target it drives"). Null when the
 * chain ends without reaching one — no parent, an unknown parent, or a cycle (the walk
 * stops at the first repeated key, so a malformed tree cannot loop forever).
 */
export function findCompanyTarget(
  kpi: KpiDefinition,
  kpisByKey: ReadonlyMap<string, KpiDefinition>,
): KpiDefinition | null {
  const seen = new Set<string>([kpi.key]);
  let parentKey = kpi.parentKey;
  while (parentKey !== null) {
    if (seen.has(parentKey)) return null;
    seen.add(parentKey);
    const parent = kpisByKey.get(parentKey);
    if (!parent) return null;
    if (parent.ownerRole === "COMPANY") return parent;
    parentKey = parent.parentKey;
  }
  return null;
}
