import "server-only";
import type { Database, TransactionSql } from "@/lib/db/client";

/**
 * One transaction on the application role with the tenant set (set_config(…, true)), for the
 * reports module's plain SQL: the same RLS wall as withTenant, without Prisma's interactive
 * transaction round trips.
 */
export function withTenantSql<T>(
  db: Database,
  workspaceId: string,
  fn: (sql: TransactionSql) => Promise<T>,
): Promise<T> {
  return db.sqlTransaction(async (sql) => {
    await sql.query("SELECT set_config('app.workspace_id', $1, true), set_config('app.user_id', '', true)", [
      workspaceId,
    ]);
    return fn(sql);
  });
}

export const toDate = (v: unknown): Date | null =>
  v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v));
