import { createFinding } from "@/lib/health-checks/create-finding";
import { OWNER_LABELS, kpiLabel, metricLabel } from "@/lib/health-checks/format-for-message";
import type { HealthCheckFinding, HealthCheckInput } from "@/lib/health-checks/types";
import { findCompanyTarget } from "@/lib/scorecards/find-company-target";
import { metricTraits } from "@/lib/metrics/metric-traits";

/**
 * PROCESS_METRIC_AS_KPI — SPEC §5: "a process metric used as a KPI".
 *
 * Severity depends on the tie: the seeds accept tactical metrics "only in connection
 * with the top-level KPIs". A process KPI that drives a company target is "info" —
 * allowed, but judge it through that target; one that drives nothing is "warning" —
 * the business is paying for activity. (The SPEC's own SMM and Content templates use
 * engagement rate, landing conversion and email click rate as KPIs, tied to company
 * targets: they get the "info" note, which is the honest reading of the seeds.)
 */
export function checkProcessMetricAsKpi({ kpis, metricNames }: HealthCheckInput): HealthCheckFinding[] {
  const byKey = new Map(kpis.map((k) => [k.key, k]));
  return kpis
    .filter((kpi) => metricTraits(kpi.metricKey).class === "process")
    .map((kpi) => {
      const target = findCompanyTarget(kpi, byKey);
      const label = OWNER_LABELS[kpi.ownerRole];
      const name = kpiLabel(kpi, metricNames);
      const targetName = target ? metricLabel(target.metricKey, metricNames) : null;
      return createFinding("PROCESS_METRIC_AS_KPI", {
        owner: kpi.ownerRole,
        kpiKeys: [kpi.key],
        severity: target ? "info" : "warning",
        message: target
          ? {
              en: `“${name.en}” (${label.en}) is a process metric; it is tied to “${targetName!.en}”, so judge it by that result.`,
              ru: `«${name.ru}» («${label.ru}») — метрика процесса; она привязана к результату «${targetName!.ru}», оценивайте её по нему.`,
            }
          : {
              en: `“${name.en}” (${label.en}) is a process metric used as a KPI and tied to no company result.`,
              ru: `«${name.ru}» («${label.ru}») — метрика процесса в роли KPI, не привязанная ни к одному результату компании.`,
            },
      });
    });
}
