import type { ImportRecord } from "./import-record";

/** Statuses cancelImport accepts (cancel-import.ts: a live job stops after its current chunk). */
const CANCELLABLE = ["UPLOADED", "FAILED", "QUEUED", "VALIDATING", "RUNNING"];

type ImportState = Pick<ImportRecord, "status" | "dataRows" | "cancelRequested">;

/** Whether commitImport would accept the import now: validated with rows, not yet written (assertEditable). */
export const canCommitImport = (r: ImportState): boolean =>
  (r.status === "UPLOADED" || r.status === "FAILED") && r.dataRows > 0;

/** Whether cancelImport would accept the import now. */
export const canCancelImport = (r: ImportState): boolean => CANCELLABLE.includes(r.status) && !r.cancelRequested;

/** Whether rollbackImport would accept the import now: committed, not rolled back. */
export const canRollbackImport = (r: ImportState): boolean => r.status === "COMMITTED";

/** How far the job is, 0–1: rowsDone / rowsTotal, and 1 once committed. */
export function importProgressFraction(r: Pick<ImportRecord, "status" | "rowsDone" | "rowsTotal">): number {
  if (r.status === "COMMITTED") return 1;
  return r.rowsTotal > 0 ? Math.min(1, r.rowsDone / r.rowsTotal) : 0;
}
