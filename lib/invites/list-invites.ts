import "server-only";
import type { Invite } from "@/generated/prisma/client";
import type { Database } from "@/lib/db/client";
import { type Page, type PageRequest, readPage } from "@/lib/db/page";
import { withTenant } from "@/lib/tenancy/with-tenant";

/** A page of a workspace's invites, newest first. The caller has checked invite.manage. */
export async function listInvites(
  db: Database,
  { workspaceId, ...page }: { workspaceId: string } & PageRequest,
): Promise<Page<Invite>> {
  const where = { workspaceId };
  return withTenant(db, { workspaceId }, (tx) =>
    readPage(page, {
      rows: (skip, take) => tx.invite.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "asc" }], skip, take }),
      count: () => tx.invite.count({ where }),
    }),
  );
}
