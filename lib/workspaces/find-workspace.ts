import type { Workspace } from "@/generated/prisma/client";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/tenancy/with-tenant";

/** A workspace by id, read inside its own tenant scope. The caller has checked access. */
export async function findWorkspace(db: Database, { workspaceId }: { workspaceId: string }): Promise<Workspace | null> {
  return withTenant(db, { workspaceId }, (tx) => tx.workspace.findFirst({ where: { id: workspaceId } }));
}
