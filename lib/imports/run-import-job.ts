import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Delimiter } from "@/lib/csv/detect-delimiter";
import type { CsvEncoding } from "@/lib/csv/detect-encoding";
import { type ImportMapping, resolveMapping } from "@/lib/csv/import-mapping";
import type { NumberStyle } from "@/lib/csv/parse-number";
import type { Database } from "@/lib/db/client";
import { type FactLiterals, type RawQueries, factLiterals, upsertFactLiterals } from "@/lib/ingestion/upsert-facts";
import { metricRowChecker } from "@/lib/ingestion/validate-metric-rows";
import { loadImportDefinitions, moneyMeasureTest } from "./load-import-definitions";
import { type MeasureDefinition, getBaseMeasure } from "@/lib/metrics/measures";
import { utcToday } from "@/lib/metric-store/calendar-date";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { type ImportReport, analyzeImportFile } from "./analyze-import-file";
import type { ImportRecord } from "./import-record";
import { measuresKey, openSpill } from "./fact-spill";
import { pathOfStorageKey, removeStoredFile, spillPathOfStorageKey } from "./import-store";
import { readFactChunks } from "./read-fact-chunks";
import { recordImportEvent } from "./record-import-event";
import { restoreImportFacts } from "./restore-import-facts";

/** A claimed job whose heartbeat is older than this is taken to be dead (its worker crashed). */
export const STALE_AFTER_SECONDS = 15;
/** Attempts at a job before it fails (each resumes after the last committed chunk). */
export const MAX_ATTEMPTS = 5;

export type JobOutcome = "done" | "busy" | "skipped";

/** A chunk's transaction (raw SQL on the app role, tenant set: see writeChunks). */
export interface ChunkTx extends RawQueries {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

export interface ImportJobHooks {
  /** Runs inside chunk `chunkNo`'s transaction after its writes, before COMMIT (tests inject failures here). */
  beforeChunkCommit?(chunkNo: number, tx: ChunkTx): Promise<void> | void;
  /** Delay between retries (tests shorten it). */
  retryDelayMs?(attempt: number): number;
}

export interface RunImportJobInput {
  db: Database;
  workspaceId: string;
  importId: string;
  hooks?: ImportJobHooks;
  /** Claim a running job whose heartbeat is older than this (0 right after a restart of the only worker). */
  staleAfterSeconds?: number;
  /** Chunk transactions in flight at once (default on PostgreSQL 2 from a spill, 3 reading the file; 1 on PGlite). */
  writers?: number;
}

/** Thrown by a hook to act like a process dying: nothing is recorded, the job stays claimed. */
export class SimulatedCrash extends Error {}
class CancelRequested extends Error {}
class ImportDataError extends Error {}

/**
 * Runs one import job to its end:
 *
 * 1. claims it (one live import per workspace at a time, under an advisory lock: two
 *    overlapping imports run one after the other, so the result equals a serial run);
 * 2. validates the whole file first when the mapping is not the one the report was made for;
 * 3. writes the file in chunks of ≤ 10 000 facts — taken from the validation pass's spill
 *    when it fits exactly (fact-spill.ts), else streamed from the file and checked again —
 *    each in ONE transaction that upserts the facts (lib/ingestion, rollups by trigger),
 *    records the chunk number and advances the progress; chunks already recorded are skipped,
 *    so a resumed job never writes a chunk twice, and a chunk cut off mid-way (killed
 *    connection) left nothing. On PostgreSQL two or three chunk transactions run at once (see
 *    writeChunks);
 * 4. on a transient failure retries from the last committed chunk; after MAX_ATTEMPTS, on a
 *    data error, or on cancel, undoes every committed chunk: nothing half-written remains.
 */
export async function runImportJob(input: RunImportJobInput): Promise<JobOutcome> {
  const { db, workspaceId, importId } = input;
  const claimed = await claim(db, workspaceId, importId, input.staleAfterSeconds ?? STALE_AFTER_SECONDS);
  if (claimed === "busy" || claimed === "skipped") return claimed;
  let record = claimed;
  const path = pathOfStorageKey(record.storageKey);
  const format = { encoding: record.encoding as CsvEncoding, delimiter: record.delimiter as Delimiter };
  const numberStyle = record.numberStyle as NumberStyle;
  const mapping = record.mapping as unknown as ImportMapping;
  const { customMeasures, channelGroups, reportingCurrency } = await withTenant(db, { workspaceId }, (tx) =>
    loadImportDefinitions(tx, workspaceId),
  );

  try {
    const report = record.report as unknown as ImportReport;
    if (report.fingerprint !== record.mappingFingerprint || record.errorCount > 0) {
      const analysis = await analyzeImportFile({
        path,
        format,
        customMeasures,
        channelGroups,
        reportingCurrency,
        mapping,
        numberStyle,
        onProgress: () => void heartbeat(db, workspaceId, importId),
        spill: {
          path: spillPathOfStorageKey(record.storageKey),
          checksum: record.checksum,
          chunkSize: record.chunkSize,
        },
      });
      const json = (v: unknown) => v as Prisma.InputJsonValue;
      const failed = analysis.report.errorCount > 0;
      record = await withTenant(db, { workspaceId }, (tx) =>
        tx.import.update({
          where: { workspaceId_id: { workspaceId, id: importId } },
          data: {
            preview: json(analysis.preview),
            report: json(analysis.report),
            errorCount: analysis.report.errorCount,
            rowsTotal: analysis.report.factCount,
            status: failed ? "FAILED" : "RUNNING",
            error: failed ? `Validation found ${analysis.report.errorCount} problem(s); nothing was written` : null,
            finishedAt: failed ? new Date() : null,
          },
        }),
      );
      if (failed) return "done";
    }

    const custom = new Map(customMeasures.map((m) => [m.key, m]));
    const isMeasureKey = (key: string) => getBaseMeasure(key) !== undefined || custom.has(key);
    const resolved = resolveMapping(mapping, (record.headers as unknown as string[]).length, isMeasureKey, {
      reportingCurrency,
    });
    if (!resolved.ok) throw new ImportDataError(resolved.problems.map((p) => p.message).join("; "));
    const ctx = {
      mapping: resolved.mapping,
      headers: record.headers as unknown as string[],
      numberStyle,
      isMeasureKey,
      isMoneyMeasure: moneyMeasureTest(customMeasures),
    };

    for (let attempt = record.attempts; ; attempt++) {
      try {
        await writeChunks(input, record, path, format, ctx, customMeasures);
        break;
      } catch (error) {
        if (error instanceof SimulatedCrash || error instanceof CancelRequested || error instanceof ImportDataError)
          throw error;
        if (attempt >= MAX_ATTEMPTS) throw error;
        console.warn(
          `[imports] ${importId}: attempt ${attempt} failed, resuming after the last committed chunk`,
          (error as Error).message,
        );
        await sleep(input.hooks?.retryDelayMs?.(attempt) ?? Math.min(10_000, 250 * 2 ** attempt));
        await withTenant(db, { workspaceId }, (tx) =>
          tx.import.update({
            where: { workspaceId_id: { workspaceId, id: importId } },
            data: { attempts: { increment: 1 }, heartbeatAt: new Date() },
          }),
        );
      }
    }
    await withTenant(db, { workspaceId }, async (tx) => {
      const done = await tx.import.update({
        where: { workspaceId_id: { workspaceId, id: importId } },
        data: { status: "COMMITTED", finishedAt: new Date(), heartbeatAt: new Date() },
      });
      await recordImportEvent(tx, done, "import.committed");
    });
    await removeStoredFile(record.storageKey);
    return "done";
  } catch (error) {
    if (error instanceof SimulatedCrash) throw error;
    const cancelled = error instanceof CancelRequested;
    if (!cancelled) console.error(`[imports] ${importId} failed; undoing its committed chunks`, error);
    await withTenant(db, { workspaceId }, async (tx) => {
      await restoreImportFacts(tx, { workspaceId, importId });
      await tx.import.update({
        where: { workspaceId_id: { workspaceId, id: importId } },
        data: {
          status: cancelled ? "CANCELLED" : "FAILED",
          error: cancelled
            ? null
            : error instanceof ImportDataError
              ? error.message
              : "The import failed; nothing was written. Try again.",
          rowsDone: 0,
          inserted: 0,
          updated: 0,
          unchanged: 0,
          finishedAt: new Date(),
        },
      });
    });
    if (cancelled) await removeStoredFile(record.storageKey);
    return "done";
  }
}

/**
 * Writes the import's chunks: skips those already recorded (a resumed job), reads them from the
 * validation pass's spill or else the file, and commits each in its own transaction, a few at once.
 */
async function writeChunks(
  input: RunImportJobInput,
  record: ImportRecord,
  path: string,
  format: { encoding: CsvEncoding; delimiter: Delimiter },
  ctx: Parameters<typeof readFactChunks>[2],
  customMeasures: readonly MeasureDefinition[],
): Promise<void> {
  const done = await recordedChunks(input);
  const spilled = await openValidatedSpill(record, customMeasures);
  const chunks =
    spilled ?? chunksOfFile(path, format, ctx, record.chunkSize, metricRowChecker({ customMeasures }), done);
  await writeConcurrently(chunks, { done, writers: writerCount(input, Boolean(spilled)), write: chunkWriter(input) });
}

/** The chunk numbers a previous run of the job already committed. */
async function recordedChunks({ db, workspaceId, importId }: RunImportJobInput): Promise<Set<number>> {
  const chunks = await withTenant(db, { workspaceId }, (tx) =>
    tx.importChunk.findMany({ where: { workspaceId, importId }, select: { chunkNo: true } }),
  );
  return new Set(chunks.map((c) => c.chunkNo));
}

/**
 * The validation pass's spill when it is exactly for this file, mapping, number style and
 * workspace (fact-spill.ts) — the very chunks the file gives, already checked — else null.
 */
function openValidatedSpill(record: ImportRecord, customMeasures: readonly MeasureDefinition[]) {
  return openSpill(spillPathOfStorageKey(record.storageKey), {
    checksum: record.checksum,
    fingerprint: record.mappingFingerprint,
    numberStyle: record.numberStyle,
    measures: measuresKey(customMeasures),
    chunkSize: record.chunkSize,
    facts: record.rowsTotal,
    maxDate: utcToday(1),
  });
}

/**
 * Writes one chunk per call. Each chunk in one transaction on a raw connection of the app role,
 * tenant set as withTenant sets it (RLS applies as everywhere): not through Prisma, which copied
 * each chunk's parameters (≈ 0.5 MB) several times — measured: peak RSS +200 MB over 100 chunks
 * through Prisma, +23 MB raw.
 */
function chunkWriter(input: RunImportJobInput): (chunk: ChunkToWrite) => Promise<void> {
  const { db, workspaceId, importId } = input;
  // While chunks only insert, the next one most likely does too (new data): try a plain
  // INSERT first (see ingest_facts; an existing key falls back to the upsert).
  let expectNew = false;
  return (chunk) =>
    db.sqlTransaction(async (sql) => {
      const tx: ChunkTx = {
        $queryRawUnsafe: async <T>(query: string, ...values: unknown[]) => (await sql.query(query, values)).rows as T,
        $executeRawUnsafe: async (query: string, ...values: unknown[]) => (await sql.query(query, values)).affected,
      };
      const rows = chunk.rows;
      // The tenant (as withTenant), and the import id that arms the journal trigger: updated
      // facts record the version they replace. The chunk commits without waiting for its WAL
      // flush (synchronous_commit off, this transaction only): a server crash can lose the last
      // chunks committed that way, but never part of one nor a chunk without its import_chunks
      // record (WAL is replayed in order), and the resumed job writes them again; the job's
      // final COMMITTED update is an ordinary commit, whose flush covers every chunk before it.
      await sql.query(
        `SELECT set_config('app.workspace_id', $1, true), set_config('app.user_id', '', true), set_config('app.import_id', $2, true), set_config('synchronous_commit', 'off', true)`,
        [workspaceId, importId],
      );
      const counts = await upsertFactLiterals(tx, {
        workspaceId,
        rows,
        literals: chunk.literals,
        batchId: importId,
        expectNew,
      });
      expectNew = counts.inserted === rows;
      await recordChunkProgress(tx, input, chunk, counts);
      await input.hooks?.beforeChunkCommit?.(chunk.chunkNo, tx);
    });
}

/** The chunk record and the progress in one statement; no row updated = cancel requested (throws CancelRequested). */
async function recordChunkProgress(
  tx: ChunkTx,
  { workspaceId, importId }: RunImportJobInput,
  chunk: ChunkToWrite,
  counts: { inserted: number; updated: number; unchanged: number },
): Promise<void> {
  const [progressed] = await tx.$queryRawUnsafe<{ n: number }[]>(
    `WITH chunk AS (
       INSERT INTO import_chunks (workspace_id, import_id, chunk_no, rows, inserted, updated, unchanged)
       VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7)
     ), progressed AS (
       UPDATE imports SET rows_done = rows_done + $4, inserted = inserted + $5, updated = updated + $6,
              unchanged = unchanged + $7, heartbeat_at = now()
        WHERE workspace_id = $1::uuid AND id = $2::uuid AND status = 'RUNNING' AND NOT cancel_requested
        RETURNING 1
     )
     SELECT count(*)::int AS n FROM progressed`,
    workspaceId,
    importId,
    chunk.chunkNo,
    chunk.rows,
    counts.inserted,
    counts.updated,
    counts.unchanged,
  );
  if (Number(progressed?.n ?? 0) === 0) throw new CancelRequested("cancel requested");
}

/**
 * How many chunk transactions run at once (PostgreSQL: the server writes chunks on every core
 * while this process reads the next; PGlite has one connection). Reading the file, three keep the
 * cores busy while one chunk waits for its round trips (measured 1 M rows in 9.2–9.6 s against
 * 10.6–15.5 s with two); from a spill this process needs almost no CPU and two are best on 2
 * cores (commit of 1 M rows 5.3–5.4 s against 5.7–6.0 s with three: more backends only contend
 * for the same index pages).
 */
function writerCount(input: RunImportJobInput, fromSpill: boolean): number {
  return Math.max(1, input.writers ?? (input.db.kind === "postgres" ? (fromSpill ? 2 : 3) : 1));
}

/**
 * Up to `writers` chunk writes at once. Chunks are independent — distinct keys (the report
 * checked the file), each with its own chunk record — so they may commit in any order; a resumed
 * job skips the recorded ones (`done`). On any failure no new chunk starts and the ones in flight
 * settle before the error propagates, so the caller's undo or retry never races a chunk still
 * being written. The next chunk is parsed while the database writes this one.
 */
async function writeConcurrently(
  chunks: AsyncGenerator<ChunkToWrite, unknown, undefined>,
  {
    done,
    writers,
    write,
  }: { done: ReadonlySet<number>; writers: number; write: (chunk: ChunkToWrite) => Promise<void> },
): Promise<void> {
  const inflight = new Set<Promise<void>>();
  let failure: { error: unknown } | null = null;
  let next = chunks.next();
  try {
    for (;;) {
      const item = await next;
      if (item.done || failure) break;
      next = chunks.next();
      next.catch(() => undefined);
      const chunk = item.value;
      if (done.has(chunk.chunkNo)) continue;
      const written: Promise<void> = write(chunk).then(
        () => void inflight.delete(written),
        (error: unknown) => {
          inflight.delete(written);
          failure ??= { error };
        },
      );
      inflight.add(written);
      while (inflight.size >= writers) await Promise.race(inflight);
    }
    await Promise.all(inflight);
    if (failure) throw (failure as { error: unknown }).error;
  } finally {
    await Promise.all(inflight);
    await chunks.return(undefined);
  }
}

/** One chunk as the job writes it: its number, its facts as the upsert's literals. */
interface ChunkToWrite {
  chunkNo: number;
  rows: number;
  literals: FactLiterals;
}

/** The chunks of the file itself (no usable spill): read, checked, and turned into literals. */
async function* chunksOfFile(
  path: string,
  format: { encoding: CsvEncoding; delimiter: Delimiter },
  ctx: Parameters<typeof readFactChunks>[2],
  chunkSize: number,
  check: ReturnType<typeof metricRowChecker>,
  done: ReadonlySet<number>,
): AsyncGenerator<ChunkToWrite> {
  for await (const chunk of readFactChunks(path, format, ctx, { chunkSize, check })) {
    if (done.has(chunk.chunkNo)) continue;
    if (chunk.issues.length > 0) throw new ImportDataError(`row ${chunk.issues[0].row}: ${chunk.issues[0].reason}`);
    // The report may predate a change to the workspace's custom measures: every fact is
    // checked again with the ingestion rules, and keys must not repeat within the chunk
    // (PostgreSQL cannot upsert one key twice in a statement; the report checked the file).
    if (chunk.problem) throw new ImportDataError(`row ${chunk.problem.row}: ${chunk.problem.message}`);
    yield { chunkNo: chunk.chunkNo, rows: chunk.columns.dates.length, literals: factLiterals(chunk.columns) };
  }
}

/**
 * Takes the job: QUEUED, or VALIDATING/RUNNING with a stale heartbeat (its worker died). At
 * most one live import per workspace — under a workspace advisory lock, so two claims cannot
 * both see "none running".
 */
async function claim(
  db: Database,
  workspaceId: string,
  importId: string,
  staleAfterSeconds: number,
): Promise<ImportRecord | "busy" | "skipped"> {
  return withTenant(db, { workspaceId }, async (tx) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtextextended('imports:' || $1, 0))`, workspaceId);
    const other = await tx.$queryRawUnsafe<{ id: string }[]>(
      `SELECT id::text FROM imports
        WHERE workspace_id = $1::uuid AND id <> $2::uuid AND status IN ('VALIDATING', 'RUNNING')
          AND heartbeat_at > now() - make_interval(secs => $3) LIMIT 1`,
      workspaceId,
      importId,
      staleAfterSeconds,
    );
    if (other.length > 0) return "busy";
    const claimed = await tx.$queryRawUnsafe<{ id: string }[]>(
      `UPDATE imports
          SET status = CASE WHEN status = 'QUEUED' THEN 'VALIDATING' ELSE status END,
              started_at = coalesce(started_at, now()), heartbeat_at = now()
        WHERE workspace_id = $1::uuid AND id = $2::uuid AND NOT cancel_requested
          AND (status = 'QUEUED' OR (status IN ('VALIDATING', 'RUNNING')
               AND (heartbeat_at IS NULL OR heartbeat_at <= now() - make_interval(secs => $3))))
        RETURNING id::text`,
      workspaceId,
      importId,
      staleAfterSeconds,
    );
    if (claimed.length === 0) {
      // A cancel that arrived while nobody ran the job: finish it here.
      await tx.$executeRawUnsafe(
        `UPDATE imports SET status = 'CANCELLED', finished_at = now()
          WHERE workspace_id = $1::uuid AND id = $2::uuid AND cancel_requested AND status IN ('QUEUED', 'VALIDATING', 'RUNNING')
            AND (heartbeat_at IS NULL OR heartbeat_at <= now() - make_interval(secs => $3))`,
        workspaceId,
        importId,
        staleAfterSeconds,
      );
      return "skipped";
    }
    const record = await tx.import.findFirstOrThrow({ where: { workspaceId, id: importId } });
    const report = record.report as unknown as ImportReport;
    // VALIDATING means "validate first"; a job whose report already fits goes straight to writing.
    if (record.status === "VALIDATING" && report.fingerprint === record.mappingFingerprint && record.errorCount === 0) {
      return tx.import.update({
        where: { workspaceId_id: { workspaceId, id: importId } },
        data: { status: "RUNNING" },
      });
    }
    return record;
  });
}

function heartbeat(db: Database, workspaceId: string, importId: string): Promise<void> {
  return withTenant(db, { workspaceId }, async (tx) => {
    await tx.$executeRawUnsafe(
      `UPDATE imports SET heartbeat_at = now() WHERE workspace_id = $1::uuid AND id = $2::uuid`,
      workspaceId,
      importId,
    );
  }).catch(() => undefined);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
