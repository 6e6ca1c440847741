import { checkHighCtrNoConversion } from "@/lib/health-checks/checks/check-high-ctr-no-conversion";
import { checkKpiCount } from "@/lib/health-checks/checks/check-kpi-count";
import { checkKpiNoData } from "@/lib/health-checks/checks/check-kpi-no-data";
import { checkLtvToCac } from "@/lib/health-checks/checks/check-ltv-to-cac";
import { checkProcessMetricAsKpi } from "@/lib/health-checks/checks/check-process-metric-as-kpi";
import { checkQuantityTrap } from "@/lib/health-checks/checks/check-quantity-trap";
import { checkTiedToCompanyTarget } from "@/lib/health-checks/checks/check-tied-to-company-target";
import { checkZoneOfControl } from "@/lib/health-checks/checks/check-zone-of-control";
import type { HealthCheckFinding, HealthCheckInput, HealthCheckSeverity } from "@/lib/health-checks/types";

const CHECKS = [
  checkLtvToCac,
  checkQuantityTrap,
  checkHighCtrNoConversion,
  checkKpiCount,
  checkZoneOfControl,
  checkTiedToCompanyTarget,
  checkProcessMetricAsKpi,
  checkKpiNoData,
] as const;

const SEVERITY_ORDER: Record<HealthCheckSeverity, number> = { critical: 0, warning: 1, info: 2 };

/**
 * Runs every health check of SPEC §5 over a workspace's KPIs and one period's values.
 * Pure. Findings come most severe first; within a severity, in check order (unit
 * economics, then funnel quality, then KPI design, then data) — a stable order, so a
 * UI and a test can rely on it. Filter by `owner` to show one scorecard's findings.
 */
export function runHealthChecks(input: HealthCheckInput): HealthCheckFinding[] {
  const findings = CHECKS.flatMap((check) => check(input));
  // Array.prototype.sort is stable, so check order survives within a severity.
  return findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
