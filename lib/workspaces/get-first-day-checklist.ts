import "server-only";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/tenancy/with-tenant";

/**
 * The first-day checklist of a workspace (issue 12): confirm currency, time zone and fiscal
 * year; bring data; set targets with the planner; invite the team. Each step ticks from the
 * workspace's own state, so doing it anywhere (the API included) counts.
 */
export interface FirstDayChecklist {
  settingsConfirmed: boolean;
  /** Facts exist (a CSV import, the API or the demo). */
  dataLoaded: boolean;
  /** A target was set by a person or the planner (template defaults do not count). */
  targetsSet: boolean;
  /** Someone was invited or another member joined. */
  teamInvited: boolean;
  dismissed: boolean;
}

export async function getFirstDayChecklist(
  db: Database,
  { workspaceId }: { workspaceId: string },
): Promise<FirstDayChecklist> {
  return withTenant(db, { workspaceId }, async (tx) => {
    const rows = await tx.$queryRawUnsafe<
      { settings: boolean; dismissed: boolean; data: boolean; targets: boolean; team: boolean }[]
    >(
      `SELECT w.settings_confirmed_at IS NOT NULL AS settings,
              w.checklist_dismissed_at IS NOT NULL AS dismissed,
              EXISTS (SELECT 1 FROM metric_daily_totals t WHERE t.workspace_id = w.id) AS data,
              EXISTS (SELECT 1 FROM kpi_target_versions v WHERE v.workspace_id = w.id AND v.source IN ('manual', 'planner')) AS targets,
              (EXISTS (SELECT 1 FROM invites i WHERE i.workspace_id = w.id)
                OR (SELECT count(*) FROM memberships m WHERE m.workspace_id = w.id) > 1) AS team
         FROM workspaces w
        WHERE w.id = $1::uuid`,
      workspaceId,
    );
    const row = rows[0];
    return {
      settingsConfirmed: Boolean(row?.settings),
      dataLoaded: Boolean(row?.data),
      targetsSet: Boolean(row?.targets),
      teamInvited: Boolean(row?.team),
      dismissed: Boolean(row?.dismissed),
    };
  });
}
