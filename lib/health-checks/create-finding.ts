import { HEALTH_CHECK_RULES, type HealthCheckCode } from "@/lib/health-checks/health-check-codes";
import type { HealthCheckFinding, HealthCheckSeverity, LocalizedText } from "@/lib/health-checks/types";
import type { KpiOwner } from "@/lib/scorecards/types";

/** A finding with its rule text and default severity taken from the code's catalog entry. */
export function createFinding(
  code: HealthCheckCode,
  fields: { owner: KpiOwner; kpiKeys: string[]; message: LocalizedText; severity?: HealthCheckSeverity },
): HealthCheckFinding {
  const rule = HEALTH_CHECK_RULES[code];
  return {
    code,
    severity: fields.severity ?? rule.severity,
    owner: fields.owner,
    kpiKeys: fields.kpiKeys,
    message: fields.message,
    rule: rule.rule,
    seeds: rule.seeds,
  };
}
