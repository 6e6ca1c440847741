import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type { Actor } from "@/lib/audit/actor";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { badInput } from "@/lib/errors/parse-input";
import { loadMetricDefinitions } from "@/lib/metric-store/load-metric-definitions";
import { type Tx, withTenant } from "@/lib/tenancy/with-tenant";
import { recordMetricBatch } from "@/lib/imports/record-metric-batch";
import { type UpsertCounts, upsertFacts } from "./upsert-facts";
import { type MetricRow, type MetricRowInput, validateMetricRows } from "./validate-metric-rows";

/** SPEC §9.1 IngestMetricsPayload. */
export interface IngestResult extends UpsertCounts {
  /** Rows received and validated (= inserted + updated + unchanged). */
  accepted: number;
  /** The batch id written to every fact this call changed (metric_facts.import_batch_id). */
  batchId: string;
  /** True when an earlier call with the same idempotency key already applied this payload. */
  replayed: boolean;
}

export interface IngestRowsInput {
  workspaceId: string;
  rows: readonly MetricRowInput[];
  /**
   * Optional idempotency key (SPEC §9.1): the same key with the same payload returns the first
   * result without applying anything; the same key with a different payload is refused.
   */
  idempotencyKey?: string | null;
  /** Batch id to stamp on changed facts (an import's id); a fresh one when absent. */
  batchId?: string;
  actorUserId?: string | null;
  actorApiKeyId?: string | null;
  /** Upper bound on rows per call; the GraphQL push uses INGEST_MAX_ROWS. */
  maxRows?: number;
  /** Field path of the rows, for error paths (default ["input", "rows"]). */
  path?: (string | number)[];
  /** Latest date accepted (see validateMetricRows). */
  maxDate?: string;
  /**
   * Record the call as a batch (metric_batches + audit event) and journal the values it
   * replaces, so that it can be listed and rolled back like a CSV import (SPEC §7). The
   * GraphQL push sets it; the demo loader and the CSV import job (which has its own record)
   * do not.
   */
  recordAs?: { source: "API"; actor: Actor };
}

/** Rows per ingestMetrics call (SPEC §9.1 / issue 4). */
export const INGEST_MAX_ROWS = 10_000;
/** Idempotency keys are kept at least this long (the promise is 24 h). */
export const IDEMPOTENCY_RETENTION_HOURS = 48;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/**
 * The ingestion core shared by the GraphQL push and the CSV import: validates every row
 * first, then, in ONE tenant transaction, claims the idempotency key, upserts all rows with a
 * single unnest statement (rollups follow in the same statement) and records the result. Any
 * error rolls everything back: a batch is all or nothing.
 *
 * Concurrency: the idempotency key is claimed with INSERT … ON CONFLICT DO NOTHING, so a
 * second call with the same key waits for the first to commit and then answers from it.
 */
export async function ingestRows(db: Database, input: IngestRowsInput): Promise<IngestResult> {
  const path = input.path ?? ["input", "rows"];
  const maxRows = input.maxRows ?? Number.POSITIVE_INFINITY;
  if (input.rows.length > maxRows) {
    throw AppError.badInput(path, "TOO_MANY_ROWS", { max: maxRows, count: input.rows.length });
  }
  const key = input.idempotencyKey ?? null;
  if (key !== null && (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH)) {
    throw AppError.badInput([...path.slice(0, -1), "idempotencyKey"], "IDEMPOTENCY_KEY_LENGTH", {
      max: MAX_IDEMPOTENCY_KEY_LENGTH,
    });
  }
  const batchId = input.batchId ?? randomUUID();

  return withTenant(db, { workspaceId: input.workspaceId }, async (tx) => {
    const { customMeasures } = await loadMetricDefinitions(tx, input.workspaceId);
    const validated = validateMetricRows(input.rows, { customMeasures, path, maxDate: input.maxDate });
    if (!validated.ok) throw badInput(validated.errors);
    const rows = validated.rows;

    if (key === null) {
      const counts = await applyRows(tx, input, rows, batchId, null);
      return { accepted: rows.length, ...counts, batchId, replayed: false };
    }

    const payloadHash = hashRows(rows);
    const claimed = await claimIdempotencyKey(tx, { ...input, key, batchId, payloadHash, rowCount: rows.length });
    if (!claimed.fresh) {
      if (claimed.payloadHash !== payloadHash) {
        throw AppError.badInput([...path.slice(0, -1), "idempotencyKey"], "IDEMPOTENCY_KEY_REUSED");
      }
      const stored = claimed.result as UpsertCounts & { accepted: number };
      return { ...stored, batchId: claimed.batchId, replayed: true };
    }
    const counts = await applyRows(tx, input, rows, batchId, key);
    const result = { accepted: rows.length, ...counts };
    await tx.$executeRawUnsafe(
      `UPDATE ingest_requests SET result = $3::jsonb WHERE workspace_id = $1::uuid AND idempotency_key = $2`,
      input.workspaceId,
      key,
      JSON.stringify(result),
    );
    return { ...result, batchId, replayed: false };
  });
}

/**
 * The upsert itself; for a recorded batch, with app.import_id set to the batch id for the
 * statement, so the import journal trigger keeps every value the batch replaces (the same
 * journal a CSV import's chunks write), then the batch record and its audit event.
 */
async function applyRows(
  tx: Tx,
  input: IngestRowsInput,
  rows: readonly MetricRow[],
  batchId: string,
  key: string | null,
): Promise<UpsertCounts> {
  if (!input.recordAs) return upsertFacts(tx, { workspaceId: input.workspaceId, rows, batchId });
  await tx.$queryRawUnsafe(`SELECT set_config('app.import_id', $1, true)`, batchId);
  const counts = await upsertFacts(tx, { workspaceId: input.workspaceId, rows, batchId });
  await tx.$queryRawUnsafe(`SELECT set_config('app.import_id', '', true)`);
  await recordMetricBatch(tx, {
    workspaceId: input.workspaceId,
    batchId,
    source: input.recordAs.source,
    actor: input.recordAs.actor,
    idempotencyKey: key,
    rows: rows.length,
    ...counts,
  });
  return counts;
}

type Claim = { fresh: true } | { fresh: false; payloadHash: string; result: unknown; batchId: string };

async function claimIdempotencyKey(
  tx: Tx,
  a: IngestRowsInput & { key: string; batchId: string; payloadHash: string; rowCount: number },
): Promise<Claim> {
  // Forget keys past retention (cheap: index on (workspace_id, created_at)); an expired key
  // is then free to be used again.
  await tx.$executeRawUnsafe(
    `DELETE FROM ingest_requests WHERE workspace_id = $1::uuid AND created_at < now() - make_interval(hours => $2)`,
    a.workspaceId,
    IDEMPOTENCY_RETENTION_HOURS,
  );
  const inserted = await tx.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO ingest_requests (workspace_id, idempotency_key, id, payload_hash, row_count, actor_user_id, actor_api_key_id)
     VALUES ($1::uuid, $2, $3::uuid, $4, $5, $6::uuid, $7::uuid)
     ON CONFLICT (workspace_id, idempotency_key) DO NOTHING RETURNING id::text`,
    a.workspaceId,
    a.key,
    a.batchId,
    a.payloadHash,
    a.rowCount,
    a.actorUserId ?? null,
    a.actorApiKeyId ?? null,
  );
  if (inserted.length > 0) return { fresh: true };
  const [existing] = await tx.$queryRawUnsafe<{ payload_hash: string; result: unknown; id: string }[]>(
    `SELECT payload_hash, result, id::text FROM ingest_requests WHERE workspace_id = $1::uuid AND idempotency_key = $2`,
    a.workspaceId,
    a.key,
  );
  if (!existing) throw new Error("idempotency key vanished between claim and read");
  const result = typeof existing.result === "string" ? JSON.parse(existing.result) : existing.result;
  return { fresh: false, payloadHash: existing.payload_hash, result, batchId: existing.id };
}

/**
 * SHA-256 of the normalised rows, so that formatting differences that do not change the data
 * ("1.50" vs "1.5", a missing vs an empty campaign) do not count as a different payload.
 */
export function hashRows(rows: readonly MetricRow[]): string {
  const hash = createHash("sha256");
  for (const r of rows)
    hash.update(`${r.date}\u0000${r.channel}\u0000${r.campaign}\u0000${r.measure}\u0000${r.value}\n`);
  return hash.digest("hex");
}
