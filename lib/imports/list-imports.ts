import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/tenancy/with-tenant";
import type { ImportRecord } from "./import-record";

/** A workspace's import history, newest first. */
export async function listImports(db: Database, { workspaceId, offset, limit }: { workspaceId: string; offset: number; limit: number }): Promise<ImportRecord[]> {
  return withTenant(db, { workspaceId }, (tx) =>
    tx.import.findMany({ where: { workspaceId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: offset, take: limit }),
  );
}
