import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import type { Database } from "@/lib/db/client";
import { createImport } from "@/lib/imports/create-import";
import type { ImportRecord } from "@/lib/imports/import-record";
import { type RunImportJobInput, runImportJob } from "@/lib/imports/run-import-job";
import { setImportStoreRoot, spillPathOfStorageKey } from "@/lib/imports/import-store";
import { withTenant } from "@/lib/tenancy/with-tenant";

/** Shared fixtures of the import integration tests. */
export async function useTempImportStore(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "tl-imports-"));
  setImportStoreRoot(dir);
  return dir;
}

export async function createWorkspace(db: Database, name = "Acme"): Promise<string> {
  const id = randomUUID();
  await withTenant(db, { workspaceId: id }, (tx) =>
    tx.workspace.create({
      data: { id, name, slug: `ws-${id.slice(0, 8)}`, currency: "RUB", timeZone: "Europe/Moscow" },
    }),
  );
  return id;
}

export async function writeCsv(
  text: string,
  encoding: "utf-8" | "utf-8-bom" | "windows-1251" = "utf-8",
): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "tl-csv-"));
  const file = path.join(dir, "upload.csv");
  const bytes =
    encoding === "windows-1251"
      ? iconv.encode(text, "win1251")
      : Buffer.concat([
          encoding === "utf-8-bom" ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0),
          Buffer.from(text, "utf8"),
        ]);
  await writeFile(file, bytes);
  return file;
}

/**
 * Where the job takes the chunks from (see lib/imports/fact-spill.ts): "spill" — the validated
 * chunks the upload kept, as in production; "file" — the upload's spill is removed, so the job
 * reads and checks the CSV again (as when the spill does not fit). Suites run in both.
 */
export type ChunkSource = "spill" | "file";
let defaultSource: ChunkSource = "spill";
export function setChunkSource(source: ChunkSource): void {
  defaultSource = source;
}

export async function uploadCsv(
  db: Database,
  workspaceId: string,
  text: string,
  options: {
    encoding?: "utf-8" | "utf-8-bom" | "windows-1251";
    fileName?: string;
    chunkSize?: number;
    source?: ChunkSource;
  } = {},
): Promise<ImportRecord> {
  const file = await writeCsv(text, options.encoding);
  const record = await createImport(db, {
    workspaceId,
    actor: { kind: "user", userId: randomUUID() },
    fileName: options.fileName ?? "upload.csv",
    body: createReadStream(file),
    chunkSize: options.chunkSize,
  });
  if ((options.source ?? defaultSource) === "file") await rm(spillPathOfStorageKey(record.storageKey), { force: true });
  return record;
}

/** Runs a job to its end, waiting while the workspace is busy with another import. */
export async function runToEnd(input: RunImportJobInput): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const outcome = await runImportJob({
      staleAfterSeconds: 0,
      ...input,
      hooks: { retryDelayMs: () => 10, ...input.hooks },
    });
    if (outcome !== "busy") return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("import stayed busy");
}

export interface FactRow {
  date: string;
  channel: string;
  campaign: string;
  measure: string;
  value: string;
  batch: string | null;
}

export async function readFacts(db: Database, workspaceId: string): Promise<FactRow[]> {
  return withTenant(db, { workspaceId }, (tx) =>
    tx.$queryRawUnsafe<FactRow[]>(
      `SELECT date::text AS date, channel, campaign, measure, value::text AS value, import_batch_id::text AS batch
         FROM metric_facts WHERE workspace_id = $1::uuid ORDER BY date, channel, campaign, measure`,
      workspaceId,
    ),
  );
}

/** Rollup rows that disagree with a fresh GROUP BY over the facts (should be none). */
export async function rollupDrift(db: Database, workspaceId: string): Promise<unknown[]> {
  return withTenant(db, { workspaceId }, (tx) =>
    tx.$queryRawUnsafe<unknown[]>(
      `WITH fresh AS (SELECT measure, date, sum(value) AS value, count(*)::int AS n FROM metric_facts WHERE workspace_id = $1::uuid GROUP BY measure, date)
       SELECT coalesce(f.measure, t.measure) AS measure, coalesce(f.date, t.date)::text AS date, f.value::text AS fresh, t.value::text AS rollup
         FROM fresh f FULL JOIN (SELECT * FROM metric_daily_totals WHERE workspace_id = $1::uuid) t ON t.measure = f.measure AND t.date = f.date
        WHERE f.value IS DISTINCT FROM t.value OR f.n IS DISTINCT FROM t.fact_count`,
      workspaceId,
    ),
  );
}

export const values = (facts: FactRow[]) => facts.map(({ batch: _batch, ...f }) => f);
