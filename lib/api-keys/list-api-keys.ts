import type { ApiKey } from "@/generated/prisma/client";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/tenancy/with-tenant";

/** A page of a workspace's API keys, newest first. The caller has checked apiKey.manage. */
export async function listApiKeys(
  db: Database,
  { workspaceId, offset, limit }: { workspaceId: string; offset: number; limit: number },
): Promise<ApiKey[]> {
  return withTenant(db, { workspaceId }, (tx) =>
    tx.apiKey.findMany({ where: { workspaceId }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], skip: offset, take: limit }),
  );
}
