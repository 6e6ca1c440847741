import { TEMPLATES } from "@/lib/scorecards/templates";
import type Decimal from "decimal.js";
import type { KpiTargets } from "@/lib/scorecards/types";

/**
 * Targets of the default KPIs for a period: every template KPI gets its default
 * (null, a fixed seed ratio, or a multiple of another KPI's target — pipeline =
 * 3 × revenue), unless `known` already sets it. Call it with `{ "company.revenue": 10M }`
 * and the CMO's pipeline target becomes 30M.
 */
export function buildDefaultTargets(known: KpiTargets = {}): Record<string, Decimal | null> {
  const targets: Record<string, Decimal | null> = {};
  for (const template of TEMPLATES) {
    for (const { key, defaultTarget } of template.kpis) {
      const given = known[key];
      if (given != null) {
        targets[key] = given;
        continue;
      }
      switch (defaultTarget.kind) {
        case "none":
          targets[key] = null;
          break;
        case "fixed":
          targets[key] = defaultTarget.value;
          break;
        case "multipleOf": {
          const base = known[defaultTarget.kpiKey];
          targets[key] = base == null ? null : base.times(defaultTarget.factor);
          break;
        }
      }
    }
  }
  return targets;
}
