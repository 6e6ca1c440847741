// Alerts benchmark (issue 15): alert evaluation after a 1 M-fact write (goal ≤ 1 s), and webhook
// delivery latency from event to receipt by a local HTTP receiver (goal p95 ≤ 2 s), on PostgreSQL
// and PGlite. Floors in the same run: one uncached scorecard context load (what any evaluation
// must read at least) and a bare HTTP POST to the same receiver.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { alertWorkSettled, emitWorkspaceEvent, startAlertScheduler } from "@/lib/alerts/alert-schedule";
import { evaluateAlerts } from "@/lib/alerts/evaluate-alerts";
import { withTenantSql } from "@/lib/alerts/tenant-sql";
import { signUp } from "@/lib/accounts/sign-up";
import type { Database } from "@/lib/db/client";
import { openDatabase } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { ingestRows } from "@/lib/ingestion/ingest-rows";
import { addDays } from "@/lib/periods/local-date";
import { loadScorecardContext } from "@/lib/scorecard-service/load-scorecard-context";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { createBenchDatabase } from "./lib/bench-database";
import { round, summarize, writeResult } from "./lib/report";
import { insertCampaignSliceSql, rowsPerCampaign } from "./lib/synthetic-facts";

const DAYS = 730;
const CAMPAIGNS = Math.ceil(Number(process.env.BENCH_ALERT_FACTS ?? 1_000_000) / rowsPerCampaign(DAYS));
const EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 40);

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
}

async function measure(kind: "postgres" | "pglite", db: Database) {
  const { workspace } = await signUp(db, {
    email: `bench-alerts-${kind}-${Date.now()}@example.com`,
    password: "bench alerts passphrase 1",
    name: "Bench",
    workspaceName: "Bench alerts",
    timeZone: "UTC",
  });
  const workspaceId = workspace.id;
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  const first = addDays(today, -(DAYS - 1));
  const [loadMs] = await timed(async () => {
    for (let c = 0; c < CAMPAIGNS; c++)
      await withTenantSql(db, workspaceId, (sql) => sql.query(insertCampaignSliceSql(c), [workspaceId, first, DAYS]));
  });
  const facts = CAMPAIGNS * rowsPerCampaign(DAYS);

  // The first evaluation after the write: every rule, scorecard contexts not cached.
  const [afterWriteMs, firstRun] = await timed(() => evaluateAlerts(db, { workspaceId, now }));
  // Then after each small change (one fact pushed): what an evaluation costs per data change.
  const perChange: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < 5; i++) {
    await ingestRows(db, {
      workspaceId,
      rows: [{ date: today, channel: "google_ads", campaign: "bench", measure: "leads", value: String(100 + i) }],
    });
    const [ms] = await timed(() => evaluateAlerts(db, { workspaceId, now }));
    perChange.push(ms);
    await ingestRows(db, {
      workspaceId,
      rows: [{ date: today, channel: "google_ads", campaign: "bench", measure: "leads", value: String(200 + i) }],
    });
    const [f] = await timed(() =>
      loadScorecardContext(db, { workspaceId, calendar: { timeZone: "UTC", fiscalYearStartMonth: 1 }, now }),
    );
    floor.push(f);
  }
  const unchanged: number[] = [];
  for (let i = 0; i < 20; i++) unchanged.push((await timed(() => evaluateAlerts(db, { workspaceId, now })))[0]);

  // Webhook latency: event recorded → request received by a local receiver.
  const received = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { data: { batchId?: string; probe?: string } };
      received.set(body.data.batchId ?? body.data.probe ?? "", performance.now());
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  await createWebhook(db, {
    workspaceId,
    actor: {
      kind: "user",
      userId: (await db.sql.query<{ id: string }>("SELECT id::text FROM users ORDER BY created_at DESC LIMIT 1"))
        .rows[0].id,
    },
    url,
    events: ["BATCH_INGESTED"],
  });
  const stop = startAlertScheduler(db);
  const latencies: number[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const id = `bench-${i}`;
    const start = performance.now();
    await emitWorkspaceEvent(db, { workspaceId, event: "BATCH_INGESTED", data: { batchId: id } });
    const until = Date.now() + 10_000;
    while (!received.has(id) && Date.now() < until) await new Promise((r) => setTimeout(r, 2));
    latencies.push((received.get(id) ?? Number.NaN) - start);
  }
  await alertWorkSettled(db);
  await stop();
  const bare: number[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const id = `bare-${i}`;
    const body = JSON.stringify({ data: { probe: id } });
    const start = performance.now();
    await new Promise<void>((resolve, reject) => {
      const req = http.request(url, { method: "POST", headers: { "content-type": "application/json" } }, (res) => {
        res.resume();
        res.on("end", resolve);
      });
      req.on("error", reject);
      req.end(body);
    });
    bare.push(performance.now() - start);
  }
  server.closeAllConnections();
  server.close();
  const lost = latencies.filter((l) => Number.isNaN(l)).length;
  const s = (xs: number[]) => {
    const v = summarize(xs.filter((x) => !Number.isNaN(x)));
    return {
      n: v.n,
      p50: round(v.p50),
      p95: round(v.p95),
      max: round(Math.max(...xs.filter((x) => !Number.isNaN(x)))),
    };
  };
  return {
    facts,
    loadFactsMs: round(loadMs, 0),
    evaluation: {
      afterWriteMs: round(afterWriteMs),
      alertsFired: firstRun.alertIds.length,
      perChangeMs: s(perChange),
      unchangedSkipMs: s(unchanged),
      floorScorecardContextMs: s(floor),
      goalMs: 1000,
    },
    webhook: { eventToReceiptMs: s(latencies), lost, floorBarePostMs: s(bare), goalP95Ms: 2000 },
  };
}

export async function run(): Promise<void> {
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "1";
  resetEnvCache();
  const results: Record<string, unknown> = {};
  const pgBench = await createBenchDatabase("tl_bench_alerts");
  try {
    results.postgres = await measure("postgres", pgBench.db);
  } finally {
    await pgBench.drop();
  }
  const lite = await openDatabase({ dataDir: "memory://" });
  try {
    results.pglite = await measure("pglite", lite);
  } finally {
    await lite.close();
  }
  writeResult("alerts", {
    ...results,
    note: "facts written by INSERT … SELECT in ~100 k-row statements ending today (the state an import commit leaves; the import job itself is `bench ingestion`)",
  });
}
