import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  afterImportJob,
  alertWorkSettled,
  runScheduledAlertWork,
  startAlertScheduler,
} from "@/lib/alerts/alert-schedule";
import { evaluateAlerts } from "@/lib/alerts/evaluate-alerts";
import { appPeriodicTasks } from "@/lib/jobs/app-scheduler";
import { withTenantSql } from "@/lib/alerts/tenant-sql";
import { resetEnvCache } from "@/lib/env";
import { commitImport } from "@/lib/imports/commit-import";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { configureWebhookDelivery } from "@/lib/webhooks/deliver-webhooks";
import { checkWebhookTarget } from "@/lib/webhooks/check-webhook-target";
import { verifyWebhookSignature } from "@/lib/webhooks/sign-webhook";
import { type ReceivedMail, startHookReceiver, startSmtpReceiver, waitFor } from "./alert-receivers";
import { type UserViewer, addMember, createWorkspaceWithOwner, rowIdOf } from "./factories";
import { type TestDatabase, errorCodes, openTestDatabase } from "./harness";
import { runToEnd, uploadCsv, useTempImportStore } from "./import-fixtures";
import { APRIL_15, APRIL_ROWS, gqlAt, ingest } from "./scorecard-fixture";

/**
 * Alerts end to end (SPEC §8a) on a real database, a real SMTP server (smtp-server) and a real
 * HTTP receiver, all on 127.0.0.1: firing once per change, recipients, e-mails at once and in
 * digests, signed webhooks with retries, failure and disabling.
 */
let db: TestDatabase;
let owner: UserViewer;
let perf: UserViewer;
let perfEmail: string;
let cmo: UserViewer;
let workspaceId: string;
let wsGlobalId: string;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let receiver: Awaited<ReturnType<typeof startHookReceiver>>;
let stopScheduler: () => Promise<void>;
const kpiIds = new Map<string, string>();
const QL = "performance.qualified_leads";

async function setTarget(key: string, value: string) {
  const result = await gqlAt(
    db,
    owner,
    APRIL_15,
    `mutation($kpiId: ID!, $period: PeriodInput!, $value: Decimal) { setKpiTarget(kpiId: $kpiId, period: $period, value: $value) { target } }`,
    {
      kpiId: kpiIds.get(key),
      period: { type: "MONTH", anchor: "2026-04-01" },
      value,
    },
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  await alertWorkSettled(db);
}

async function alertsOf(rule?: string): Promise<
  {
    id: string;
    rule: string;
    kpi_id: string | null;
    title: { en: string; ru: string };
    body: { en: string; ru: string };
  }[]
> {
  return withTenantSql(
    db,
    workspaceId,
    async (sql) =>
      (
        await sql.query<any>(
          `SELECT id::text, rule, kpi_id::text, title, body FROM alerts WHERE workspace_id = $1::uuid ${rule ? "AND rule = $2" : ""} ORDER BY created_at, id`,
          rule ? [workspaceId, rule] : [workspaceId],
        )
      ).rows,
  );
}

const qlAlerts = async (rule: string) => (await alertsOf(rule)).filter((a) => a.kpi_id === rowIdOf(kpiIds.get(QL)!));

async function notificationsOf(viewer: UserViewer, unreadOnly = false) {
  const res = await gqlAt(
    db,
    viewer,
    APRIL_15,
    `query($id: ID!, $u: Boolean) { workspace(id: $id) { unreadNotificationCount notifications(first: 40, unreadOnly: $u) { totalCount edges { node { id rule severity title body ruleText readAt } } } } }`,
    {
      id: wsGlobalId,
      u: unreadOnly,
    },
  );
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.workspace as {
    unreadNotificationCount: number;
    notifications: { totalCount: number; edges: { node: Record<string, string> }[] };
  };
}

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  receiver = await startHookReceiver();
  process.env.SMTP_URL = smtp.url;
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "1";
  resetEnvCache();
  configureWebhookDelivery({ maxAttempts: 3, baseDelayMs: 20, timeoutMs: 2000 });
  db = await openTestDatabase();
  stopScheduler = startAlertScheduler(db, { webhookPollMs: 25 });
  const created = await createWorkspaceWithOwner(db, { timeZone: "Europe/Moscow", locale: "en" });
  owner = created.viewer;
  workspaceId = created.workspace.id;
  const p = await addMember(db, workspaceId, "PERFORMANCE");
  perf = p.viewer;
  perfEmail = p.user.email;
  cmo = (await addMember(db, workspaceId, "CMO")).viewer;
  await db.sql.query("UPDATE users SET locale = 'ru' WHERE id = $1::uuid", [perf.userId]);
  perf = { ...perf, locale: "ru" };
  const ws = await gqlAt(db, owner, APRIL_15, `query($id: ID!) { workspace(id: $id) { id kpis { id key } } }`, {
    id: workspaceId,
  });
  wsGlobalId = ws.data!.workspace.id;
  for (const k of ws.data!.workspace.kpis) kpiIds.set(k.key, k.id);
  await ingest(db, workspaceId, APRIL_ROWS);
  await setTarget(QL, "200"); // actual 120 vs 100 expected by the 15th: on track
}, 300_000);

afterAll(async () => {
  await stopScheduler?.();
  configureWebhookDelivery(null);
  await db?.close();
  await smtp?.close();
  await receiver?.close();
});

describe("alerts fire once per change", () => {
  it("repeated reads and evaluations of unchanged data fire nothing", async () => {
    const before = (await alertsOf()).length;
    expect(await qlAlerts("KPI_OFF_TRACK")).toHaveLength(0);
    for (let i = 0; i < 3; i++) {
      const card = await gqlAt(
        db,
        perf,
        APRIL_15,
        `query($id: ID!) { workspace(id: $id) { scorecard(role: PERFORMANCE) { kpis { key status } } } }`,
        { id: wsGlobalId },
      );
      expect(card.errors).toBeUndefined();
      expect(card.data!.workspace.scorecard.kpis.find((k: { key: string }) => k.key === QL).status).toBe("ON_TRACK");
      const again = await evaluateAlerts(db, { workspaceId, now: APRIL_15 });
      expect(again.skipped).toBe(true);
    }
    // Even a forced evaluation (the daily run) of unchanged data finds no change.
    expect((await evaluateAlerts(db, { workspaceId, now: APRIL_15, force: true })).alertIds).toEqual([]);
    expect((await alertsOf()).length).toBe(before);
  });

  it("a target change that turns the KPI off track fires once; two real changes fire twice", async () => {
    await setTarget(QL, "300"); // 120 vs 150 expected: 80 % of the pace → off track
    const first = await qlAlerts("KPI_OFF_TRACK");
    expect(first).toHaveLength(1);
    expect(first[0].title.en).toBe("Qualified leads (Performance marketer) is off track");
    expect(first[0].body.en).toContain(
      "actual 120, expected by today 150, target 300 (80% of the pace). Status: off track (was on track).",
    );
    expect(first[0].body.ru.replace(/\s/g, " ")).toContain(
      "факт 120, ожидалось к сегодняшнему дню 150, цель 300 (80 % от темпа)",
    );
    expect(await qlAlerts("FORECAST_MISS")).toHaveLength(1);
    for (let i = 0; i < 3; i++) await evaluateAlerts(db, { workspaceId, now: APRIL_15, force: true });
    expect(await qlAlerts("KPI_OFF_TRACK")).toHaveLength(1);

    await setTarget(QL, "200");
    expect(await qlAlerts("KPI_BACK_ON_TRACK")).toHaveLength(1);
    await setTarget(QL, "300");
    expect(await qlAlerts("KPI_OFF_TRACK")).toHaveLength(2);
    expect(await qlAlerts("FORECAST_MISS")).toHaveLength(2); // it went back to reaching the target in between
  });

  it("reaches the owners of the KPI's role in the app, with unread count, mark read and mark all read", async () => {
    const mine = await notificationsOf(perf);
    const offTrack = mine.notifications.edges.filter((e) => e.node.rule === "KPI_OFF_TRACK");
    expect(offTrack).toHaveLength(2);
    expect(offTrack[0].node.title).toBe("Квалифицированные лиды (Performance-маркетолог): отстаёт от плана");
    expect(offTrack[0].node.ruleText.replace(/\s/g, " ")).toContain("не меньше 100 % от темпа — в плане");
    expect(mine.unreadNotificationCount).toBe(mine.notifications.totalCount);
    // The CMO and the owner do not own the PERFORMANCE scorecard.
    expect(
      (await notificationsOf(cmo)).notifications.edges.filter((e) =>
        e.node.title.includes("Qualified leads (Performance"),
      ),
    ).toHaveLength(0);

    const read = await gqlAt(
      db,
      perf,
      APRIL_15,
      `mutation($ids: [ID!]!) { markNotificationsRead(input: { notificationIds: $ids }) { changed unreadCount } }`,
      { ids: [offTrack[0].node.id] },
    );
    expect(read.data!.markNotificationsRead).toEqual({ changed: 1, unreadCount: mine.unreadNotificationCount - 1 });
    // Someone else cannot mark it (NOT_FOUND, nothing changes).
    const foreign = await gqlAt(
      db,
      cmo,
      APRIL_15,
      `mutation($ids: [ID!]!) { markNotificationsRead(input: { notificationIds: $ids }) { changed } }`,
      { ids: [offTrack[1].node.id] },
    );
    expect(errorCodes(foreign)).toEqual(["NOT_FOUND"]);
    expect((await notificationsOf(perf)).unreadNotificationCount).toBe(mine.unreadNotificationCount - 1);
    const all = await gqlAt(
      db,
      perf,
      APRIL_15,
      `mutation($w: ID!) { markAllNotificationsRead(input: { workspaceId: $w }) { changed unreadCount } }`,
      { w: wsGlobalId },
    );
    expect(all.data!.markAllNotificationsRead.unreadCount).toBe(0);
    expect((await notificationsOf(perf, true)).notifications.totalCount).toBe(0);
  });

  it("e-mails each alert at once through SMTP in the recipient's language", async () => {
    const toPerf = (m: ReceivedMail) => m.to.includes(perfEmail);
    expect(
      await waitFor(() => smtp.mails.filter(toPerf).filter((m) => m.subject.includes("отстаёт от плана")).length >= 2),
    ).toBe(true);
    const mail = smtp.mails.filter(toPerf).find((m) => m.subject.includes("отстаёт от плана"))!;
    expect(mail.subject).toBe("Throughline: Квалифицированные лиды (Performance-маркетолог): отстаёт от плана");
    expect(mail.text).toContain("Правило:");
    expect(mail.text).toContain("факт 120");
  });
});

describe("digests", () => {
  it("group each person's alerts into one e-mail at their hour, exactly once", async () => {
    for (const viewer of [perf, cmo]) {
      const res = await gqlAt(
        db,
        viewer,
        APRIL_15,
        `mutation($w: ID!) { setNotificationPreference(input: { workspaceId: $w, delivery: DAILY_DIGEST, digestHour: 9 }) { preference { delivery digestHour digestWeekday } } }`,
        { w: wsGlobalId },
      );
      expect(res.data!.setNotificationPreference.preference).toEqual({
        delivery: "DAILY_DIGEST",
        digestHour: 9,
        digestWeekday: 1,
      });
    }
    const sentBefore = smtp.mails.length;
    await setTarget(QL, "200"); // back on track → PERFORMANCE
    await setTarget("cmo.pipeline_value", "999999999999"); // the CMO's KPI off track
    await setTarget(QL, "300"); // off track again → PERFORMANCE
    expect(smtp.mails.length).toBe(sentBefore); // nobody wants them at once now

    // 08:30 in Moscow: before the digest hour — nothing.
    await runScheduledAlertWork(db, new Date("2026-04-15T05:30:00Z"));
    expect(smtp.mails.length).toBe(sentBefore);
    // 09:05 in Moscow: one digest per person, each with their own alerts only.
    const at = new Date("2026-04-15T06:05:00Z");
    await runScheduledAlertWork(db, at);
    // A second instance's tick of the app's one scheduler (the "alert-schedule" periodic task): claimed already.
    const alertTask = appPeriodicTasks(db).find((t) => t.name === "alert-schedule");
    expect(alertTask).toBeDefined();
    await alertTask!.run(at);
    await waitFor(() => smtp.mails.length >= sentBefore + 2, 5000);
    const digests = smtp.mails.slice(sentBefore);
    expect(digests).toHaveLength(2);
    const perfDigest = digests.find((m) => m.to.includes(perfEmail))!;
    // Back on track, off track, and the forecast missing again — three alerts, one mail.
    expect(perfDigest.subject).toMatch(/^Throughline: 3 оповещения в /);
    expect(perfDigest.text).toContain("Квалифицированные лиды (Performance-маркетолог): снова в плане");
    expect(perfDigest.text).toContain("Квалифицированные лиды (Performance-маркетолог): отстаёт от плана");
    expect(perfDigest.text).not.toContain("Pipeline");
    const cmoDigest = digests.find((m) => !m.to.includes(perfEmail))!;
    expect(cmoDigest.subject).toMatch(/^Throughline: \d+ alerts? in /);
    expect(cmoDigest.text).not.toContain("Qualified leads");
  });

  it("the morning evaluation runs as the app scheduler's task, once per workspace and local day", async () => {
    const task = appPeriodicTasks(db).find((t) => t.name === "alert-schedule")!;
    const claims = () =>
      withTenantSql(
        db,
        workspaceId,
        async (sql) =>
          (
            await sql.query<{ slot: string }>(
              `SELECT slot FROM scheduled_claims WHERE workspace_id = $1::uuid AND kind = 'daily-evaluation' AND slot = '2026-04-16'`,
              [workspaceId],
            )
          ).rows,
      );
    await task.run(new Date("2026-04-16T04:30:00Z")); // 07:30 in Moscow: not yet
    expect(await claims()).toHaveLength(0);
    const at = new Date("2026-04-16T05:10:00Z"); // 08:10 in Moscow
    await Promise.all([task.run(at), task.run(at)]); // two instances ticking together
    await task.run(new Date("2026-04-16T09:00:00Z")); // a later tick the same day
    expect(await claims()).toHaveLength(1);
    await alertWorkSettled(db);
  });

  it("refuses a digest hour out of range and saves nothing", async () => {
    const bad = await gqlAt(
      db,
      perf,
      APRIL_15,
      `mutation($w: ID!) { setNotificationPreference(input: { workspaceId: $w, delivery: WEEKLY_DIGEST, digestHour: 24, digestWeekday: 8 }) { preference { delivery } } }`,
      { w: wsGlobalId },
    );
    expect(errorCodes(bad)).toEqual(["BAD_USER_INPUT"]);
    expect(JSON.stringify(bad.errors![0].extensions)).toContain('"digestHour"');
    expect(JSON.stringify(bad.errors![0].extensions)).toContain('"digestWeekday"');
    const pref = await gqlAt(
      db,
      perf,
      APRIL_15,
      `query($w: ID!) { workspace(id: $w) { notificationPreference { delivery digestHour } } }`,
      { w: wsGlobalId },
    );
    expect(pref.data!.workspace.notificationPreference).toEqual({ delivery: "DAILY_DIGEST", digestHour: 9 });
  });
});

describe("webhooks", () => {
  let webhookId: string;
  let secret: string;

  it("refuses bad targets and unknown events, saving nothing", async () => {
    const create = (url: string, events: unknown = ["ALERT_RAISED"]) =>
      gqlAt(
        db,
        owner,
        APRIL_15,
        `mutation($w: ID!, $url: String!, $e: [WebhookEvent!]!) { createWebhook(input: { workspaceId: $w, url: $url, events: $e }) { secret } }`,
        { w: wsGlobalId, url, e: events },
      );
    expect(errorCodes(await create("ftp://example.com/x"))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await create("not a url"))).toEqual(["BAD_USER_INPUT"]);
    expect((await create("https://example.com/x", ["NO_SUCH_EVENT"])).errors?.length).toBe(1);
    expect(errorCodes(await create("https://example.com/x", []))).toEqual(["BAD_USER_INPUT"]);
    // Without the setting: http and private, loopback and link-local targets are refused (every resolved address).
    for (const url of [
      "http://example.com/hook",
      "https://127.0.0.1/hook",
      "https://10.1.2.3/",
      "https://169.254.169.254/latest",
      "https://[::1]/",
      "https://[::ffff:192.168.0.1]/",
    ]) {
      await expect(checkWebhookTarget(url, { allowPrivate: false }), url).rejects.toMatchObject({
        code: "BAD_USER_INPUT",
      });
    }
    const resolveTo = (addresses: string[]) => async () => addresses;
    await expect(
      checkWebhookTarget("https://hooks.example.com/", {
        allowPrivate: false,
        resolve: resolveTo(["93.184.216.34", "192.168.1.5"]),
      }),
    ).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
    await expect(
      checkWebhookTarget("https://hooks.example.com/", { allowPrivate: false, resolve: resolveTo(["93.184.216.34"]) }),
    ).resolves.toBeInstanceOf(URL);
    const list = await gqlAt(
      db,
      owner,
      APRIL_15,
      `query($w: ID!) { workspace(id: $w) { webhooks(first: 10) { totalCount } } }`,
      { w: wsGlobalId },
    );
    expect(list.data!.workspace.webhooks.totalCount).toBe(0);
  });

  it("delivers signed events to a local receiver, retrying after a 500", async () => {
    const res = await gqlAt(
      db,
      owner,
      APRIL_15,
      `mutation($w: ID!, $url: String!) { createWebhook(input: { workspaceId: $w, url: $url, events: [ALERT_RAISED, KPI_STATUS_CHANGED] }) { secret webhook { id enabled events } } }`,
      {
        w: wsGlobalId,
        url: receiver.url,
      },
    );
    expect(res.errors).toBeUndefined();
    secret = res.data!.createWebhook.secret;
    webhookId = res.data!.createWebhook.webhook.id;
    expect(secret).toMatch(/^whsec_/);
    receiver.respond((n) => (n === 1 ? 500 : 200)); // the first request fails
    await setTarget(QL, "200"); // back on track: an alert and a status change
    expect(await waitFor(() => receiver.hooks.length >= 3)).toBe(true);
    await alertWorkSettled(db);
    const [failed, ...rest] = receiver.hooks;
    expect(rest.some((h) => h.body === failed.body)).toBe(true); // the failed one came again, same body
    for (const hook of receiver.hooks) {
      const ok = verifyWebhookSignature({
        secret,
        timestamp: String(hook.headers["throughline-timestamp"]),
        body: hook.body,
        signature: String(hook.headers["throughline-signature"]),
        nowSeconds: Math.floor(Date.now() / 1000),
      });
      expect(ok).toBe(true);
      expect(
        verifyWebhookSignature({
          secret: "whsec_wrong",
          timestamp: String(hook.headers["throughline-timestamp"]),
          body: hook.body,
          signature: String(hook.headers["throughline-signature"]),
          nowSeconds: Math.floor(Date.now() / 1000),
        }),
      ).toBe(false);
    }
    const types = new Set(receiver.hooks.map((h) => JSON.parse(h.body).type));
    expect(types).toEqual(new Set(["alert.raised", "kpi.status_changed"]));
    const log = await gqlAt(
      db,
      owner,
      APRIL_15,
      `query($id: ID!) { node(id: $id) { ... on Webhook { deliveries(first: 10) { edges { node { id status attempts responseCode latencyMs } } } } } }`,
      { id: webhookId },
    );
    const deliveries = log.data!.node.deliveries.edges.map((e: any) => e.node);
    expect(deliveries.every((d: any) => d.status === "SUCCEEDED" && d.responseCode === 200 && d.latencyMs >= 0)).toBe(
      true,
    );
    expect(deliveries.map((d: any) => d.attempts).sort()).toEqual([1, 2]);
  });

  it("marks deliveries failed after the limit, turns the webhook off with an alert to the admins, and re-sends by hand", async () => {
    receiver.respond(() => 500);
    const before = receiver.hooks.length;
    // Off track: two alerts (off track, forecast miss) and a status change = 3 deliveries × 3 attempts, all refused.
    await setTarget(QL, "300");
    const webhookState = async () =>
      (
        await gqlAt(
          db,
          owner,
          APRIL_15,
          `query($id: ID!) { node(id: $id) { ... on Webhook { enabled consecutiveFailures deliveries(first: 10) { edges { node { id event status attempts responseCode error } } } } } }`,
          { id: webhookId },
        )
      ).data!.node;
    expect(
      await waitFor(
        async () => (await webhookState()).deliveries.edges.filter((e: any) => e.node.status === "FAILED").length === 3,
      ),
    ).toBe(true);
    await alertWorkSettled(db);
    expect(receiver.hooks.length - before).toBe(9);
    const state = await webhookState();
    expect(state).toMatchObject({ enabled: false, consecutiveFailures: 3 });
    const failed = state.deliveries.edges[0].node;
    expect(failed).toMatchObject({ status: "FAILED", attempts: 3, responseCode: 500, error: "HTTP 500" });

    // The admins hear about it: an alert, a notification for the owner (not for the specialist), an e-mail.
    const disabled = await alertsOf("WEBHOOK_DISABLED");
    expect(disabled).toHaveLength(1);
    expect(disabled[0].body.en).toContain(receiver.url);
    expect((await notificationsOf(owner)).notifications.edges.some((e) => e.node.rule === "WEBHOOK_DISABLED")).toBe(
      true,
    );
    expect((await notificationsOf(perf)).notifications.edges.some((e) => e.node.rule === "WEBHOOK_DISABLED")).toBe(
      false,
    );
    expect(await waitFor(() => smtp.mails.some((m) => m.subject.includes("A webhook was turned off")))).toBe(true);

    // A turned-off webhook receives nothing more and cannot re-send.
    const count = receiver.hooks.length;
    await setTarget(QL, "200");
    await alertWorkSettled(db);
    expect(receiver.hooks.length).toBe(count);
    const refused = await gqlAt(
      db,
      owner,
      APRIL_15,
      `mutation($d: ID!) { resendWebhookDelivery(input: { deliveryId: $d }) { delivery { id } } }`,
      { d: failed.id },
    );
    expect(errorCodes(refused)).toEqual(["BAD_USER_INPUT"]);

    // Turned on again and re-sent by hand: the same event, a fresh signature, delivered.
    receiver.respond(() => 200);
    const on = await gqlAt(
      db,
      owner,
      APRIL_15,
      `mutation($id: ID!) { updateWebhook(input: { webhookId: $id, enabled: true }) { webhook { enabled consecutiveFailures } } }`,
      { id: webhookId },
    );
    expect(on.data!.updateWebhook.webhook).toEqual({ enabled: true, consecutiveFailures: 0 });
    const resend = await gqlAt(
      db,
      owner,
      APRIL_15,
      `mutation($d: ID!) { resendWebhookDelivery(input: { deliveryId: $d }) { delivery { id eventId status } } }`,
      { d: failed.id },
    );
    expect(resend.errors).toBeUndefined();
    expect(await waitFor(() => receiver.hooks.length > count)).toBe(true);
    const last = receiver.hooks.at(-1)!;
    const original = receiver.hooks
      .slice(before, before + 9)
      .find((h) => JSON.parse(h.body).id === resend.data!.resendWebhookDelivery.delivery.eventId);
    expect(last.body).toBe(original?.body);
    expect(
      verifyWebhookSignature({
        secret,
        timestamp: String(last.headers["throughline-timestamp"]),
        body: last.body,
        signature: String(last.headers["throughline-signature"]),
        nowSeconds: Math.floor(Date.now() / 1000),
      }),
    ).toBe(true);
  });

  it("another workspace's owner cannot see or touch this workspace's webhooks, deliveries or notifications", async () => {
    const other = await createWorkspaceWithOwner(db, { locale: "en" });
    const state = (
      await gqlAt(
        db,
        owner,
        APRIL_15,
        `query($id: ID!) { node(id: $id) { ... on Webhook { deliveries(first: 1) { edges { node { id } } } } } }`,
        { id: webhookId },
      )
    ).data!.node;
    const deliveryId = state.deliveries.edges[0].node.id;
    const notificationId = (await notificationsOf(owner)).notifications.edges[0].node.id;
    for (const id of [webhookId, deliveryId, notificationId]) {
      const res = await gqlAt(db, other.viewer, APRIL_15, `query($id: ID!) { node(id: $id) { id } }`, { id });
      expect(res.data!.node, id).toBeNull();
    }
    const attempts = [
      [
        `mutation($id: ID!) { updateWebhook(input: { webhookId: $id, enabled: false }) { webhook { id } } }`,
        { id: webhookId },
      ],
      [`mutation($id: ID!) { deleteWebhook(input: { webhookId: $id }) { webhook { id } } }`, { id: webhookId }],
      [
        `mutation($id: ID!) { resendWebhookDelivery(input: { deliveryId: $id }) { delivery { id } } }`,
        { id: deliveryId },
      ],
      [
        `mutation($id: ID!) { markNotificationsRead(input: { notificationIds: [$id] }) { changed } }`,
        { id: notificationId },
      ],
    ] as const;
    for (const [query, variables] of attempts)
      expect(errorCodes(await gqlAt(db, other.viewer, APRIL_15, query, variables)), query).toEqual(["NOT_FOUND"]);
    const still = (
      await gqlAt(db, owner, APRIL_15, `query($id: ID!) { node(id: $id) { ... on Webhook { enabled } } }`, {
        id: webhookId,
      })
    ).data!.node;
    expect(still).toEqual({ enabled: true });
  });
});

describe("data feeds", () => {
  it("a channel that sent data regularly and then stopped raises one alert naming it", async () => {
    const other = await createWorkspaceWithOwner(db, { timeZone: "Europe/Moscow", locale: "en" });
    const ws = other.workspace.id;
    const dates = [
      "2026-03-28",
      "2026-03-29",
      "2026-03-30",
      "2026-03-31",
      ...Array.from({ length: 8 }, (_, i) => `2026-04-0${i + 1}`),
    ];
    await ingest(
      db,
      ws,
      dates.map((date) => ({ date, channel: "vk_ads", campaign: "", measure: "clicks", value: "10" })),
    );
    const run = () => evaluateAlerts(db, { workspaceId: ws, now: APRIL_15, force: true });
    await run();
    await run();
    const alerts = await withTenantSql(
      db,
      ws,
      async (sql) =>
        (
          await sql.query<any>(
            `SELECT rule, title, body, figures FROM alerts WHERE workspace_id = $1::uuid AND rule = 'CHANNEL_SILENT'`,
            [ws],
          )
        ).rows,
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0].title.en).toBe("vk_ads stopped sending data");
    expect(alerts[0].body.en).toBe(
      "No data from vk_ads since Apr 8, 2026 (7 days), though it sent data on 12 of the 14 days before.",
    );
    expect(alerts[0].figures).toMatchObject({ channel: "vk_ads", lastDate: "2026-04-08", daysWithoutData: 7 });
  });

  it("a failed import raises one IMPORT_FAILED alert and an import.completed event", async () => {
    await useTempImportStore();
    const other = await createWorkspaceWithOwner(db, { timeZone: "Europe/Moscow", locale: "en" });
    const ws = other.workspace.id;
    const hook = await gqlAt(
      db,
      other.viewer,
      APRIL_15,
      `mutation($w: ID!, $url: String!) { createWebhook(input: { workspaceId: $w, url: $url, events: [IMPORT_COMPLETED] }) { webhook { id } } }`,
      { w: ws, url: receiver.url },
    );
    expect(hook.errors).toBeUndefined();
    receiver.respond(() => 200);
    // A custom measure turned from money into a count after the upload: validation fails at commit, nothing is written.
    await withTenant(db, { workspaceId: ws }, (tx) =>
      tx.customMeasure.create({
        data: {
          workspaceId: ws,
          key: "webinars",
          nameEn: "Webinars",
          nameRu: "Вебинары",
          unit: "money",
          aggregation: "flow",
        },
      }),
    );
    const record = await uploadCsv(db, ws, "date,channel,measure,value\n2026-04-01,vk,webinars,1.5\n", {
      fileName: "webinars.csv",
    });
    await withTenant(db, { workspaceId: ws }, (tx) =>
      tx.customMeasure.updateMany({ where: { workspaceId: ws, key: "webinars" }, data: { unit: "count" } }),
    );
    await commitImport(db, { workspaceId: ws, importId: record.id });
    await runToEnd({ db, workspaceId: ws, importId: record.id });
    const before = receiver.hooks.length;
    await afterImportJob(db, { workspaceId: ws, importId: record.id }); // what the import worker calls when a job ends
    await afterImportJob(db, { workspaceId: ws, importId: record.id }); // a second time (another instance): nothing new
    await alertWorkSettled(db);
    const failed = await withTenantSql(
      db,
      ws,
      async (sql) =>
        (
          await sql.query<any>(
            `SELECT title, body FROM alerts WHERE workspace_id = $1::uuid AND rule = 'IMPORT_FAILED'`,
            [ws],
          )
        ).rows,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0].title.en).toBe("The import of webinars.csv failed");
    expect(failed[0].body.ru).toContain("Импорт webinars.csv");
    expect(await waitFor(() => receiver.hooks.length > before)).toBe(true);
    const events = receiver.hooks.slice(before).map((h) => JSON.parse(h.body));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "import.completed", data: { status: "FAILED", fileName: "webinars.csv" } });
  });
});
