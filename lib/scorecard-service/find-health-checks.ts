import "server-only";
import type { Database } from "@/lib/db/client";
import type { HealthCheckFinding } from "@/lib/health-checks/types";
import type { Period } from "@/lib/periods/period";
import type { ScorecardOwner } from "@/lib/permissions/registry";
import { loadScorecardContext } from "./load-scorecard-context";
import type { PeriodRequest, WorkspaceCalendar } from "./resolve-scorecard-period";
import { findingsFor, runWorkspaceHealthChecks } from "./run-workspace-health-checks";

/** The health checks of one period, for the scorecards in `owners` (null = all). */
export async function findHealthChecks(
  db: Database,
  input: {
    workspaceId: string;
    calendar: WorkspaceCalendar;
    period?: PeriodRequest | null;
    now: Date;
    dataVersion?: Promise<string>;
    owners: readonly ScorecardOwner[] | null;
  },
): Promise<{ period: Period; findings: HealthCheckFinding[] }> {
  const ctx = await loadScorecardContext(db, input);
  const all = runWorkspaceHealthChecks(ctx);
  return { period: ctx.period, findings: input.owners ? findingsFor(all, input.owners) : all };
}
