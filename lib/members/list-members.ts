import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { MEMBER_INCLUDE, type MemberRow } from "./member-row";

/** A page of a workspace's members, oldest first. The caller has checked member.read. */
export async function listMembers(
  db: Database,
  { workspaceId, offset, limit }: { workspaceId: string; offset: number; limit: number },
): Promise<MemberRow[]> {
  return withTenant(db, { workspaceId }, (tx) =>
    tx.membership.findMany({
      where: { workspaceId },
      include: MEMBER_INCLUDE,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      skip: offset,
      take: limit,
    }),
  );
}
