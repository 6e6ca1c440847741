import { createFinding } from "@/lib/health-checks/create-finding";
import { OWNER_LABELS } from "@/lib/health-checks/format-for-message";
import type { HealthCheckFinding, HealthCheckInput } from "@/lib/health-checks/types";
import { findCompanyTarget } from "@/lib/scorecards/find-company-target";

/**
 * KPI_NOT_TIED_TO_COMPANY_TARGET — SPEC §5: "Every role KPI names the company target it
 * drives". A role KPI whose parent chain never reaches a COMPANY KPI (no parent, an
 * unknown parent, or a loop) is not tied.
 */
export function checkTiedToCompanyTarget({ kpis }: HealthCheckInput): HealthCheckFinding[] {
  const byKey = new Map(kpis.map((k) => [k.key, k]));
  return kpis
    .filter((kpi) => kpi.ownerRole !== "COMPANY" && findCompanyTarget(kpi, byKey) === null)
    .map((kpi) => {
      const label = OWNER_LABELS[kpi.ownerRole];
      return createFinding("KPI_NOT_TIED_TO_COMPANY_TARGET", {
        owner: kpi.ownerRole,
        kpiKeys: [kpi.key],
        message: {
          en: `KPI ${kpi.key} (${label.en}) does not lead to any company target (revenue, CAC, LTV, LTV:CAC, ROMI).`,
          ru: `KPI ${kpi.key} («${label.ru}») не ведёт ни к одной цели компании (выручка, CAC, LTV, LTV:CAC, ROMI).`,
        },
      });
    });
}
