import type { Database } from "@/lib/db/client";
import type { Page, PageRequest } from "@/lib/db/page";
import { withTenant } from "@/lib/tenancy/with-tenant";
import type { ImportRecord } from "./import-record";

/** A workspace's import history, newest first. */
export async function listImports(
  db: Database,
  { workspaceId, offset, limit, withTotalCount }: { workspaceId: string } & PageRequest,
): Promise<Page<ImportRecord>> {
  const where = { workspaceId };
  return withTenant(db, { workspaceId }, async (tx) => ({
    rows: limit > 0 ? await tx.import.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: offset, take: limit }) : [],
    totalCount: withTotalCount ? await tx.import.count({ where }) : null,
  }));
}
