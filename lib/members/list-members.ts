import type { Database } from "@/lib/db/client";
import type { Page, PageRequest } from "@/lib/db/page";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { MEMBER_INCLUDE, type MemberRow } from "./member-row";

/** A page of a workspace's members, oldest first. The caller has checked member.read. */
export async function listMembers(
  db: Database,
  { workspaceId, offset, limit, withTotalCount }: { workspaceId: string } & PageRequest,
): Promise<Page<MemberRow>> {
  const where = { workspaceId };
  return withTenant(db, { workspaceId }, async (tx) => ({
    rows:
      limit > 0
        ? await tx.membership.findMany({ where, include: MEMBER_INCLUDE, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip: offset, take: limit })
        : [],
    totalCount: withTotalCount ? await tx.membership.count({ where }) : null,
  }));
}
