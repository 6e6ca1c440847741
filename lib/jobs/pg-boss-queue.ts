import "server-only";
import PgBoss from "pg-boss";
import { type JobHandler, type JobQueue, type QueuedJob, sleep } from "./job-queue";

const QUEUE = "import-commit";

/**
 * pg-boss on PostgreSQL: jobs survive restarts and spread over every app instance. pg-boss
 * keeps its tables in its own schema (`pgboss`) and connects as the database owner (the
 * DATABASE_URL role) — its rows are ids only; the import's tenant data stays behind RLS.
 * A handler that is told "busy" (another import of the workspace runs) waits and tries again
 * inside the same job, so a busy workspace does not use up retries.
 */
export class PgBossQueue implements JobQueue {
  readonly kind = "pg-boss" as const;
  private boss: PgBoss | null = null;

  constructor(private readonly options: { connectionString: string; workers?: number; schema?: string }) {}

  async start(handler: JobHandler): Promise<void> {
    const boss = new PgBoss({
      connectionString: this.options.connectionString,
      schema: this.options.schema ?? "pgboss",
      max: (this.options.workers ?? 2) + 2,
      application_name: "throughline-jobs",
    });
    boss.on("error", (error) => console.error("[jobs] pg-boss", error));
    await boss.start();
    await boss.createQueue(QUEUE, {
      name: QUEUE,
      policy: "standard",
      retryLimit: 3,
      retryDelay: 2,
      retryBackoff: true,
      expireInSeconds: 6 * 3600,
    });
    for (let i = 0; i < (this.options.workers ?? 2); i++) {
      await boss.work<QueuedJob>(QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
        while ((await handler(job.data)) === "retry") await sleep(500);
      });
    }
    this.boss = boss;
  }

  async send(job: QueuedJob): Promise<void> {
    if (!this.boss) throw new Error("job queue not started");
    await this.boss.send(QUEUE, job, { retryLimit: 3, retryDelay: 2, retryBackoff: true, expireInSeconds: 6 * 3600 });
  }

  async stop(): Promise<void> {
    await this.boss?.stop({ graceful: true, wait: true, timeout: 30_000 });
    this.boss = null;
  }
}
