import "server-only";
import type { Database, TransactionSql } from "@/lib/db/client";
import { isoWeek, isoWeekday } from "@/lib/periods/local-date";
import { localDateInTimeZone } from "@/lib/periods/local-date-in-time-zone";
import { deliverDueWebhooks, onWebhookDisabledHook } from "@/lib/webhooks/deliver-webhooks";
import { enqueueWebhookEvent } from "@/lib/webhooks/enqueue-webhook-event";
import type { WebhookEvent } from "@/lib/webhooks/webhook-events";
import { evaluateAlerts } from "./evaluate-alerts";
import { sendDigest, sendImmediateAlertEmails } from "./send-alert-emails";
import { withTenantSql } from "./tenant-sql";

/**
 * The timing of alerts:
 *
 * - after a data change (a mutation that touched a workspace, an import job that ended): evaluate
 *   that workspace's alerts at once, coalescing bursts, then send immediate e-mails and webhooks;
 * - every minute, as the app's periodic task "alert-schedule" (lib/jobs/app-scheduler.ts — the
 *   same scheduler as report deliveries: pg-boss cron on PostgreSQL, a persisted-state timer on
 *   PGlite): `runScheduledAlertWork` gives each workspace whose local time has reached
 *   MORNING_HOUR its daily evaluation, and each person whose digest hour (and weekday) has come
 *   their digest;
 * - the webhook dispatcher's own retry clock (every couple of seconds, per instance): deliveries
 *   whose next attempt is due, leased with SKIP LOCKED — a queue drain, not a schedule.
 *
 * Exactly once across instances: a scheduled run first claims (kind, subject, slot) in
 * scheduled_claims with INSERT … ON CONFLICT DO NOTHING — e.g. ('daily-evaluation',
 * 'workspace', '2026-12-07') — and only the instance whose insert succeeded runs it; webhook
 * attempts are leased with SKIP LOCKED; e-mails are claimed (emailed_at) before they are sent.
 * The claims, not the clock that triggers them, give the guarantee.
 */
export const MORNING_HOUR = 8;

export interface LocalClock {
  date: string;
  hour: number;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
}

/** Local date, hour and weekday of an instant in a time zone. */
export function localClock(now: Date, timeZone: string): LocalClock {
  const date = localDateInTimeZone(now, timeZone);
  const hour = Number(new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" }).format(now));
  return { date, hour, weekday: isoWeekday(date) };
}

/** Claims a scheduled run; true only for the one caller whose insert succeeded. */
export async function claimSlot(
  sql: TransactionSql,
  input: { workspaceId: string; kind: string; subject: string; slot: string },
): Promise<boolean> {
  const { rows } = await sql.query(
    `INSERT INTO scheduled_claims (workspace_id, kind, subject, slot) VALUES ($1::uuid, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id`,
    [input.workspaceId, input.kind, input.subject, input.slot],
  );
  return rows.length === 1;
}

/** The minute tick: daily evaluations and digests that are due now, each claimed first. */
export async function runScheduledAlertWork(
  db: Database,
  now = new Date(),
): Promise<{ evaluations: number; digests: number }> {
  const { rows: workspaces } = await db.sql.query<{ workspace_id: string; time_zone: string }>(
    "SELECT workspace_id::text, time_zone FROM alert_schedule_workspaces()",
  );
  let evaluations = 0;
  let digests = 0;
  for (const w of workspaces) {
    const clock = localClock(now, w.time_zone);
    const due = await withTenantSql(db, w.workspace_id, async (sql) => {
      const morning =
        clock.hour >= MORNING_HOUR &&
        (await claimSlot(sql, {
          workspaceId: w.workspace_id,
          kind: "daily-evaluation",
          subject: "workspace",
          slot: clock.date,
        }));
      const { rows: prefs } = await sql.query<{
        user_id: string;
        delivery: "DAILY_DIGEST" | "WEEKLY_DIGEST";
        digest_hour: number;
        digest_weekday: number;
      }>(
        `SELECT user_id::text, delivery, digest_hour, digest_weekday FROM notification_preferences
         WHERE workspace_id = $1::uuid AND delivery IN ('DAILY_DIGEST', 'WEEKLY_DIGEST') AND digest_hour <= $2`,
        [w.workspace_id, clock.hour],
      );
      const people: { userId: string; kind: "DAILY_DIGEST" | "WEEKLY_DIGEST" }[] = [];
      for (const p of prefs) {
        if (p.delivery === "WEEKLY_DIGEST" && p.digest_weekday !== clock.weekday) continue;
        const week = isoWeek(clock.date);
        const slot = p.delivery === "DAILY_DIGEST" ? clock.date : `${week.year}-W${String(week.week).padStart(2, "0")}`;
        if (await claimSlot(sql, { workspaceId: w.workspace_id, kind: p.delivery, subject: p.user_id, slot }))
          people.push({ userId: p.user_id, kind: p.delivery });
      }
      return { morning, people };
    });
    if (due.morning) {
      await evaluateAndDeliver(db, w.workspace_id, now, true);
      evaluations++;
    }
    for (const p of due.people) if (await sendDigest(db, { workspaceId: w.workspace_id, ...p })) digests++;
  }
  return { evaluations, digests };
}

async function evaluateAndDeliver(db: Database, workspaceId: string, now?: Date, force = false): Promise<void> {
  await evaluateAlerts(db, { workspaceId, now, force });
  await sendImmediateAlertEmails(db, { workspaceId });
  kickWebhooks(db);
}

// ------------------------------------------------------------------ running schedulers

interface SchedulerState {
  evaluations: Map<string, Promise<void>>;
  again: Set<string>;
  /** The "now" of the latest change per workspace (the request's clock; tests pin it). */
  clocks: Map<string, Date | undefined>;
  dispatching: Promise<void> | null;
  redispatch: boolean;
  stop: () => Promise<void>;
}

const globalForAlerts = globalThis as unknown as { __throughlineAlertSchedulers?: WeakMap<Database, SchedulerState> };
const schedulers = (globalForAlerts.__throughlineAlertSchedulers ??= new WeakMap());

/**
 * Starts evaluation on change and the webhook dispatcher for a database (once per process;
 * instrumentation.ts); the minute tick is the app scheduler's "alert-schedule" task. Without a
 * started alert scheduler, data changes do not evaluate alerts — tests of other features are
 * left alone.
 */
export function startAlertScheduler(db: Database, options: { webhookPollMs?: number } = {}): () => Promise<void> {
  const existing = schedulers.get(db);
  if (existing) return existing.stop;
  const poll = setInterval(() => kickWebhooks(db), options.webhookPollMs ?? 2_000);
  poll.unref?.();
  const state: SchedulerState = {
    evaluations: new Map(),
    again: new Set(),
    clocks: new Map(),
    dispatching: null,
    redispatch: false,
    stop: async () => {
      clearInterval(poll);
      await alertWorkSettled(db);
      schedulers.delete(db);
    },
  };
  schedulers.set(db, state);
  onWebhookDisabledHook(
    (workspaceId) =>
      void sendImmediateAlertEmails(db, { workspaceId }).catch((e) => console.error("[alerts] e-mail failed", e)),
  );
  return state.stop;
}

/**
 * A workspace's data changed: evaluate its alerts now (coalesced — a burst of changes during an
 * evaluation causes one more evaluation, not one each). The promise settles when done.
 */
export function afterDataChange(db: Database, workspaceId: string, now?: Date): Promise<void> {
  const state = schedulers.get(db);
  if (!state) return Promise.resolve();
  state.clocks.set(workspaceId, now);
  const running = state.evaluations.get(workspaceId);
  if (running) {
    state.again.add(workspaceId);
    return running;
  }
  const run = (async () => {
    do {
      state.again.delete(workspaceId);
      await evaluateAndDeliver(db, workspaceId, state.clocks.get(workspaceId));
    } while (state.again.has(workspaceId));
  })()
    .catch((e) => console.error("[alerts] evaluation failed", e))
    .finally(() => state.evaluations.delete(workspaceId));
  state.evaluations.set(workspaceId, run);
  return run;
}

/** An event for webhooks that is not an alert (import completed, batch ingested); exactly once per `dedupeKey`. */
export async function emitWorkspaceEvent(
  db: Database,
  input: { workspaceId: string; event: WebhookEvent; data: Record<string, unknown>; dedupeKey?: string },
): Promise<void> {
  const queued = await withTenantSql(db, input.workspaceId, async (sql) => {
    if (
      input.dedupeKey &&
      !(await claimSlot(sql, {
        workspaceId: input.workspaceId,
        kind: input.event,
        subject: input.dedupeKey,
        slot: "-",
      }))
    )
      return 0;
    return enqueueWebhookEvent(sql, input);
  });
  if (queued > 0) kickWebhooks(db);
}

/** Sends due webhook deliveries now (one dispatcher per database at a time; a kick during a run runs it again). */
export function kickWebhooks(db: Database): Promise<void> {
  const state = schedulers.get(db);
  if (!state) return Promise.resolve();
  if (state.dispatching) {
    state.redispatch = true;
    return state.dispatching;
  }
  state.dispatching = (async () => {
    do {
      state.redispatch = false;
      for (let round = 0; round < 50 && (await deliverDueWebhooks(db)) > 0; round++);
    } while (state.redispatch);
  })()
    .catch((e) => console.error("[webhooks] dispatch failed", e))
    .finally(() => {
      state.dispatching = null;
    });
  return state.dispatching;
}

/** Settles when the evaluations and webhook dispatch running now are done (tests, benchmarks). */
export async function alertWorkSettled(db: Database): Promise<void> {
  const state = schedulers.get(db);
  if (!state) return;
  while (state.evaluations.size > 0 || state.dispatching) {
    await Promise.all([...state.evaluations.values(), state.dispatching]);
  }
}

/**
 * An import job ended (lib/jobs/import-worker.ts): an "import completed" webhook event for a
 * committed or failed import (once per import and outcome), then the alert evaluation (a commit
 * changed the data; a failure raises IMPORT_FAILED).
 */
export async function afterImportJob(db: Database, input: { workspaceId: string; importId: string }): Promise<void> {
  if (!schedulers.has(db)) return;
  const row = await withTenantSql(db, input.workspaceId, async (sql) => {
    const { rows } = await sql.query<{
      status: string;
      file_name: string;
      inserted: number;
      updated: number;
      unchanged: number;
      rows_total: number;
      error_count: number;
    }>(
      `SELECT status, file_name, inserted, updated, unchanged, rows_total, error_count FROM imports WHERE workspace_id = $1::uuid AND id = $2::uuid`,
      [input.workspaceId, input.importId],
    );
    return rows[0] ?? null;
  });
  if (row && (row.status === "COMMITTED" || row.status === "FAILED")) {
    await emitWorkspaceEvent(db, {
      workspaceId: input.workspaceId,
      event: "IMPORT_COMPLETED",
      dedupeKey: `${input.importId}:${row.status}`,
      data: {
        importId: input.importId,
        status: row.status,
        fileName: row.file_name,
        rows: row.rows_total,
        inserted: row.inserted,
        updated: row.updated,
        unchanged: row.unchanged,
        problems: row.error_count,
      },
    });
  }
  await afterDataChange(db, input.workspaceId);
}
