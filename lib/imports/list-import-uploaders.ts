import "server-only";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/tenancy/with-tenant";

/**
 * The names of the members who uploaded the workspace's imports, by user id: read once for a
 * whole import list instead of once per import.
 */
export async function listImportUploaders(
  db: Database,
  { workspaceId }: { workspaceId: string },
): Promise<Map<string, string>> {
  return withTenant(db, { workspaceId }, async (tx) => {
    const uploads = await tx.import.findMany({
      where: { workspaceId, createdByUserId: { not: null } },
      distinct: ["createdByUserId"],
      select: { createdByUserId: true },
    });
    const ids = uploads.map((u) => u.createdByUserId!);
    const users = ids.length
      ? await tx.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })
      : [];
    return new Map(users.map((u) => [u.id, u.name]));
  });
}
