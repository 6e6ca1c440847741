import "server-only";
import type { Workspace } from "@/generated/prisma/client";
import type { Database } from "@/lib/db/client";
import { tenantReader } from "@/lib/tenancy/read-as-tenant";
import { WORKSPACE_COLUMNS, toWorkspace } from "./workspace-row";

/** A workspace by id, read inside its own tenant scope (one round trip). The caller has checked access. */
export async function findWorkspace(db: Database, { workspaceId }: { workspaceId: string }): Promise<Workspace | null> {
  const [rows] = await tenantReader(
    db,
    workspaceId,
  )([{ text: `SELECT ${WORKSPACE_COLUMNS} FROM workspaces w WHERE w.id = $1::uuid`, params: [workspaceId] }]);
  return rows[0] ? toWorkspace(rows[0]) : null;
}
