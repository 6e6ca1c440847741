import "server-only";
import type { Database } from "@/lib/db/client";
import { UUID } from "@/lib/uuid";
import { type SqlStatement, inlineParams } from "./read-as-tenant";

/**
 * Reads from many workspaces in ONE round trip, each statement still in its own workspace's
 * tenant scope: the message is `set_config(A); A's statements; set_config(B); B's statements…`,
 * which PostgreSQL runs as one implicit transaction, statement after statement — every read
 * of A runs with app.workspace_id = A and row-level security admits only A's rows, and the
 * settings die with the transaction (see tenantReader). The agency portfolio reads its clients'
 * data versions and channel sums this way: 50 clients cost one round trip, not 50, and no
 * statement ever sees two tenants. Read-only statements only; ids must be UUIDs.
 */
export async function readAsTenants(
  db: Database,
  batches: readonly { workspaceId: string; statements: readonly SqlStatement[] }[],
): Promise<Record<string, unknown>[][][]> {
  if (batches.length === 0) return [];
  const parts: string[] = [];
  for (const b of batches) {
    if (!UUID.test(b.workspaceId)) throw new TypeError("workspaceId must be a UUID");
    parts.push(
      `SELECT set_config('app.workspace_id', '${b.workspaceId.toLowerCase()}', true), set_config('app.user_id', '', true), set_config('app.agency_id', '', true)`,
    );
    for (const s of b.statements) parts.push(inlineParams(s.text, s.params));
  }
  const results = await db.sql.execMany<Record<string, unknown>>(parts.join(";\n"));
  const out: Record<string, unknown>[][][] = [];
  let i = 0;
  for (const b of batches) {
    i++; // set_config's result
    out.push(results.slice(i, i + b.statements.length));
    i += b.statements.length;
  }
  return out;
}
