import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { ImportMapping } from "@/lib/csv/import-mapping";
import { isCurrencyCode, parseRate } from "@/lib/csv/cell-currency";
import type { NumberStyle } from "@/lib/csv/parse-number";
import type { CsvEncoding } from "@/lib/csv/detect-encoding";
import type { Delimiter } from "@/lib/csv/detect-delimiter";
import type { Database } from "@/lib/db/client";
import { AppError, type FieldError, fieldError } from "@/lib/errors/app-error";
import { loadImportDefinitions } from "./load-import-definitions";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { analyzeImportFile } from "./analyze-import-file";
import { getImportOrThrow, type ImportRecord } from "./import-record";
import { pathOfStorageKey, spillPathOfStorageKey } from "./import-store";
import { importStatusWord } from "@/lib/errors/error-words";

/**
 * Re-validates an uploaded file with another mapping (and optionally number style) and stores
 * the new preview and report: the user sees every problem before committing.
 */
export async function updateImportMapping(
  db: Database,
  input: { workspaceId: string; importId: string; mapping: ImportMapping; numberStyle?: NumberStyle | null },
): Promise<ImportRecord> {
  const { workspaceId, importId } = input;
  const [record, defs] = await withTenant(
    db,
    { workspaceId },
    async (tx) =>
      [await getImportOrThrow(tx, { workspaceId, importId }), await loadImportDefinitions(tx, workspaceId)] as const,
  );
  assertEditable(record);
  assertMappingCurrency(input.mapping, defs.reportingCurrency, ["mapping"]);
  const analysis = await analyzeImportFile({
    path: pathOfStorageKey(record.storageKey),
    format: { encoding: record.encoding as CsvEncoding, delimiter: record.delimiter as Delimiter },
    customMeasures: defs.customMeasures,
    channelGroups: defs.channelGroups,
    reportingCurrency: defs.reportingCurrency,
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
        ...currencyColumns(analysis.mapping),
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
    throw AppError.badInput(["id"], "IMPORT_NOT_EDITABLE", { status: importStatusWord(record.status) });
  }
}

/** The import's currency and rate as stored on the record (exact decimal), from its mapping. */
export function currencyColumns(mapping: ImportMapping): { currency: string | null; currencyRate: string | null } {
  const currency = mapping.currency?.trim().toUpperCase() || null;
  const rate = mapping.rate?.trim() ? parseRate(mapping.rate) : null;
  return { currency, currencyRate: currency === null ? null : rate };
}

/**
 * The mapping's currency and rate as field errors before anything runs (nothing is saved): an
 * unknown code (["mapping", "currency"]), a rate that is not a positive number, a foreign
 * currency without a rate, or a rate for the reporting currency itself (["mapping", "rate"]).
 */
export function assertMappingCurrency(
  mapping: ImportMapping,
  reportingCurrency: string,
  path: (string | number)[],
): void {
  const code = mapping.currency?.trim().toUpperCase() || null;
  const rawRate = mapping.rate?.trim() || null;
  const errors: FieldError[] = [];
  if (code !== null && !isCurrencyCode(code))
    errors.push(fieldError([...path, "currency"], "UNKNOWN_CURRENCY", { currency: String(mapping.currency) }));
  const rate = rawRate === null ? null : parseRate(rawRate);
  if (rawRate !== null && rate === null)
    errors.push(fieldError([...path, "rate"], "RATE_NOT_POSITIVE_NUMBER", { value: rawRate }));
  else if (code !== null && isCurrencyCode(code) && code !== reportingCurrency && rate === null) {
    errors.push(fieldError([...path, "rate"], "RATE_REQUIRED", { importCurrency: code, reporting: reportingCurrency }));
  } else if ((code === null || code === reportingCurrency) && rate !== null && rate !== "1") {
    errors.push(fieldError([...path, "rate"], "RATE_NOT_NEEDED", { reporting: reportingCurrency }));
  }
  if (errors.length > 0)
    throw new AppError("BAD_USER_INPUT", errors.map((e) => `${e.path.join(".")}: ${e.message}`).join("; "), {
      fieldErrors: errors,
    });
}
