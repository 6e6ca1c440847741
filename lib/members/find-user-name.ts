import "server-only";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/tenancy/with-tenant";

/** The name of a user as seen from a workspace (e.g. who set a target), or null. */
export async function findUserName(
  db: Database,
  { workspaceId, userId }: { workspaceId: string; userId: string },
): Promise<string | null> {
  return withTenant(
    db,
    { workspaceId },
    async (tx) => (await tx.user.findUnique({ where: { id: userId }, select: { name: true } }))?.name ?? null,
  );
}
