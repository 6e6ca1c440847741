import "server-only";
import { scorecardOwnerOfRole } from "@/lib/kpis/kpi-record";
import type { WorkspaceRole } from "@/lib/permissions/roles";
import type { AlertAudience } from "./detect-alert-changes";

export interface MemberRow {
  userId: string;
  role: string;
}

/**
 * Who receives an alert. "The owners of a KPI's role" are the members whose membership role
 * lands on that KPI's scorecard (scorecardOwnerOfRole): a PERFORMANCE KPI → the members with
 * the PERFORMANCE role; a COMPANY KPI → the OWNER and ADMIN members; a SALES KPI → SALES.
 * When nobody holds the role, the workspace's OWNERs receive it, so no alert goes unheard.
 * Workspace-wide alerts (LTV:CAC, silent channel, failed import) go to OWNER, ADMIN and CMO;
 * a disabled webhook to OWNER and ADMIN. CLIENT_VIEWER receives nothing. Pure.
 */
export function resolveRecipients(audience: AlertAudience, members: readonly MemberRow[]): string[] {
  let chosen: MemberRow[];
  if (audience.kind === "scorecard") {
    chosen = members.filter((m) => scorecardOwnerOfRole(m.role as WorkspaceRole) === audience.owner);
    if (chosen.length === 0) chosen = members.filter((m) => m.role === "OWNER");
  } else {
    const roles = new Set(["OWNER", "ADMIN", ...(audience.withCmo ? ["CMO"] : [])]);
    chosen = members.filter((m) => roles.has(m.role));
  }
  return [...new Set(chosen.map((m) => m.userId))];
}
