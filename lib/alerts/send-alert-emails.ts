import "server-only";
import type { Database, TransactionSql } from "@/lib/db/client";
import { env } from "@/lib/env";
import { sendMail } from "@/lib/mail/send-mail";
import { type MailAlert, alertEmail } from "./alert-email";
import { DEFAULT_PREFERENCE } from "./notification-preference";
import { withTenantSql } from "./tenant-sql";

interface Claimed extends MailAlert {
  user_id: string;
  email: string;
  locale: string | null;
}

async function workspaceOf(sql: TransactionSql, workspaceId: string) {
  const { rows } = await sql.query<{ name: string; slug: string }>(
    "SELECT name, slug FROM workspaces WHERE id = $1::uuid",
    [workspaceId],
  );
  return rows[0];
}

const notificationsUrl = (slug: string) => `${env().APP_URL ?? "http://localhost:3000"}/w/${slug}/notifications`;

/**
 * Sends the e-mails of new notifications whose recipients want them at once, and marks the
 * ones of recipients who turned e-mail off. Each notification is claimed (emailed_at set)
 * before its mail goes out, so two instances never send it twice. Returns mails sent.
 */
export async function sendImmediateAlertEmails(db: Database, input: { workspaceId: string }): Promise<number> {
  const { workspace, claimed } = await withTenantSql(db, input.workspaceId, async (sql) => {
    await sql.query(
      `UPDATE notifications n SET emailed_at = now(), email_kind = 'OFF'
       FROM notification_preferences p
       WHERE n.workspace_id = $1::uuid AND n.emailed_at IS NULL AND p.workspace_id = n.workspace_id AND p.user_id = n.user_id AND p.delivery = 'OFF'`,
      [input.workspaceId],
    );
    const { rows } = await sql.query<Claimed>(
      `UPDATE notifications n SET emailed_at = now(), email_kind = 'IMMEDIATE'
       FROM alerts a, users u
       WHERE n.workspace_id = $1::uuid AND n.emailed_at IS NULL AND a.workspace_id = n.workspace_id AND a.id = n.alert_id AND u.id = n.user_id
         AND coalesce((SELECT p.delivery FROM notification_preferences p WHERE p.workspace_id = n.workspace_id AND p.user_id = n.user_id), $2) = 'IMMEDIATE'
       RETURNING n.user_id::text, u.email, u.locale, a.title, a.body, a.rule_text AS "ruleText"`,
      [input.workspaceId, DEFAULT_PREFERENCE.delivery],
    );
    return { workspace: rows.length ? await workspaceOf(sql, input.workspaceId) : null, claimed: rows };
  });
  if (!workspace) return 0;
  let sent = 0;
  for (const n of claimed) {
    const ok = await sendMail(
      alertEmail({
        to: n.email,
        locale: n.locale,
        workspaceName: workspace.name,
        url: notificationsUrl(workspace.slug),
        alerts: [n],
        digest: false,
      }),
    );
    if (ok) sent++;
  }
  return sent;
}

/**
 * Sends one digest to a person: every notification of theirs not yet e-mailed, in one mail,
 * oldest first. The caller has claimed the digest's slot (exactly once). Returns whether a mail
 * went out (nothing new → no mail).
 */
export async function sendDigest(
  db: Database,
  input: { workspaceId: string; userId: string; kind: "DAILY_DIGEST" | "WEEKLY_DIGEST" },
): Promise<boolean> {
  const { workspace, claimed } = await withTenantSql(db, input.workspaceId, async (sql) => {
    const { rows } = await sql.query<Claimed & { created_at: Date }>(
      `UPDATE notifications n SET emailed_at = now(), email_kind = $3
       FROM alerts a, users u
       WHERE n.workspace_id = $1::uuid AND n.user_id = $2::uuid AND n.emailed_at IS NULL AND a.workspace_id = n.workspace_id AND a.id = n.alert_id AND u.id = n.user_id
       RETURNING n.user_id::text, u.email, u.locale, a.title, a.body, a.rule_text AS "ruleText", n.created_at`,
      [input.workspaceId, input.userId, input.kind],
    );
    return {
      workspace: rows.length ? await workspaceOf(sql, input.workspaceId) : null,
      claimed: rows.sort((a, b) => +a.created_at - +b.created_at),
    };
  });
  if (!workspace || claimed.length === 0) return false;
  return sendMail(
    alertEmail({
      to: claimed[0].email,
      locale: claimed[0].locale,
      workspaceName: workspace.name,
      url: notificationsUrl(workspace.slug),
      alerts: claimed,
      digest: true,
    }),
  );
}
