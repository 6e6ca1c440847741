import "server-only";
import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/audit/actor";
import { sniffDelimiter } from "@/lib/csv/read-csv";
import type { Database } from "@/lib/db/client";
import { loadImportDefinitions } from "./load-import-definitions";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { analyzeImportFile } from "./analyze-import-file";
import type { ImportRecord } from "./import-record";
import { IMPORT_CHUNK_SIZE } from "./fact-spill";
import { moveIntoStore, spillPathOfStorageKey, storageKeyOf } from "./import-store";
import { saveUpload } from "./save-upload";

export interface CreateImportInput {
  workspaceId: string;
  actor: Actor;
  fileName: string;
  body: AsyncIterable<Uint8Array>;
  /** Content-Length when the client sent one: over the limit is refused before reading. */
  declaredSize?: number | null;
  maxBytes?: number;
  /** Facts per chunk transaction of the job (default IMPORT_CHUNK_SIZE; tests use small ones). */
  chunkSize?: number;
}

/**
 * Receives a CSV file: streams it to the import store (size-limited, SHA-256, encoding
 * check), detects the delimiter and number style, suggests a mapping from the header and
 * validates the whole file with it — all before anything is written to the facts. The record
 * (who, when, file, size, checksum, report) starts as UPLOADED; committing is a separate step.
 */
export async function createImport(db: Database, input: CreateImportInput): Promise<ImportRecord> {
  const saved = await saveUpload({ body: input.body, declaredSize: input.declaredSize, maxBytes: input.maxBytes });
  const importId = randomUUID();
  const storageKey = storageKeyOf(input.workspaceId, importId);
  try {
    const encoding = saved.encoding.encoding;
    const delimiter = saved.size > 0 ? await sniffDelimiter(saved.path, encoding) : ",";
    const { customMeasures, channelGroups, reportingCurrency } = await withTenant(
      db,
      { workspaceId: input.workspaceId },
      (tx) => loadImportDefinitions(tx, input.workspaceId),
    );
    const analysis = await analyzeImportFile({
      path: saved.path,
      format: { encoding, delimiter },
      customMeasures,
      channelGroups,
      reportingCurrency,
      spill: {
        path: spillPathOfStorageKey(storageKey),
        checksum: saved.checksum,
        chunkSize: input.chunkSize ?? IMPORT_CHUNK_SIZE,
      },
    });
    await moveIntoStore(saved.path, storageKey);
    const json = (v: unknown) => v as Prisma.InputJsonValue;
    return await withTenant(db, { workspaceId: input.workspaceId }, (tx) =>
      tx.import.create({
        data: {
          id: importId,
          workspaceId: input.workspaceId,
          fileName: cleanFileName(input.fileName),
          fileSize: BigInt(saved.size),
          checksum: saved.checksum,
          storageKey,
          encoding,
          delimiter,
          numberStyle: analysis.numberStyle,
          headers: json(analysis.headers),
          sampleRows: json(analysis.sampleRows),
          suggestedMapping: json(analysis.suggestedMapping),
          mapping: json(analysis.mapping),
          mappingFingerprint: analysis.fingerprint,
          preview: json(analysis.preview),
          report: json(analysis.report),
          errorCount: analysis.report.errorCount,
          dataRows: analysis.report.dataRows,
          rowsTotal: analysis.report.factCount,
          status: "UPLOADED",
          chunkSize: input.chunkSize ?? IMPORT_CHUNK_SIZE,
          createdByUserId: input.actor.kind === "user" ? input.actor.userId : null,
          createdByApiKeyId: input.actor.kind === "apiKey" ? input.actor.apiKeyId : null,
        },
      }),
    );
  } catch (error) {
    await rm(saved.path, { force: true });
    await rm(spillPathOfStorageKey(storageKey), { force: true });
    throw error;
  }
}

/** The base name only, no control characters, at most 255 characters. */
export function cleanFileName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return (base || "upload.csv").slice(0, 255);
}
