import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { type ImportMapping, mappingFingerprint } from "@/lib/csv/import-mapping";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { withTenant } from "@/lib/tenancy/with-tenant";
import type { ImportReport } from "./analyze-import-file";
import { getImportOrThrow, type ImportRecord } from "./import-record";
import { assertEditable, assertMappingCurrency, currencyColumns } from "./update-import-mapping";

/**
 * Queues an uploaded import for writing. With the mapping the report was made for, a report
 * with errors is refused at once (nothing would be written anyway); with a new mapping the job
 * validates the whole file first and writes nothing if any problem is found. The caller hands
 * the import to the job queue after this commits.
 */
export async function commitImport(
  db: Database,
  input: { workspaceId: string; importId: string; mapping?: ImportMapping | null },
): Promise<ImportRecord> {
  const { workspaceId, importId } = input;
  return withTenant(db, { workspaceId }, async (tx) => {
    const record = await getImportOrThrow(tx, { workspaceId, importId, lock: true });
    assertEditable(record);
    const report = record.report as unknown as ImportReport;
    const mapping = input.mapping ?? (record.mapping as unknown as ImportMapping);
    if (input.mapping) {
      const workspace = await tx.workspace.findUnique({ where: { id: workspaceId }, select: { currency: true } });
      assertMappingCurrency(input.mapping, workspace?.currency ?? "RUB", ["mapping"]);
    }
    const fingerprint = mappingFingerprint(mapping);
    if (fingerprint === report.fingerprint && record.errorCount > 0) {
      throw AppError.badInput(["id"], "IMPORT_HAS_PROBLEMS", { count: record.errorCount });
    }
    return tx.import.update({
      where: { workspaceId_id: { workspaceId, id: importId } },
      data: {
        mapping: mapping as unknown as Prisma.InputJsonValue,
        mappingFingerprint: fingerprint,
        ...currencyColumns(mapping),
        status: "QUEUED",
        cancelRequested: false,
        commitRequestedAt: new Date(),
        rowsDone: 0,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        attempts: 0,
        error: null,
        heartbeatAt: null,
        finishedAt: null,
      },
    });
  });
}
