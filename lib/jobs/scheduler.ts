import "server-only";
import PgBoss from "pg-boss";

/**
 * Periodic tasks (scheduled report deliveries today; alert evaluation and digests next): a
 * small generic seam like job-queue.ts. A task only says "look at the clock now"; what is due
 * and what was already done lives in the task's own tables (report_schedules.next_run_at and
 * the (schedule, slot) claims of report_deliveries), so the ticker itself keeps no state and
 * a restart simply ticks again — nothing missed while down is lost, nothing is done twice.
 *
 * - PostgreSQL: pg-boss cron (`boss.schedule`), one tick per minute across all instances, run by
 *   whichever instance's worker takes it. Exactly-once does not rest on this: tasks claim their
 *   work with unique keys, so a second tick (or a second instance) finds nothing to do.
 * - PGlite (one process): a timer in this process, first tick at start.
 */
export interface PeriodicTask {
  /** Queue name, [a-z0-9-]. */
  name: string;
  /** In-process tick period; pg-boss ticks by `cron` (default every minute). */
  everySeconds: number;
  cron?: string;
  run(now: Date): Promise<void>;
}

export interface Scheduler {
  readonly kind: "in-process" | "pg-boss";
  /** Runs every task once now (startup catch-up, tests). */
  tickNow(): Promise<void>;
  stop(): Promise<void>;
}

async function runSafely(task: PeriodicTask): Promise<void> {
  try {
    await task.run(new Date());
  } catch (error) {
    console.error(`[scheduler] ${task.name} failed`, error);
  }
}

/** The PGlite scheduler: one timer per task, ticks never overlap. */
export function startInProcessScheduler(tasks: readonly PeriodicTask[]): Scheduler {
  const running = new Map<string, Promise<void>>();
  const tick = (task: PeriodicTask) => {
    const current = running.get(task.name);
    if (current) return current;
    const p = runSafely(task).finally(() => running.delete(task.name));
    running.set(task.name, p);
    return p;
  };
  const timers = tasks.map((task) => {
    const timer = setInterval(() => void tick(task), task.everySeconds * 1000);
    timer.unref?.();
    return timer;
  });
  for (const task of tasks) void tick(task);
  return {
    kind: "in-process",
    tickNow: async () => {
      await Promise.all(tasks.map(tick));
    },
    async stop() {
      timers.forEach(clearInterval);
      await Promise.all(running.values());
    },
  };
}

/** The PostgreSQL scheduler: pg-boss cron queues, worked by every instance. */
export async function startPgBossScheduler(
  tasks: readonly PeriodicTask[],
  options: { connectionString: string; schema?: string },
): Promise<Scheduler> {
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: options.schema ?? "pgboss",
    max: 2,
    application_name: "throughline-scheduler",
  });
  boss.on("error", (error) => console.error("[scheduler] pg-boss", error));
  await boss.start();
  for (const task of tasks) {
    await boss.createQueue(task.name, {
      name: task.name,
      policy: "singleton",
      retryLimit: 0,
      expireInSeconds: 15 * 60,
    });
    await boss.schedule(task.name, task.cron ?? "* * * * *");
    await boss.work(task.name, { batchSize: 1, pollingIntervalSeconds: 2 }, async () => runSafely(task));
  }
  return {
    kind: "pg-boss",
    tickNow: async () => {
      await Promise.all(tasks.map(runSafely));
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    },
  };
}
