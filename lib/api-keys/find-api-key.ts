import "server-only";
import type { ApiKey } from "@/generated/prisma/client";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/tenancy/with-tenant";

/** One API key of a workspace by id, or null (also for another workspace's id). */
export async function findApiKey(
  db: Database,
  { workspaceId, apiKeyId }: { workspaceId: string; apiKeyId: string },
): Promise<ApiKey | null> {
  return withTenant(db, { workspaceId }, (tx) => tx.apiKey.findFirst({ where: { workspaceId, id: apiKeyId } }));
}
