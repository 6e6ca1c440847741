import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "@/lib/db/client";
import { startInProcessScheduler } from "@/lib/jobs/scheduler";
import { createReportSchedule, listReportDeliveries, unsubscribeRecipient } from "@/lib/reports/report-schedules";
import { runReportDeliveries } from "@/lib/reports/run-report-deliveries";
import { countRowsAsOwner, rowIdOf } from "./factories";
import { TEST_DB, type TestDatabase, adminUrl, gql, openTestDatabase } from "./harness";
import { createReport, pdfText, reportWorkspace } from "./reports-fixture";
import { type SmtpSink, startSmtpSink } from "./smtp-sink";

let db: TestDatabase;
let second: Database;
let smtp: SmtpSink;
let A: Awaited<ReturnType<typeof reportWorkspace>>;

beforeAll(async () => {
  db = await openTestDatabase();
  // A second app instance: its own pool on the same PostgreSQL database. PGlite is one process
  // with one connection, so there the "second instance" is a second runner on the same database.
  if (TEST_DB === "postgres") {
    const url = new URL(adminUrl());
    url.pathname = `/${db.name}`;
    second = await openDatabase({ url: url.toString(), poolSize: 4 });
  } else second = db;
  smtp = await startSmtpSink();
  A = await reportWorkspace(db);
}, 300_000);

afterAll(async () => {
  if (second && second !== db) await second.close();
  await smtp?.close();
  await db?.close();
});

/** A published report with a weekly schedule whose first slot (Monday 2026-11-02, 09:00 Moscow) is long past. */
async function dueSchedule(recipients: { externalEmails?: string[]; memberUserIds?: string[] }) {
  const created = await createReport(db, A.viewer, A.wid);
  const pub = await gql(
    db,
    A.viewer,
    `mutation($id: ID!) { publishReport(input: { reportId: $id }) { report { status } } }`,
    { id: created.id },
  );
  expect(pub.errors ?? []).toEqual([]);
  const reportId = rowIdOf(created.id);
  const schedule = await createReportSchedule(db, {
    workspaceId: A.workspace.id,
    actorId: A.owner.id,
    reportId,
    now: new Date("2026-11-01T12:00:00Z"),
    schedule: { cadence: "WEEKLY", weekday: 1, hour: 9, ...recipients },
  });
  expect(schedule.nextRunAt.toISOString()).toBe("2026-11-02T06:00:00.000Z");
  return schedule;
}

const run = (database: Database, instanceId: string, now = new Date()) =>
  runReportDeliveries({ db: database, now, baseUrl: "http://reports.test", instanceId, smtpUrl: smtp.url });

describe("scheduled delivery", () => {
  it("e-mails members and external addresses once per slot, with the PDF attached, a share link and an unsubscribe link for externals", async () => {
    smtp.messages.length = 0;
    const schedule = await dueSchedule({ externalEmails: ["board@example.test"], memberUserIds: [A.owner.id] });
    const first = await run(db, "one");
    expect(first).toEqual({ claimed: 1, sent: 1, failed: 0 });
    expect(smtp.messages).toHaveLength(2);
    const external = smtp.messages.find((m) => m.to && JSON.stringify(m.to).includes("board@example.test"))!;
    const member = smtp.messages.find((m) => m.to && JSON.stringify(m.to).includes(A.owner.email))!;
    expect(external.subject).toContain("Отчёт для совета директоров");
    expect(external.attachments).toHaveLength(1);
    expect(external.attachments[0].contentType).toBe("application/pdf");
    expect(pdfText(external.attachments[0].content)).toContain("Отчёт для совета директоров");
    expect(external.text).toMatch(/http:\/\/reports\.test\/r\/[A-Za-z0-9_-]{43}/);
    expect(external.text).toMatch(/http:\/\/reports\.test\/r\/unsubscribe\//);
    expect(member.text).not.toMatch(/unsubscribe/);

    // The same slot is not sent again; the schedule moved on to a slot after now.
    expect(await run(db, "one")).toEqual({ claimed: 0, sent: 0, failed: 0 });
    expect(smtp.messages).toHaveLength(2);
    const log = await listReportDeliveries(db, { workspaceId: A.workspace.id, scheduleId: schedule.id });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ slot: "2026-11-02", status: "SENT", attempts: 1, recipients: 2 });

    // Unsubscribing the external address stops it for this schedule.
    const token = external.text!.match(/\/r\/unsubscribe\/(\S+)/)![1];
    expect(await unsubscribeRecipient(db, { token })).toBe(true);
    expect(await unsubscribeRecipient(db, { token: token.slice(0, -2) + "xx" })).toBe(false);
    expect(await countRowsAsOwner(db, "report_unsubscribes", "email = $1", ["board@example.test"])).toBe(1);
  });

  it("two app instances racing for the same schedules send each slot exactly once", async () => {
    smtp.messages.length = 0;
    const schedules = [];
    for (let i = 0; i < 4; i++) schedules.push(await dueSchedule({ externalEmails: [`race-${i}@example.test`] }));
    const [a, b] = await Promise.all([run(db, "instance-a"), run(second, "instance-b")]);
    expect(a.sent + b.sent).toBe(4);
    expect(a.claimed + b.claimed).toBe(4);
    expect(smtp.messages).toHaveLength(4);
    expect(new Set(smtp.messages.map((m) => JSON.stringify(m.to))).size).toBe(4);
    const [c, d] = await Promise.all([run(db, "instance-a"), run(second, "instance-b")]);
    expect(c.claimed + d.claimed).toBe(0);
    expect(smtp.messages).toHaveLength(4);
  });

  it("a refused delivery is logged as failed and retried later, then sent", async () => {
    smtp.messages.length = 0;
    const schedule = await dueSchedule({ externalEmails: ["retry@example.test"] });
    smtp.refuseNext(1);
    const now = new Date();
    expect(await run(db, "one", now)).toEqual({ claimed: 1, sent: 0, failed: 1 });
    const failed = (await listReportDeliveries(db, { workspaceId: A.workspace.id, scheduleId: schedule.id }))[0];
    expect(failed).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(failed.lastError).toMatch(/try again later/);
    expect(failed.nextAttemptAt!.getTime()).toBeGreaterThan(now.getTime());
    // Not yet due: nothing happens.
    expect((await run(db, "one", now)).claimed).toBe(0);
    const later = new Date(failed.nextAttemptAt!.getTime() + 1000);
    expect(await run(db, "one", later)).toEqual({ claimed: 1, sent: 1, failed: 0 });
    expect(smtp.messages).toHaveLength(1);
    expect((await listReportDeliveries(db, { workspaceId: A.workspace.id, scheduleId: schedule.id }))[0]).toMatchObject(
      { status: "SENT", attempts: 2 },
    );
  });

  it("the in-process scheduler ticks the task at start and on demand", async () => {
    const ticks: Date[] = [];
    const scheduler = startInProcessScheduler([
      { name: "probe", everySeconds: 3600, run: async (now) => void ticks.push(now) },
    ]);
    await scheduler.tickNow();
    await scheduler.stop();
    expect(ticks.length).toBeGreaterThanOrEqual(1);
  });
});
