import { createFinding } from "@/lib/health-checks/create-finding";
import { OWNER_LABELS, kpiLabel } from "@/lib/health-checks/format-for-message";
import type { HealthCheckFinding, HealthCheckInput } from "@/lib/health-checks/types";
import { scopedMetricKey } from "@/lib/scorecards/scoped-metric-key";

/** KPI_NO_DATA — SPEC §5: "a KPI with no data in the period" (read in the KPI's channel scope). */
export function checkKpiNoData({ kpis, values, metricNames }: HealthCheckInput): HealthCheckFinding[] {
  return kpis
    .filter((kpi) => values[scopedMetricKey(kpi.metricKey, kpi.channelScope)] == null)
    .map((kpi) => {
      const name = kpiLabel(kpi, metricNames);
      const owner = OWNER_LABELS[kpi.ownerRole];
      return createFinding("KPI_NO_DATA", {
        owner: kpi.ownerRole,
        kpiKeys: [kpi.key],
        message: {
          en: `The KPI “${name.en}” (${owner.en}) has no data in this period.`,
          ru: `У KPI «${name.ru}» («${owner.ru}») нет данных за этот период.`,
        },
      });
    });
}
