import "server-only";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { getImportOrThrow, type ImportRecord } from "./import-record";
import { removeStoredFile } from "./import-store";
import { importStatusWord } from "@/lib/errors/error-words";

/**
 * Cancels an import. Not started yet (uploaded, failed, queued): it ends at once. Running: the
 * job is asked to stop; it finishes the chunk in flight, then undoes every chunk it committed
 * and ends CANCELLED — an import is all or nothing. A committed import is rolled back instead.
 */
export async function cancelImport(
  db: Database,
  { workspaceId, importId }: { workspaceId: string; importId: string },
): Promise<ImportRecord> {
  const record = await withTenant(db, { workspaceId }, async (tx) => {
    const current = await getImportOrThrow(tx, { workspaceId, importId, lock: true });
    const where = { workspaceId_id: { workspaceId, id: importId } };
    switch (current.status) {
      case "UPLOADED":
      case "FAILED":
      case "QUEUED":
        return tx.import.update({
          where,
          data: { status: "CANCELLED", finishedAt: new Date(), cancelRequested: true },
        });
      case "VALIDATING":
      case "RUNNING":
        return tx.import.update({ where, data: { cancelRequested: true } });
      case "CANCELLED":
        return current;
      default:
        throw current.status === "COMMITTED"
          ? AppError.badInput(["id"], "IMPORT_COMMITTED_ROLL_BACK")
          : AppError.badInput(["id"], "IMPORT_IN_STATUS", { status: importStatusWord(current.status) });
    }
  });
  if (record.status === "CANCELLED") await removeStoredFile(record.storageKey);
  return record;
}
