import type { Workspace } from "@/generated/prisma/client";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/tenancy/with-tenant";

export interface UserWorkspace {
  workspace: Workspace;
  role: string;
}

/**
 * The workspaces a user belongs to, with their role in each. Runs in a transaction that names
 * no workspace, where only the "of user" policies apply (see the platform migration).
 */
export async function listUserWorkspaces(db: Database, { userId }: { userId: string }): Promise<UserWorkspace[]> {
  return withTenant(db, { workspaceId: null, userId }, async (tx) => {
    const memberships = await tx.membership.findMany({
      where: { userId },
      include: { workspace: true },
      orderBy: { createdAt: "asc" },
    });
    return memberships.map((m) => ({ workspace: m.workspace, role: m.role }));
  });
}
