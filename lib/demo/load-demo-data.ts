import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type { Actor } from "@/lib/audit/actor";
import type { Database } from "@/lib/db/client";
import { badInput } from "@/lib/errors/parse-input";
import { recordImportEvent } from "@/lib/imports/record-import-event";
import { restoreImportFacts } from "@/lib/imports/restore-import-facts";
import { upsertFacts } from "@/lib/ingestion/upsert-facts";
import { type MetricRowInput, validateMetricRows } from "@/lib/ingestion/validate-metric-rows";
import { addDays, utcToday } from "@/lib/metric-store/calendar-date";
import { loadMetricDefinitions } from "@/lib/metric-store/load-metric-definitions";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { DEFAULT_DEMO_SEED, DEMO_GROSS_MARGIN, type DemoOptions, demoFacts } from "./generate-demo-facts";
import { setDemoTargets } from "./set-demo-targets";

/**
 * Rows per transaction. Prisma's interactive transactions time out after 5 s and PGlite holds
 * its only connection meanwhile, so the demo goes in slices; each slice is all-or-nothing.
 */
export const DEMO_CHUNK_ROWS = 25_000;

/** The file name the demo import shows in the import history. */
export const DEMO_FILE_NAME = "demo-data";

export interface LoadDemoResult {
  /** The import the demo was written as (import history; rollbackImport undoes it). */
  importId: string;
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
  /** Who loads it (audit log, import history); null for the first-start seed. */
  actor?: Actor | null;
}

/** What a demo import keeps in its report, so that its rollback can withdraw the demo's own targets. */
export interface DemoImportReport {
  demo: true;
  /** Target versions the demo wrote (source template, no actor). */
  targetVersionIds: string[];
}

/**
 * Loads the demo company (issue 11: a coherent story — LTV:CAC between 3 and 6, VK ads and
 * Telegram losing money, leads converting to deals near the 20 % quality gate — with money
 * scaled to the workspace's currency) as an IMPORT: an `imports` row with source "demo" that
 * the import history lists and rollbackImport undoes (facts carry the import's batch id, the
 * journal keeps any value they replaced). Then every KPI without a target gets one for the
 * current month and the 3 before it (setDemoTargets) — a target someone set is never touched,
 * and a rollback withdraws only the demo's own targets. A workspace that never chose a gross
 * margin gets the demo company's (40 %). Audited ("demo.loaded").
 *
 * Idempotent for the facts: loading again inserts only days that were not there (the
 * generator is deterministic per day) and leaves everything else unchanged.
 */
export async function loadDemoData(
  db: Database,
  { workspaceId, now, targets = true, actor = null, ...options }: { workspaceId: string } & LoadDemoOptions,
): Promise<LoadDemoResult> {
  const importId = randomUUID();
  const endDate = options.endDate ?? utcToday(-1);
  const days = options.days ?? 730;
  const started = new Date();
  const currency = await withTenant(db, { workspaceId }, async (tx) => {
    const workspace = await tx.workspace.findUnique({ where: { id: workspaceId }, select: { currency: true } });
    const checksum = createHash("sha256")
      .update(`demo|${options.seed ?? DEFAULT_DEMO_SEED}|${endDate}|${days}|${workspace?.currency}`)
      .digest("hex");
    const empty = { columns: [], measureAliases: [], defaultChannel: null };
    await tx.import.create({
      data: {
        id: importId,
        workspaceId,
        fileName: DEMO_FILE_NAME,
        fileSize: BigInt(0),
        checksum,
        storageKey: "",
        encoding: "utf-8",
        delimiter: ",",
        numberStyle: "en",
        suggestedMapping: empty,
        mapping: empty,
        mappingFingerprint: "",
        status: "RUNNING",
        source: "demo",
        startedAt: started,
        commitRequestedAt: started,
        createdByUserId: actor?.kind === "user" ? actor.userId : null,
        createdByApiKeyId: actor?.kind === "apiKey" ? actor.apiKeyId : null,
      },
    });
    // The demo company is a services business: a workspace that never chose a margin gets 40 %.
    await tx.$executeRawUnsafe(
      `INSERT INTO metric_settings (workspace_id, gross_margin) VALUES ($1::uuid, $2::numeric) ON CONFLICT (workspace_id) DO NOTHING`,
      workspaceId,
      DEMO_GROSS_MARGIN,
    );
    return workspace?.currency ?? "RUB";
  });

  const total = { accepted: 0, inserted: 0, updated: 0, unchanged: 0 };
  let chunk: MetricRowInput[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    const rows = chunk;
    chunk = [];
    await withTenant(db, { workspaceId }, async (tx) => {
      const { customMeasures } = await loadMetricDefinitions(tx, workspaceId);
      const valid = validateMetricRows(rows, { customMeasures, maxDate: endDate, path: ["rows"] });
      if (!valid.ok) throw badInput(valid.errors);
      // The journal trigger records any value the demo replaces, for an exact rollback.
      await tx.$executeRawUnsafe(`SELECT set_config('app.import_id', $1, true)`, importId);
      const counts = await upsertFacts(tx, { workspaceId, rows: valid.rows, batchId: importId });
      total.accepted += valid.rows.length;
      total.inserted += counts.inserted;
      total.updated += counts.updated;
      total.unchanged += counts.unchanged;
      await tx.importChunk.create({
        data: { workspaceId, importId, chunkNo: total.accepted, rows: valid.rows.length, ...counts },
      });
    });
  };
  try {
    for (const row of demoFacts({ ...options, endDate, days, currency })) {
      chunk.push(row);
      if (chunk.length >= DEMO_CHUNK_ROWS) await flush();
    }
    await flush();
  } catch (error) {
    // Nothing half-loaded stays behind: undo the slices already written and mark the import failed.
    await withTenant(db, { workspaceId }, async (tx) => {
      await restoreImportFacts(tx, { workspaceId, importId });
      await tx.import.update({
        where: { workspaceId_id: { workspaceId, id: importId } },
        data: { status: "FAILED", error: "The demo data could not be loaded", finishedAt: new Date() },
      });
    });
    throw error;
  }

  let targetCount = 0;
  let targetVersionIds: string[] = [];
  if (targets) {
    const clock = now ?? (options.endDate ? new Date(`${addDays(options.endDate, 1)}T12:00:00Z`) : new Date());
    targetCount = (await setDemoTargets(db, { workspaceId, now: clock })).set;
    if (targetCount > 0) {
      targetVersionIds = await withTenant(db, { workspaceId }, async (tx) =>
        (
          await tx.$queryRawUnsafe<{ id: string }[]>(
            `SELECT id::text FROM kpi_target_versions WHERE workspace_id = $1::uuid AND source = 'template' AND actor_user_id IS NULL AND actor_api_key_id IS NULL AND effective_from >= $2::timestamptz`,
            workspaceId,
            started.toISOString(),
          )
        ).map((r) => r.id),
      );
    }
  }

  await withTenant(db, { workspaceId }, async (tx) => {
    const report: DemoImportReport = { demo: true, targetVersionIds };
    const done = await tx.import.update({
      where: { workspaceId_id: { workspaceId, id: importId } },
      data: {
        status: "COMMITTED",
        finishedAt: new Date(),
        dataRows: total.accepted,
        rowsTotal: total.accepted,
        rowsDone: total.accepted,
        inserted: total.inserted,
        updated: total.updated,
        unchanged: total.unchanged,
        report: {
          fingerprint: "",
          errorCount: 0,
          issues: [],
          unknownMeasures: [],
          unmappedColumns: [],
          dataRows: total.accepted,
          factCount: total.accepted,
          unmappedChannels: [],
          ...report,
        },
      },
    });
    await recordImportEvent(tx, done, "demo.loaded", actor, { targets: targetCount, currency });
  });
  return { importId, ...total, targets: targetCount };
}
