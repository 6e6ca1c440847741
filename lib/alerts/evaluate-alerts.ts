import "server-only";
import type { Database } from "@/lib/db/client";
import { localDateInTimeZone } from "@/lib/periods/local-date-in-time-zone";
import { DATA_VERSION_SQL } from "@/lib/data-version/data-version-cache";
import { enqueueWebhookEvent } from "@/lib/webhooks/enqueue-webhook-event";
import { type WorkspaceFacts, observeDataFeeds, observeScorecards } from "./collect-observations";
import { detectAlertChanges, stateKey } from "./detect-alert-changes";
import { recordAlerts } from "./record-alerts";
import { withTenantSql } from "./tenant-sql";

export interface EvaluateAlertsResult {
  /** True when nothing changed since the last evaluation (same data version, same local day). */
  skipped: boolean;
  alertIds: string[];
  statusChanges: number;
}

/**
 * Evaluates every alert rule of a workspace (SPEC §8a) and records what changed: alerts,
 * notifications, webhook events, new states. Cheap when nothing changed: the workspace's data
 * version and local day are compared with the last evaluation's first, so a page view or a
 * repeated call costs one small read and fires nothing. Serialised per workspace by an
 * advisory lock, so two instances evaluating at once fire each change once.
 */
export async function evaluateAlerts(
  db: Database,
  input: { workspaceId: string; now?: Date; force?: boolean },
): Promise<EvaluateAlertsResult> {
  const { workspaceId } = input;
  const now = input.now ?? new Date();
  const head = await withTenantSql(db, workspaceId, async (sql) => {
    const { rows } = await sql.query<{
      name: string;
      currency: string;
      time_zone: string;
      fiscal_year_start_month: number;
      version: string;
      mark: string | null;
    }>(
      `SELECT w.name, w.currency, w.time_zone, w.fiscal_year_start_month, (${DATA_VERSION_SQL.replace("$1::uuid", "w.id")}) AS version,
              (SELECT state FROM alert_states s WHERE s.workspace_id = w.id AND s.rule = 'evaluation' AND s.subject = 'workspace') AS mark
       FROM workspaces w WHERE w.id = $1::uuid`,
      [workspaceId],
    );
    return rows[0] ?? null;
  });
  if (!head) return { skipped: true, alertIds: [], statusChanges: 0 };
  const workspace: WorkspaceFacts = {
    name: head.name,
    currency: head.currency,
    timeZone: head.time_zone,
    fiscalYearStartMonth: head.fiscal_year_start_month,
  };
  const mark = `${head.version}|${localDateInTimeZone(now, workspace.timeZone)}`;
  if (!input.force && head.mark === mark) return { skipped: true, alertIds: [], statusChanges: 0 };

  // The scorecard engine reads on its own (cached per data version); outside the transaction
  // below, since the embedded database has one connection.
  const fromScorecards = await observeScorecards(db, { workspaceId, workspace, now });
  return withTenantSql(db, workspaceId, async (sql) => {
    await sql.query("SELECT pg_advisory_xact_lock(hashtextextended('alerts:' || $1, 0))", [workspaceId]);
    const observations = [...fromScorecards, ...(await observeDataFeeds(sql, { workspaceId, workspace, now }))];
    const { rows } = await sql.query<{ rule: string; subject: string; state: string }>(
      `SELECT rule, subject, state FROM alert_states WHERE workspace_id = $1::uuid`,
      [workspaceId],
    );
    const stored = new Map(rows.map((r) => [stateKey(r.rule, r.subject), r.state]));
    const changes = detectAlertChanges(observations, stored);
    const states = [...changes.states, { family: "evaluation", subject: "workspace", state: mark }];
    await sql.query(
      `INSERT INTO alert_states (workspace_id, rule, subject, state, updated_at)
       SELECT $1::uuid, r, s, st, now() FROM unnest($2::text[], $3::text[], $4::text[]) AS x(r, s, st)
       ON CONFLICT (workspace_id, rule, subject) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
      [workspaceId, states.map((s) => s.family), states.map((s) => s.subject), states.map((s) => s.state)],
    );
    const alertIds = await recordAlerts(sql, workspaceId, changes.alerts, now);
    for (const change of changes.statusChanges) {
      await enqueueWebhookEvent(sql, {
        workspaceId,
        event: "KPI_STATUS_CHANGED",
        at: now,
        data: { kpiId: change.subject, from: change.from, to: change.to, figures: change.figures },
      });
    }
    return { skipped: false, alertIds, statusChanges: changes.statusChanges.length };
  });
}
