import "server-only";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { MEMBER_INCLUDE, type MemberRow } from "./member-row";

/** One member of a workspace by membership id, or null (also for another workspace's id). */
export async function findMember(
  db: Database,
  { workspaceId, memberId }: { workspaceId: string; memberId: string },
): Promise<MemberRow | null> {
  return withTenant(db, { workspaceId }, (tx) =>
    tx.membership.findFirst({ where: { workspaceId, id: memberId }, include: MEMBER_INCLUDE }),
  );
}
