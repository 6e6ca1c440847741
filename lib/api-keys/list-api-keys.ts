import "server-only";
import type { ApiKey } from "@/generated/prisma/client";
import type { Database } from "@/lib/db/client";
import { type Page, type PageRequest, readPage } from "@/lib/db/page";
import { withTenant } from "@/lib/tenancy/with-tenant";

/** A page of a workspace's API keys, newest first. The caller has checked apiKey.manage. */
export async function listApiKeys(
  db: Database,
  { workspaceId, ...page }: { workspaceId: string } & PageRequest,
): Promise<Page<ApiKey>> {
  const where = { workspaceId };
  return withTenant(db, { workspaceId }, (tx) =>
    readPage(page, {
      rows: (skip, take) => tx.apiKey.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "asc" }], skip, take }),
      count: () => tx.apiKey.count({ where }),
    }),
  );
}
