import type { LocalizedText } from "./detect-alert-changes";

/** A notification as the API shows it: the person's copy of an alert. */
export interface NotificationRecord {
  id: string;
  workspaceId: string;
  userId: string;
  alertId: string;
  rule: string;
  severity: string;
  kpiId: string | null;
  title: LocalizedText;
  body: LocalizedText;
  ruleText: LocalizedText;
  figures: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
}

export const NOTIFICATION_COLUMNS = `n.id::text AS "id", n.workspace_id::text AS "workspaceId", n.user_id::text AS "userId", n.alert_id::text AS "alertId",
  a.rule, a.severity, a.kpi_id::text AS "kpiId", a.title, a.body, a.rule_text AS "ruleText", a.figures, n.created_at AS "createdAt", n.read_at AS "readAt"`;
