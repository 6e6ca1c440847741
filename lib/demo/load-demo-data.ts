import type { Database } from "@/lib/db/client";
import { ingestRows } from "@/lib/ingestion/ingest-rows";
import type { MetricRowInput } from "@/lib/ingestion/validate-metric-rows";
import { addDays } from "@/lib/metric-store/calendar-date";
import { type DemoOptions, demoFacts } from "./generate-demo-facts";
import { setDemoTargets } from "./set-demo-targets";

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
  /** KPI target versions written (0 on a second load: targets already set are kept). */
  targets: number;
}

export interface LoadDemoOptions extends DemoOptions {
  /**
   * "Now" for the demo targets (the current month and the 3 before it). Default: noon UTC
   * of the day after `endDate` when one is given (so a pinned dataset gets pinned targets),
   * otherwise the clock.
   */
  now?: Date;
  /** Whether to set the demo targets (default true; benchmarks loading facts only turn it off). */
  targets?: boolean;
}

/**
 * Loads the demo dataset into a workspace through the same bulk path as ingestMetrics
 * (validation, one unnest upsert per slice, rollups in step), then gives every KPI a target
 * for the current month and the 3 before it, derived from those figures (setDemoTargets), so
 * the scorecards show statuses rather than "no target set". Idempotent: loading again
 * inserts only days that were not there (the generator is deterministic per day), leaves
 * everything else unchanged and adds no target version where a KPI already has one.
 */
export async function loadDemoData(db: Database, { workspaceId, now, targets = true, ...options }: { workspaceId: string } & LoadDemoOptions): Promise<LoadDemoResult> {
  const total: LoadDemoResult = { accepted: 0, inserted: 0, updated: 0, unchanged: 0, targets: 0 };
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
  if (targets) {
    const clock = now ?? (options.endDate ? new Date(`${addDays(options.endDate, 1)}T12:00:00Z`) : new Date());
    total.targets = (await setDemoTargets(db, { workspaceId, now: clock })).set;
  }
  return total;
}
