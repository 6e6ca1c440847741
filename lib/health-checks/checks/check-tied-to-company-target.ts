import { createFinding } from "@/lib/health-checks/create-finding";
import { OWNER_LABELS, kpiLabel } from "@/lib/health-checks/format-for-message";
import type { HealthCheckFinding, HealthCheckInput } from "@/lib/health-checks/types";
import { findCompanyTarget } from "@/lib/scorecards/find-company-target";

/**
 * KPI_NOT_TIED_TO_COMPANY_TARGET — SPEC §5: "Every role KPI names the company target it
 * drives". A role KPI whose parent chain never reaches a COMPANY KPI (no parent, an
 * unknown parent, or a loop) is not tied.
 */
export function checkTiedToCompanyTarget({ kpis, metricNames }: HealthCheckInput): HealthCheckFinding[] {
  const byKey = new Map(kpis.map((k) => [k.key, k]));
  return kpis
    .filter((kpi) => kpi.ownerRole !== "COMPANY" && findCompanyTarget(kpi, byKey) === null)
    .map((kpi) => {
      const label = OWNER_LABELS[kpi.ownerRole];
      const name = kpiLabel(kpi, metricNames);
      return createFinding("KPI_NOT_TIED_TO_COMPANY_TARGET", {
        owner: kpi.ownerRole,
        kpiKeys: [kpi.key],
        message: {
          en: `The KPI “${name.en}” (${label.en}) does not lead to any company target (revenue, CAC, LTV, LTV:CAC, ROMI).`,
          ru: `KPI «${name.ru}» («${label.ru}») не ведёт ни к одной цели компании (выручка, CAC, LTV, LTV:CAC, ROMI).`,
        },
      });
    });
}
