import type { ApiKey } from "@/generated/prisma/client";
import type { Database } from "@/lib/db/client";
import type { Page, PageRequest } from "@/lib/db/page";
import { withTenant } from "@/lib/tenancy/with-tenant";

/** A page of a workspace's API keys, newest first. The caller has checked apiKey.manage. */
export async function listApiKeys(
  db: Database,
  { workspaceId, offset, limit, withTotalCount }: { workspaceId: string } & PageRequest,
): Promise<Page<ApiKey>> {
  const where = { workspaceId };
  return withTenant(db, { workspaceId }, async (tx) => ({
    rows: limit > 0 ? await tx.apiKey.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "asc" }], skip: offset, take: limit }) : [],
    totalCount: withTotalCount ? await tx.apiKey.count({ where }) : null,
  }));
}
