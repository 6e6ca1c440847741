import { createFinding } from "@/lib/health-checks/create-finding";
import { OWNER_LABELS } from "@/lib/health-checks/format-for-message";
import type { HealthCheckFinding, HealthCheckInput } from "@/lib/health-checks/types";
import { KPI_COUNT_MAX, KPI_COUNT_MIN } from "@/lib/scorecards/method-constants";
import type { KpiOwner } from "@/lib/scorecards/types";

/**
 * ROLE_KPI_COUNT_LOW / ROLE_KPI_COUNT_HIGH — SPEC §5: "a role with fewer than 3 or more
 * than 5 KPIs". Counts KPIs, not diagnostics (those are metrics, not KPIs). The company
 * view is not a role, so it is not counted.
 */
export function checkKpiCount({ kpis, owners }: HealthCheckInput): HealthCheckFinding[] {
  const byOwner = new Map<KpiOwner, string[]>();
  for (const kpi of kpis) {
    const keys = byOwner.get(kpi.ownerRole);
    if (keys) keys.push(kpi.key);
    else byOwner.set(kpi.ownerRole, [kpi.key]);
  }

  const checked = owners ?? [...byOwner.keys()];
  const findings: HealthCheckFinding[] = [];
  for (const owner of checked) {
    if (owner === "COMPANY") continue;
    const keys = byOwner.get(owner) ?? [];
    const label = OWNER_LABELS[owner];
    if (keys.length < KPI_COUNT_MIN) {
      findings.push(
        createFinding("ROLE_KPI_COUNT_LOW", {
          owner,
          kpiKeys: keys,
          message: {
            en: `${label.en} has ${keys.length} KPI(s); at least ${KPI_COUNT_MIN} are needed for a complete picture.`,
            ru: `У роли «${label.ru}» KPI: ${keys.length}; для полной картины нужно не меньше ${KPI_COUNT_MIN}.`,
          },
        }),
      );
    } else if (keys.length > KPI_COUNT_MAX) {
      findings.push(
        createFinding("ROLE_KPI_COUNT_HIGH", {
          owner,
          kpiKeys: keys,
          message: {
            en: `${label.en} has ${keys.length} KPIs; more than ${KPI_COUNT_MAX} and the focus is lost.`,
            ru: `У роли «${label.ru}» KPI: ${keys.length}; больше ${KPI_COUNT_MAX} — теряется фокус.`,
          },
        }),
      );
    }
  }
  return findings;
}
