import "server-only";
import { afterImportJob } from "@/lib/alerts/alert-schedule";
import type { Database } from "@/lib/db/client";
import { env } from "@/lib/env";
import { type ImportJobHooks, STALE_AFTER_SECONDS, runImportJob } from "@/lib/imports/run-import-job";
import { InProcessQueue } from "./in-process-queue";
import type { JobQueue } from "./job-queue";
import { PgBossQueue } from "./pg-boss-queue";

export interface ImportWorker {
  readonly queue: JobQueue;
  enqueue(job: { workspaceId: string; importId: string }): Promise<void>;
  /** Re-enqueues live imports whose worker is gone (stale heartbeat); returns how many. */
  sweep(staleAfterSeconds?: number): Promise<number>;
  stop(): Promise<void>;
}

export interface StartImportWorkerOptions {
  db: Database;
  queue: JobQueue;
  hooks?: ImportJobHooks;
  /** Sweep period (default 30 s; 0 = only at start). */
  sweepEveryMs?: number;
}

/**
 * Starts the import worker: takes jobs from the queue and runs them (lib/imports), and sweeps
 * the imports table for live jobs nobody runs — at start (a restart resumes every
 * interrupted import) and then periodically (an instance that died mid-job on PostgreSQL).
 * The embedded database has one process: every live job found at start is its own.
 */
export async function startImportWorker(options: StartImportWorkerOptions): Promise<ImportWorker> {
  const { db, queue } = options;
  const single = queue.kind === "in-process";
  const staleAfter = single ? 0 : STALE_AFTER_SECONDS;
  await queue.start(async (job) => {
    const outcome = await runImportJob({ db, ...job, hooks: options.hooks, staleAfterSeconds: staleAfter });
    // Alerts and the "import completed" webhook (a no-op unless the alert scheduler runs).
    if (outcome === "done") void afterImportJob(db, job).catch((e) => console.error("[alerts] after import failed", e));
    return outcome === "busy" ? "retry" : "done";
  });
  const sweep = async (stale = staleAfter) => {
    const { rows } = await db.sql.query<{ workspace_id: string; import_id: string }>(
      "SELECT workspace_id::text, import_id::text FROM live_import_jobs($1)",
      [stale],
    );
    for (const r of rows) await queue.send({ workspaceId: r.workspace_id, importId: r.import_id });
    return rows.length;
  };
  await sweep(single ? 0 : staleAfter);
  const every = options.sweepEveryMs ?? 30_000;
  const timer =
    every > 0 ? setInterval(() => void sweep().catch((e) => console.error("[jobs] sweep failed", e)), every) : null;
  timer?.unref?.();
  return {
    queue,
    enqueue: (job) => queue.send(job),
    sweep,
    async stop() {
      if (timer) clearInterval(timer);
      await queue.stop();
    },
  };
}

const globalForWorkers = globalThis as unknown as {
  __throughlineImportWorkers?: WeakMap<Database, Promise<ImportWorker>>;
};
const workers = (globalForWorkers.__throughlineImportWorkers ??= new WeakMap());

/**
 * The import worker of a database, started on first use: pg-boss when the app runs on
 * PostgreSQL (DATABASE_URL), the in-process queue on PGlite. Every import API calls this, so
 * the first request after a restart resumes interrupted imports.
 */
export function importWorkerFor(db: Database): Promise<ImportWorker> {
  let worker = workers.get(db);
  if (!worker) {
    const url = env().DATABASE_URL;
    const queue: JobQueue =
      db.kind === "postgres" && url ? new PgBossQueue({ connectionString: url }) : new InProcessQueue();
    worker = startImportWorker({ db, queue });
    worker.catch(() => workers.delete(db));
    workers.set(db, worker);
  }
  return worker;
}

/** Tests and benchmarks bring their own worker (their own database URL, hooks). */
export function registerImportWorker(db: Database, worker: Promise<ImportWorker>): void {
  workers.set(db, worker);
}
