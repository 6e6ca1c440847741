import "server-only";
import type { Database } from "@/lib/db/client";
import { importWorkerFor } from "./import-worker";

/** Starts the database's import worker if it is not running (a restart resumes interrupted imports); never throws. */
export function wakeImportWorker(db: Database): void {
  importWorkerFor(db).catch((error) => console.error("[imports] worker failed to start", error));
}
