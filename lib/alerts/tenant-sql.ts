import "server-only";
import type { Database, TransactionSql } from "@/lib/db/client";

/**
 * One raw-SQL transaction on the application role with the tenant set (set_config(…, true),
 * so it dies with the transaction): the alert and webhook tables are written set-based, and
 * RLS confines every statement to `workspaceId`.
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
