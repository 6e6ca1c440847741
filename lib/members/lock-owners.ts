import "server-only";
import type { Tx } from "@/lib/tenancy/with-tenant";

/**
 * Locks the workspace's OWNER memberships (FOR UPDATE, in id order so two transactions
 * queue instead of deadlocking) and returns their ids. A concurrent demotion or removal
 * waits here; when it proceeds, PostgreSQL re-checks `role = 'OWNER'` on the rows it waited
 * for, so it counts the owners as they are after the other change committed. Two
 * simultaneous "demote the other owner" requests therefore cannot both pass the
 * at-least-one-owner check.
 */
export async function lockOwners(tx: Tx, workspaceId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM memberships
    WHERE workspace_id = ${workspaceId}::uuid AND role = 'OWNER'
    ORDER BY id
    FOR UPDATE`;
  return rows.map((r) => r.id);
}
