import "server-only";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { getImportOrThrow, type ImportRecord } from "./import-record";

/** One import of the workspace, or NOT_FOUND. */
export async function findImport(
  db: Database,
  { workspaceId, importId }: { workspaceId: string; importId: string },
): Promise<ImportRecord> {
  return withTenant(db, { workspaceId }, (tx) => getImportOrThrow(tx, { workspaceId, importId }));
}

/** The earliest committed import of the same file with the same mapping, if any (re-import detection). */
export async function findEarlierImport(db: Database, record: ImportRecord): Promise<ImportRecord | null> {
  return withTenant(db, { workspaceId: record.workspaceId }, (tx) =>
    tx.import.findFirst({
      where: {
        workspaceId: record.workspaceId,
        checksum: record.checksum,
        mappingFingerprint: record.mappingFingerprint,
        status: "COMMITTED",
        id: { not: record.id },
        createdAt: { lte: record.createdAt },
      },
      orderBy: { createdAt: "asc" },
    }),
  );
}
