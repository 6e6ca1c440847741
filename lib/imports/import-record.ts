import "server-only";
import type { Import } from "@/generated/prisma/client";
import type { ImportMapping } from "@/lib/csv/import-mapping";
import type { Tx } from "@/lib/tenancy/with-tenant";
import { AppError } from "@/lib/errors/app-error";
import type { FactPreview, ImportReport } from "./analyze-import-file";

export type ImportRecord = Import;

export const IMPORT_STATUSES = [
  "UPLOADED",
  "QUEUED",
  "VALIDATING",
  "RUNNING",
  "COMMITTED",
  "FAILED",
  "CANCELLED",
  "ROLLED_BACK",
] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
/** Statuses a worker is (or will be) busy with. */
export const LIVE_STATUSES: readonly ImportStatus[] = ["QUEUED", "VALIDATING", "RUNNING"];

export const mappingOf = (r: ImportRecord) => r.mapping as unknown as ImportMapping;
export const suggestedMappingOf = (r: ImportRecord) => r.suggestedMapping as unknown as ImportMapping;
export const reportOf = (r: ImportRecord) => r.report as unknown as ImportReport;
export const previewOf = (r: ImportRecord) => r.preview as unknown as FactPreview[];
export const headersOf = (r: ImportRecord) => r.headers as unknown as string[];
export const sampleRowsOf = (r: ImportRecord) => r.sampleRows as unknown as string[][];

/** An import of the transaction's workspace, or NOT_FOUND (another tenant's id reads as missing). */
export async function getImportOrThrow(
  tx: Tx,
  { workspaceId, importId, lock = false }: { workspaceId: string; importId: string; lock?: boolean },
): Promise<ImportRecord> {
  if (lock) {
    // Serialises state changes of one import (commit / cancel / rollback / the worker's claim).
    await tx.$queryRawUnsafe(
      `SELECT 1 FROM imports WHERE workspace_id = $1::uuid AND id = $2::uuid FOR UPDATE`,
      workspaceId,
      importId,
    );
  }
  const record = await tx.import.findFirst({ where: { workspaceId, id: importId } });
  if (!record) throw AppError.notFound("Import not found");
  return record;
}
