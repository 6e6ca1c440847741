import "server-only";
import type { ImportMapping } from "@/lib/csv/import-mapping";
import type { Database } from "@/lib/db/client";
import { importWorkerFor } from "@/lib/jobs/import-worker";
import { commitImport } from "./commit-import";
import type { ImportRecord } from "./import-record";

/**
 * Commits an uploaded import (commitImport: status QUEUED, or BAD_USER_INPUT) and, once that
 * transaction has committed, hands it to the background job that writes it in chunks.
 */
export async function queueImport(
  db: Database,
  { workspaceId, importId, mapping }: { workspaceId: string; importId: string; mapping: ImportMapping | null },
): Promise<ImportRecord> {
  const record = await commitImport(db, { workspaceId, importId, mapping });
  await (await importWorkerFor(db)).enqueue({ workspaceId, importId });
  return record;
}
