import "server-only";
import type { Database } from "@/lib/db/client";
import { type Page, type PageRequest, readPage } from "@/lib/db/page";
import { withTenant } from "@/lib/tenancy/with-tenant";
import type { ImportRecord } from "./import-record";

/** A workspace's import history, newest first. */
export async function listImports(
  db: Database,
  { workspaceId, ...page }: { workspaceId: string } & PageRequest,
): Promise<Page<ImportRecord>> {
  const where = { workspaceId };
  return withTenant(db, { workspaceId }, (tx) =>
    readPage(page, {
      rows: (skip, take) => tx.import.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip, take }),
      count: () => tx.import.count({ where }),
    }),
  );
}
