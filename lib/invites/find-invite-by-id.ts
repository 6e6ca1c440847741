import "server-only";
import type { Invite } from "@/generated/prisma/client";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/tenancy/with-tenant";

/** One invite of a workspace by id, or null (also for another workspace's id). */
export async function findInviteById(
  db: Database,
  { workspaceId, inviteId }: { workspaceId: string; inviteId: string },
): Promise<Invite | null> {
  return withTenant(db, { workspaceId }, (tx) => tx.invite.findFirst({ where: { workspaceId, id: inviteId } }));
}
