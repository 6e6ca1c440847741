import type { Prisma } from "@/generated/prisma/client";
import type { ImportMapping } from "@/lib/csv/import-mapping";
import type { NumberStyle } from "@/lib/csv/parse-number";
import type { CsvEncoding } from "@/lib/csv/detect-encoding";
import type { Delimiter } from "@/lib/csv/detect-delimiter";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { loadMetricDefinitions } from "@/lib/metric-store/load-metric-definitions";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { analyzeImportFile } from "./analyze-import-file";
import { getImportOrThrow, type ImportRecord } from "./import-record";
import { pathOfStorageKey, spillPathOfStorageKey } from "./import-store";

/**
 * Re-validates an uploaded file with another mapping (and optionally number style) and stores
 * the new preview and report: the user sees every problem before committing.
 */
export async function updateImportMapping(
  db: Database,
  input: { workspaceId: string; importId: string; mapping: ImportMapping; numberStyle?: NumberStyle | null },
): Promise<ImportRecord> {
  const { workspaceId, importId } = input;
  const [record, defs] = await withTenant(db, { workspaceId }, async (tx) => [
    await getImportOrThrow(tx, { workspaceId, importId }),
    await loadMetricDefinitions(tx, workspaceId),
  ] as const);
  assertEditable(record);
  const analysis = await analyzeImportFile({
    path: pathOfStorageKey(record.storageKey),
    format: { encoding: record.encoding as CsvEncoding, delimiter: record.delimiter as Delimiter },
    customMeasures: defs.customMeasures,
    channelGroups: defs.channelGroups,
    mapping: input.mapping,
    numberStyle: input.numberStyle ?? (record.numberStyle as NumberStyle),
    spill: { path: spillPathOfStorageKey(record.storageKey), checksum: record.checksum, chunkSize: record.chunkSize },
  });
  const json = (v: unknown) => v as Prisma.InputJsonValue;
  return withTenant(db, { workspaceId }, async (tx) => {
    assertEditable(await getImportOrThrow(tx, { workspaceId, importId, lock: true }));
    return tx.import.update({
      where: { workspaceId_id: { workspaceId, id: importId } },
      data: {
        mapping: json(analysis.mapping),
        mappingFingerprint: analysis.fingerprint,
        numberStyle: analysis.numberStyle,
        preview: json(analysis.preview),
        report: json(analysis.report),
        errorCount: analysis.report.errorCount,
        rowsTotal: analysis.report.factCount,
        status: "UPLOADED",
        error: null,
      },
    });
  });
}

export function assertEditable(record: ImportRecord): void {
  if (record.status !== "UPLOADED" && record.status !== "FAILED") {
    throw AppError.badInput(["id"], `The import is ${record.status.toLowerCase()}; only an uploaded or failed import can be changed`);
  }
}
