import "server-only";
import { hostname } from "node:os";
import type { Database } from "@/lib/db/client";
import { env } from "@/lib/env";
import { runReportDeliveries } from "@/lib/reports/run-report-deliveries";
import { type PeriodicTask, type Scheduler, startInProcessScheduler, startPgBossScheduler } from "./scheduler";

/** The periodic tasks of the app. Alerts' daily evaluation and digests belong in this list too. */
export function appPeriodicTasks(db: Database): PeriodicTask[] {
  const instanceId = `${hostname()}:${process.pid}`;
  return [
    {
      name: "report-deliveries",
      everySeconds: 60,
      run: async (now) => {
        await runReportDeliveries({ db, now, instanceId, baseUrl: env().APP_URL ?? "http://localhost:3000" });
      },
    },
  ];
}

const globalForScheduler = globalThis as unknown as { __throughlineScheduler?: WeakMap<Database, Promise<Scheduler>> };
const schedulers = (globalForScheduler.__throughlineScheduler ??= new WeakMap());

/** Starts the app's scheduler once per database: pg-boss cron on PostgreSQL, a timer on PGlite. */
export function schedulerFor(db: Database): Promise<Scheduler> {
  let scheduler = schedulers.get(db);
  if (!scheduler) {
    const url = env().DATABASE_URL;
    const tasks = appPeriodicTasks(db);
    scheduler = db.kind === "postgres" && url ? startPgBossScheduler(tasks, { connectionString: url }) : Promise.resolve(startInProcessScheduler(tasks));
    scheduler.catch(() => schedulers.delete(db));
    schedulers.set(db, scheduler);
  }
  return scheduler;
}
