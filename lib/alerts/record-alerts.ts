import "server-only";
import type { TransactionSql } from "@/lib/db/client";
import { enqueueWebhookEvent } from "@/lib/webhooks/enqueue-webhook-event";
import type { AlertDraft } from "./detect-alert-changes";
import { type MemberRow, resolveRecipients } from "./resolve-recipients";

/**
 * Records fired alerts inside the caller's tenant transaction: the alert, one notification per
 * recipient, and an "alert raised" webhook event. Returns the alert ids.
 */
export async function recordAlerts(
  sql: TransactionSql,
  workspaceId: string,
  drafts: readonly AlertDraft[],
  at: Date,
): Promise<string[]> {
  if (drafts.length === 0) return [];
  const { rows: members } = await sql.query<MemberRow>(
    `SELECT user_id::text AS "userId", role FROM memberships WHERE workspace_id = $1::uuid`,
    [workspaceId],
  );
  const ids: string[] = [];
  for (const d of drafts) {
    const { rows } = await sql.query<{ id: string }>(
      `INSERT INTO alerts (workspace_id, rule, subject, kpi_id, severity, title, body, rule_text, figures, created_at)
       VALUES ($1::uuid, $2, $3, $4::uuid, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9::jsonb, $10) RETURNING id::text`,
      [
        workspaceId,
        d.rule,
        d.subject,
        d.kpiId,
        d.severity,
        JSON.stringify(d.title),
        JSON.stringify(d.body),
        JSON.stringify(d.ruleText),
        JSON.stringify(d.figures),
        at,
      ],
    );
    const alertId = rows[0].id;
    ids.push(alertId);
    const recipients = resolveRecipients(d.audience, members);
    if (recipients.length > 0) {
      await sql.query(
        `INSERT INTO notifications (workspace_id, user_id, alert_id, created_at) SELECT $1::uuid, u::uuid, $2::uuid, $4 FROM unnest($3::text[]) AS u`,
        [workspaceId, alertId, recipients, at],
      );
    }
    await enqueueWebhookEvent(sql, {
      workspaceId,
      event: "ALERT_RAISED",
      at,
      data: {
        alert: {
          id: alertId,
          rule: d.rule,
          severity: d.severity,
          title: d.title,
          body: d.body,
          ruleText: d.ruleText,
          figures: d.figures,
        },
      },
    });
  }
  return ids;
}
