import { runHealthChecks } from "@/lib/health-checks/run-health-checks";
import type { HealthCheckFinding } from "@/lib/health-checks/types";
import { SCORECARD_OWNERS, type ScorecardOwner } from "@/lib/permissions/registry";
import type { ScorecardContext } from "./load-scorecard-context";

/**
 * Every health check of SPEC §5 over the workspace's KPIs and the period's values, for all
 * scorecards (a role with no KPIs at all is flagged too). The previous values are the
 * comparable span of the previous period, as the quantity trap needs.
 */
export function runWorkspaceHealthChecks(ctx: ScorecardContext): HealthCheckFinding[] {
  return runHealthChecks({
    kpis: ctx.definitions.kpis,
    values: ctx.current.values,
    previousValues: ctx.previousToDate.values,
    owners: SCORECARD_OWNERS,
    metricNames: new Map(
      [...ctx.definitions.metricDefinitions.customMeasures, ...ctx.definitions.metricDefinitions.customMetrics].map(
        (m) => [m.key, m.name],
      ),
    ),
  });
}

/**
 * The findings a set of scorecards shows: their own, plus workspace-wide critical findings
 * (LTV:CAC below 3 concerns every role: unit economics that don't close).
 */
export function findingsFor(
  findings: readonly HealthCheckFinding[],
  owners: readonly ScorecardOwner[],
): HealthCheckFinding[] {
  const wanted = new Set<string>(owners);
  return findings.filter((f) => wanted.has(f.owner) || (f.owner === "COMPANY" && f.severity === "critical"));
}
