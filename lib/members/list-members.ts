import "server-only";
import type { Database } from "@/lib/db/client";
import { type Page, type PageRequest, readPage } from "@/lib/db/page";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { MEMBER_INCLUDE, type MemberRow } from "./member-row";

/** A page of a workspace's members, oldest first. The caller has checked member.read. */
export async function listMembers(
  db: Database,
  { workspaceId, ...page }: { workspaceId: string } & PageRequest,
): Promise<Page<MemberRow>> {
  const where = { workspaceId };
  return withTenant(db, { workspaceId }, (tx) =>
    readPage(page, {
      rows: (skip, take) =>
        tx.membership.findMany({
          where,
          include: MEMBER_INCLUDE,
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          skip,
          take,
        }),
      count: () => tx.membership.count({ where }),
    }),
  );
}
