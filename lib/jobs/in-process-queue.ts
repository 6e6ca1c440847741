import { type JobHandler, type JobQueue, type QueuedJob, sleep } from "./job-queue";

/**
 * The queue for the embedded database (one process, one connection): jobs run one at a time
 * in this process. Nothing here is durable on purpose — the job state is in the database and
 * the worker's startup sweep re-enqueues every live job, so a restart resumes them.
 */
export class InProcessQueue implements JobQueue {
  readonly kind = "in-process" as const;
  private handler: JobHandler | null = null;
  private readonly pending: QueuedJob[] = [];
  private readonly keys = new Set<string>();
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly options: { retryDelayMs?: number; maxFailures?: number } = {}) {}

  async start(handler: JobHandler): Promise<void> {
    this.handler = handler;
    this.stopped = false;
    this.pump();
  }

  async send(job: QueuedJob): Promise<void> {
    const key = `${job.workspaceId}/${job.importId}`;
    if (this.stopped || this.keys.has(key)) return;
    this.keys.add(key);
    this.pending.push(job);
    this.pump();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.pending.length = 0;
    await this.running;
  }

  private pump(): void {
    if (this.running || !this.handler || this.stopped) return;
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.pending.length > 0 && !this.stopped) this.pump();
    });
  }

  private async drain(): Promise<void> {
    while (!this.stopped && this.pending.length > 0) {
      const job = this.pending.shift()!;
      const key = `${job.workspaceId}/${job.importId}`;
      let failures = 0;
      for (;;) {
        let result: "done" | "retry";
        try {
          result = await this.handler!(job);
        } catch (error) {
          failures++;
          console.error(`[jobs] import ${job.importId} failed (${failures})`, error);
          result = failures < (this.options.maxFailures ?? 3) ? "retry" : "done";
        }
        if (result === "done" || this.stopped) break;
        await sleep(this.options.retryDelayMs ?? 500);
      }
      this.keys.delete(key);
    }
  }
}
