import "server-only";
import type { Database } from "@/lib/db/client";
import type { Page, PageRequest } from "@/lib/db/page";
import { NOTIFICATION_COLUMNS, type NotificationRecord } from "./notification-record";
import { withTenantSql } from "./tenant-sql";

/** A person's notifications in a workspace, newest first (unread only when asked). */
export function listNotifications(
  db: Database,
  input: { workspaceId: string; userId: string; unreadOnly?: boolean } & PageRequest,
): Promise<Page<NotificationRecord>> {
  const unread = input.unreadOnly ? "AND n.read_at IS NULL" : "";
  return withTenantSql(db, input.workspaceId, async (sql) => {
    const rows =
      input.limit > 0
        ? (
            await sql.query<NotificationRecord>(
              `SELECT ${NOTIFICATION_COLUMNS} FROM notifications n JOIN alerts a ON a.workspace_id = n.workspace_id AND a.id = n.alert_id
               WHERE n.workspace_id = $1::uuid AND n.user_id = $2::uuid ${unread}
               ORDER BY n.created_at DESC, n.id LIMIT $3 OFFSET $4`,
              [input.workspaceId, input.userId, input.limit, input.offset],
            )
          ).rows
        : [];
    const totalCount = input.withTotalCount
      ? (
          await sql.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM notifications n WHERE n.workspace_id = $1::uuid AND n.user_id = $2::uuid ${unread}`,
            [input.workspaceId, input.userId],
          )
        ).rows[0].n
      : null;
    return { rows, totalCount };
  });
}

/** How many of a person's notifications in a workspace are unread (the header's badge). */
export async function countUnreadNotifications(
  db: Database,
  input: { workspaceId: string; userId: string },
): Promise<number> {
  return withTenantSql(db, input.workspaceId, async (sql) => {
    const { rows } = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notifications WHERE workspace_id = $1::uuid AND user_id = $2::uuid AND read_at IS NULL`,
      [input.workspaceId, input.userId],
    );
    return rows[0].n;
  });
}

/** One of a person's notifications, or null (someone else's answers the same as a missing one). */
export async function findNotification(
  db: Database,
  input: { workspaceId: string; userId: string; notificationId: string },
): Promise<NotificationRecord | null> {
  return withTenantSql(db, input.workspaceId, async (sql) => {
    const { rows } = await sql.query<NotificationRecord>(
      `SELECT ${NOTIFICATION_COLUMNS} FROM notifications n JOIN alerts a ON a.workspace_id = n.workspace_id AND a.id = n.alert_id
       WHERE n.workspace_id = $1::uuid AND n.user_id = $2::uuid AND n.id = $3::uuid`,
      [input.workspaceId, input.userId, input.notificationId],
    );
    return rows[0] ?? null;
  });
}
