/**
 * The background-job seam: pg-boss on PostgreSQL, an in-process queue on PGlite. A queue only
 * carries "run job X"; the durable state of every job (status, progress, committed chunks)
 * lives in the application's own tables, so either queue can lose a message without losing
 * work — the worker's sweep re-enqueues live jobs.
 */
export interface QueuedJob {
  workspaceId: string;
  importId: string;
}

/** What a handler says: finished (or nothing to do), or "try again shortly" (workspace busy). */
export type JobResult = "done" | "retry";

export type JobHandler = (job: QueuedJob) => Promise<JobResult>;

export interface JobQueue {
  readonly kind: "in-process" | "pg-boss";
  start(handler: JobHandler): Promise<void>;
  send(job: QueuedJob): Promise<void>;
  /** Stops taking jobs and waits for the running ones. */
  stop(): Promise<void>;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
