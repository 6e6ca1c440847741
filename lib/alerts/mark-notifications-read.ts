import "server-only";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { withTenantSql } from "./tenant-sql";

/**
 * Marks a person's notifications read: the given ones (each must be theirs — another
 * person's or workspace's id answers NOT_FOUND and nothing changes), or all when `ids` is null.
 * Returns how many were unread before.
 */
export async function markNotificationsRead(
  db: Database,
  input: { workspaceId: string; userId: string; ids: string[] | null; now?: Date },
): Promise<number> {
  return withTenantSql(db, input.workspaceId, async (sql) => {
    if (input.ids) {
      const { rows } = await sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM notifications WHERE workspace_id = $1::uuid AND user_id = $2::uuid AND id = ANY ($3::uuid[])`,
        [input.workspaceId, input.userId, input.ids],
      );
      if (rows[0].n !== new Set(input.ids).size) throw AppError.notFound("Notification not found");
    }
    const { affected } = await sql.query(
      `UPDATE notifications SET read_at = $4 WHERE workspace_id = $1::uuid AND user_id = $2::uuid AND read_at IS NULL AND ($3::uuid[] IS NULL OR id = ANY ($3::uuid[]))`,
      [input.workspaceId, input.userId, input.ids, input.now ?? new Date()],
    );
    return affected;
  });
}
