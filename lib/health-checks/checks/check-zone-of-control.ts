import { createFinding } from "@/lib/health-checks/create-finding";
import { OWNER_LABELS, kpiLabel } from "@/lib/health-checks/format-for-message";
import type { HealthCheckFinding, HealthCheckInput } from "@/lib/health-checks/types";
import { isInZoneOfControl } from "@/lib/health-checks/zone-of-control";

/** OUTSIDE_ZONE_OF_CONTROL — SPEC §5: "a KPI outside the role's zone of control (e.g. revenue on SMM)". */
export function checkZoneOfControl({ kpis, metricNames }: HealthCheckInput): HealthCheckFinding[] {
  return kpis
    .filter((kpi) => !isInZoneOfControl(kpi.ownerRole, kpi.metricKey))
    .map((kpi) => {
      const label = OWNER_LABELS[kpi.ownerRole];
      const name = kpiLabel(kpi, metricNames);
      return createFinding("OUTSIDE_ZONE_OF_CONTROL", {
        owner: kpi.ownerRole,
        kpiKeys: [kpi.key],
        message: {
          en: `${label.en} owns a KPI on “${name.en}”, which this role cannot directly influence.`,
          ru: `У роли «${label.ru}» KPI по метрике «${name.ru}», на которую эта роль не влияет напрямую.`,
        },
      });
    });
}
