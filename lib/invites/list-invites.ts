import type { Invite } from "@/generated/prisma/client";
import type { Database } from "@/lib/db/client";
import type { Page, PageRequest } from "@/lib/db/page";
import { withTenant } from "@/lib/tenancy/with-tenant";

/** A page of a workspace's invites, newest first. The caller has checked invite.manage. */
export async function listInvites(
  db: Database,
  { workspaceId, offset, limit, withTotalCount }: { workspaceId: string } & PageRequest,
): Promise<Page<Invite>> {
  const where = { workspaceId };
  return withTenant(db, { workspaceId }, async (tx) => ({
    rows: limit > 0 ? await tx.invite.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "asc" }], skip: offset, take: limit }) : [],
    totalCount: withTotalCount ? await tx.invite.count({ where }) : null,
  }));
}
