import { createFinding } from "@/lib/health-checks/create-finding";
import type { HealthCheckFinding, HealthCheckInput } from "@/lib/health-checks/types";
import { scopedMetricKey } from "@/lib/scorecards/scoped-metric-key";

/** KPI_NO_DATA — SPEC §5: "a KPI with no data in the period" (read in the KPI's channel scope). */
export function checkKpiNoData({ kpis, values }: HealthCheckInput): HealthCheckFinding[] {
  return kpis
    .filter((kpi) => values[scopedMetricKey(kpi.metricKey, kpi.channelScope)] == null)
    .map((kpi) => {
      const key = scopedMetricKey(kpi.metricKey, kpi.channelScope);
      return createFinding("KPI_NO_DATA", {
        owner: kpi.ownerRole,
        kpiKeys: [kpi.key],
        message: {
          en: `KPI ${kpi.key} has no data for ${key} in this period.`,
          ru: `У KPI ${kpi.key} нет данных по ${key} за этот период.`,
        },
      });
    });
}
