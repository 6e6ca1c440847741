import type { Database } from "@/lib/db/client";
import { ingestRows } from "@/lib/ingestion/ingest-rows";
import type { MetricRowInput } from "@/lib/ingestion/validate-metric-rows";
import { type DemoOptions, demoFacts } from "./generate-demo-facts";

/**
 * Rows per transaction. The ingestion core takes any size, but Prisma's interactive
 * transactions time out after 5 s and PGlite holds its only connection meanwhile, so the
 * demo goes in slices; each slice is all-or-nothing and re-running skips what is there.
 */
export const DEMO_CHUNK_ROWS = 25_000;

export interface LoadDemoResult {
  accepted: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * Loads the demo dataset into a workspace through the same bulk path as ingestMetrics
 * (validation, one unnest upsert per slice, rollups in step). Idempotent: loading again
 * inserts only days that were not there (the generator is deterministic per day) and leaves
 * everything else unchanged.
 */
export async function loadDemoData(db: Database, { workspaceId, ...options }: { workspaceId: string } & DemoOptions): Promise<LoadDemoResult> {
  const total: LoadDemoResult = { accepted: 0, inserted: 0, updated: 0, unchanged: 0 };
  let chunk: MetricRowInput[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    const r = await ingestRows(db, { workspaceId, rows: chunk, maxDate: options.endDate, path: ["rows"] });
    total.accepted += r.accepted;
    total.inserted += r.inserted;
    total.updated += r.updated;
    total.unchanged += r.unchanged;
    chunk = [];
  };
  for (const row of demoFacts(options)) {
    chunk.push(row);
    if (chunk.length >= DEMO_CHUNK_ROWS) await flush();
  }
  await flush();
  return total;
}
