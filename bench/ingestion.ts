// Ingestion benchmark (issue 4): a 1 M-row CSV imported end to end (upload → whole-file
// validation → chunked job) on PostgreSQL and on PGlite, with rows/s and peak RSS growth; in
// the same run PostgreSQL COPY of the same file into a bare table as the floor; a re-import
// of the file's first BENCH_UPDATE_ROWS rows with every value changed (the update path: upsert,
// rollup deltas and the rollback journal); and the GraphQL push (ingestMetrics through the
// in-process schema) in 10 000-row batches.
import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { execute, parse } from "graphql";
import pg from "pg";
import { createContext } from "@/graphql/context";
import { schema } from "@/graphql/schema";
import { type Database, openDatabase } from "@/lib/db/client";
import { commitImport } from "@/lib/imports/commit-import";
import { createImport } from "@/lib/imports/create-import";
import { setImportStoreRoot } from "@/lib/imports/import-store";
import { runImportJob } from "@/lib/imports/run-import-job";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { adminUrl, createBenchDatabase } from "./lib/bench-database";
import { round, writeResult } from "./lib/report";

const ROWS = Number(process.env.BENCH_INGEST_ROWS ?? 1_000_000);
const PUSH_BATCHES = Number(process.env.BENCH_PUSH_BATCHES ?? 20);
const UPDATE_ROWS = Math.min(ROWS, Number(process.env.BENCH_UPDATE_ROWS ?? 100_000));
const MEASURES = ["spend", "impressions", "clicks", "leads", "revenue"];

/** date × channel × campaign × measure, long layout, every key distinct. */
async function writeBenchCsv(file: string, rows: number, valueShift = 0): Promise<void> {
  const out = createWriteStream(file);
  out.write("date,channel,campaign,measure,value\n");
  const start = Date.UTC(2023, 0, 1);
  let buffer = "";
  for (let i = 0; i < rows; i++) {
    const measure = MEASURES[i % 5];
    const campaign = Math.floor(i / 5) % 50;
    const channel = Math.floor(i / 250) % 10;
    const day = Math.floor(i / 2500);
    const date = new Date(start + day * 86_400_000).toISOString().slice(0, 10);
    const whole = (i % 9973) + 1 + valueShift;
    const value =
      measure === "spend" || measure === "revenue" ? `${whole}.${String(i % 100).padStart(2, "0")}` : String(whole);
    buffer += `${date},channel-${channel},campaign-${campaign},${measure},${value}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  }
  out.end(buffer);
  await once(out, "finish");
}

/** Peak RSS above the value at start, sampled every 25 ms. */
function rssWatch() {
  const base = process.memoryUsage.rss();
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 25);
  return { stop: () => (clearInterval(timer), Math.max(peak, process.memoryUsage.rss()) - base), base };
}

async function workspace(db: Database): Promise<string> {
  const id = randomUUID();
  await withTenant(db, { workspaceId: id }, (tx) =>
    tx.workspace.create({
      data: { id, name: "Bench", slug: `bench-${id.slice(0, 8)}`, currency: "RUB", timeZone: "Europe/Moscow" },
    }),
  );
  return id;
}

async function importFile(db: Database, file: string, rows = ROWS, into?: string) {
  const workspaceId = into ?? (await workspace(db));
  global.gc?.();
  const rss = rssWatch();
  const t0 = performance.now();
  const record = await createImport(db, {
    workspaceId,
    actor: { kind: "user", userId: randomUUID() },
    fileName: "bench.csv",
    body: createReadStream(file),
  });
  const t1 = performance.now();
  if (record.errorCount > 0)
    throw new Error(`bench file has problems: ${JSON.stringify((record.report as any).issues.slice(0, 3))}`);
  await commitImport(db, { workspaceId, importId: record.id });
  const outcome = await runImportJob({ db, workspaceId, importId: record.id, staleAfterSeconds: 0 });
  const t2 = performance.now();
  const peak = rss.stop();
  const done = await withTenant(db, { workspaceId }, (tx) =>
    tx.import.findFirstOrThrow({ where: { workspaceId, id: record.id } }),
  );
  if (outcome !== "done" || done.status !== "COMMITTED" || done.rowsDone !== rows)
    throw new Error(`import ended ${done.status} with ${done.rowsDone} rows`);
  const seconds = (t2 - t0) / 1000;
  return {
    workspaceId,
    rows,
    inserted: done.inserted,
    updated: done.updated,
    seconds: round(seconds),
    rowsPerSecond: Math.round(rows / seconds),
    uploadAndValidateSeconds: round((t1 - t0) / 1000),
    commitSeconds: round((t2 - t1) / 1000),
    commitRowsPerSecond: Math.round(rows / ((t2 - t1) / 1000)),
    peakRssGrowthMB: round(peak / 2 ** 20, 1),
  };
}

async function pushBatches(db: Database, batches: number) {
  const workspaceId = await workspace(db);
  const document = parse(
    `mutation($input: IngestMetricsInput!) { ingestMetrics(input: $input) { accepted inserted } }`,
  );
  const {
    rows: [owner],
  } = await db.sql.query<{ id: string }>("SELECT gen_random_uuid()::text AS id");
  // An API key viewer with WRITE_METRICS, as a third-party system pushes.
  const viewer = { kind: "apiKey" as const, apiKeyId: owner.id, workspaceId, scopes: ["WRITE_METRICS" as const] };
  const t0 = performance.now();
  for (let b = 0; b < batches; b++) {
    const rows = Array.from({ length: 10_000 }, (_, i) => {
      const n = b * 10_000 + i;
      // 200 keys a day (10 channels × 20 campaigns), days from 2023-01-01: every key distinct.
      return {
        date: new Date(Date.UTC(2023, 0, 1) + Math.floor(n / 200) * 86_400_000).toISOString().slice(0, 10),
        channel: `ch-${n % 10}`,
        campaign: `c-${Math.floor(n / 10) % 20}`,
        measure: "clicks",
        value: String(n % 1000),
      };
    });
    const result = await execute({
      schema,
      document,
      variableValues: { input: { workspaceId, idempotencyKey: `bench-${b}`, rows } },
      contextValue: createContext({ db, viewer }),
    });
    if (result.errors) throw new Error(result.errors[0].message);
  }
  const seconds = (performance.now() - t0) / 1000;
  return {
    batches,
    rowsPerBatch: 10_000,
    seconds: round(seconds),
    rowsPerSecond: Math.round((batches * 10_000) / seconds),
  };
}

export async function run(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "tl-bench-ingest-"));
  setImportStoreRoot(path.join(dir, "store"));
  const file = path.join(dir, "bench.csv");
  await writeBenchCsv(file, ROWS);
  const updateFile = path.join(dir, "bench-update.csv");
  await writeBenchCsv(updateFile, UPDATE_ROWS, 1);
  /**
   * Imports the file into a fresh workspace, then the changed first rows into the same one.
   * `settle` runs before each (PostgreSQL: a CHECKPOINT, so that the WAL written by the step
   * before — the COPY floor, the first import — does not start a checkpoint in the middle of
   * the measured import: the server log showed one in each of two runs; each import then
   * starts from the same state).
   */
  const importBoth = async (db: Database, settle: () => Promise<void> = async () => undefined) => {
    await settle();
    const { workspaceId, ...first } = await importFile(db, file);
    await settle();
    const { workspaceId: _, ...update } = await importFile(db, updateFile, UPDATE_ROWS, workspaceId);
    if (update.updated !== UPDATE_ROWS)
      throw new Error(`update import changed ${update.updated} of ${UPDATE_ROWS} facts`);
    return { first, update };
  };
  // The PostgreSQL server process reads the file for the COPY floor.
  await chmod(dir, 0o755);
  await chmod(file, 0o644);
  const result: Record<string, unknown> = {
    rows: ROWS,
    updateRows: UPDATE_ROWS,
    layout: "long (date, channel, campaign, measure, value)",
    chunkSize: 10_000,
  };
  try {
    // PostgreSQL: COPY floor, then the import, then the GraphQL push.
    const bench = await createBenchDatabase("tl_bench_ingestion");
    try {
      const url = new URL(adminUrl());
      url.pathname = "/tl_bench_ingestion";
      const admin = new pg.Client({ connectionString: url.toString() });
      admin.on("error", () => undefined);
      await admin.connect();
      await admin.query(
        "CREATE TABLE bench_bare_facts (date date, channel text, campaign text, measure text, value numeric)",
      );
      const t0 = performance.now();
      await admin.query(`COPY bench_bare_facts FROM '${file}' WITH (FORMAT csv, HEADER true)`);
      const copySeconds = (performance.now() - t0) / 1000;
      await admin.end();
      result.postgresCopyFloor = { seconds: round(copySeconds), rowsPerSecond: Math.round(ROWS / copySeconds) };
      console.log("COPY floor", result.postgresCopyFloor);
      const checkpoint = async () => {
        const owner = new pg.Client({ connectionString: url.toString() });
        await owner.connect();
        await owner.query("CHECKPOINT");
        await owner.end();
      };
      const pgImports = await importBoth(bench.db, checkpoint);
      result.postgresImport = {
        ...pgImports.first,
        vsCopyFloor: round(
          (result.postgresCopyFloor as { rowsPerSecond: number }).rowsPerSecond / pgImports.first.rowsPerSecond,
          1,
        ),
      };
      result.postgresUpdateImport = pgImports.update;
      console.log("PostgreSQL import", result.postgresImport, "update import", result.postgresUpdateImport);
      result.postgresGraphqlPush = await pushBatches(bench.db, PUSH_BATCHES);
      console.log("PostgreSQL push", result.postgresGraphqlPush);
    } catch (error) {
      console.error("[bench] PostgreSQL part failed", error);
      throw error;
    } finally {
      await bench.drop();
    }
    // PGlite, file-backed (as the app runs it).
    const pglite = await openDatabase({ dataDir: path.join(dir, "pglite") });
    try {
      const pgliteImports = await importBoth(pglite);
      result.pgliteImport = pgliteImports.first;
      result.pgliteUpdateImport = pgliteImports.update;
      console.log("PGlite import", result.pgliteImport, "update import", result.pgliteUpdateImport);
      result.pgliteGraphqlPush = await pushBatches(pglite, Math.min(PUSH_BATCHES, 10));
      console.log("PGlite push", result.pgliteGraphqlPush);
    } finally {
      await pglite.close();
    }
    result.goals = { postgresRowsPerSecond: 100_000, pgliteRowsPerSecond: 30_000, peakRssGrowthMB: 200 };
    writeResult("ingestion", result);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
