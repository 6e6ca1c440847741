import type { Invite } from "@/generated/prisma/client";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/tenancy/with-tenant";

/** A page of a workspace's invites, newest first. The caller has checked invite.manage. */
export async function listInvites(
  db: Database,
  { workspaceId, offset, limit }: { workspaceId: string; offset: number; limit: number },
): Promise<Invite[]> {
  return withTenant(db, { workspaceId }, (tx) =>
    tx.invite.findMany({ where: { workspaceId }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], skip: offset, take: limit }),
  );
}
