import "server-only";
import { hostname } from "node:os";
import type { Database } from "@/lib/db/client";
import { env } from "@/lib/env";
import { runScheduledAlertWork } from "@/lib/alerts/alert-schedule";
import { runReportDeliveries } from "@/lib/reports/run-report-deliveries";
import { type PeriodicTask, type Scheduler, startInProcessScheduler, startPgBossScheduler } from "./scheduler";

/**
 * The periodic tasks of the app — the one place periodic work is scheduled (pg-boss cron on
 * PostgreSQL, the in-process timer on PGlite). Each task claims what it does in its own tables,
 * so a second tick or a second instance finds nothing left to do.
 */
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
    {
      // Alerts: each workspace's morning evaluation (08:00 local) and each person's digest at
      // their hour, claimed per (kind, subject, slot) in scheduled_claims.
      name: "alert-schedule",
      everySeconds: 60,
      run: async (now) => {
        await runScheduledAlertWork(db, now);
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
    scheduler =
      db.kind === "postgres" && url
        ? startPgBossScheduler(tasks, { connectionString: url })
        : Promise.resolve(startInProcessScheduler(tasks));
    scheduler.catch(() => schedulers.delete(db));
    schedulers.set(db, scheduler);
  }
  return scheduler;
}
