// `npm run bench metrics`: metricValues for 10 metrics over a month and a year with 1 M and
// 5 M facts on PostgreSQL and 1 M on PGlite, against the fastest hand-written SQL returning
// the same numbers (the floor), p50/p95 warm. Writes bench/results/metrics.json.
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { type Database, openDatabase } from "@/lib/db/client";
import { Decimal, formatDecimal } from "@/lib/metrics/decimal";
import { getMetricValues } from "@/lib/metric-store/get-metric-values";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { createBenchDatabase } from "./lib/bench-database";
import { round, summarize, writeResult } from "./lib/report";
import { insertCampaignSliceSql, rowsPerCampaign } from "./lib/synthetic-facts";

const KEYS = ["cac", "romi", "roi", "ctr", "cpc", "cpl", "lead_to_deal_conversion", "churn_rate", "ltv", "nps"];
const FIRST_DAY = "2024-11-01";
const DAYS = 730;
const MONTH = { from: "2026-10-01", to: "2026-10-31" };
const YEAR = { from: "2025-11-01", to: "2026-10-31" };
const WARMUP = Number(process.env.BENCH_WARMUP ?? 15);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 60);

/**
 * The floor: one hand-written statement over the same per-day totals, computing the 10
 * metrics in SQL, run as the owner (no transaction, no RLS, no ORM, no JS formulas). Numbers
 * equal ours (checked). $1 workspace, $2 from, $3 to.
 */
const FLOOR_SQL = `
WITH s AS (
  SELECT measure, sum(value) AS v FROM metric_daily_totals
  WHERE workspace_id = $1::uuid AND date BETWEEN $2::date AND $3::date
    AND measure = ANY('{spend,sales_cost,impressions,clicks,leads,deals_won,revenue,customers_churned,nps_promoters,nps_passives,nps_detractors}')
  GROUP BY measure),
a AS (
  SELECT sum(value) AS v FROM metric_daily_totals
  WHERE workspace_id = $1::uuid AND measure = 'customers_active' AND date = (
    SELECT min(date) FROM metric_daily_totals WHERE workspace_id = $1::uuid AND measure = 'customers_active' AND date BETWEEN $2::date AND $3::date)),
p AS (
  SELECT coalesce(sum(v) FILTER (WHERE measure = 'spend'), 0) AS spend, coalesce(sum(v) FILTER (WHERE measure = 'sales_cost'), 0) AS sales_cost,
         coalesce(sum(v) FILTER (WHERE measure = 'impressions'), 0) AS impressions, coalesce(sum(v) FILTER (WHERE measure = 'clicks'), 0) AS clicks,
         coalesce(sum(v) FILTER (WHERE measure = 'leads'), 0) AS leads, coalesce(sum(v) FILTER (WHERE measure = 'deals_won'), 0) AS deals,
         coalesce(sum(v) FILTER (WHERE measure = 'revenue'), 0) AS revenue, coalesce(sum(v) FILTER (WHERE measure = 'customers_churned'), 0) AS churned,
         coalesce(sum(v) FILTER (WHERE measure = 'nps_promoters'), 0) AS promoters, coalesce(sum(v) FILTER (WHERE measure = 'nps_passives'), 0) AS passives,
         coalesce(sum(v) FILTER (WHERE measure = 'nps_detractors'), 0) AS detractors
  FROM s)
SELECT (spend + sales_cost) / nullif(deals, 0) AS cac,
       (revenue - spend) / nullif(spend, 0) AS romi,
       (revenue - (spend + sales_cost)) / nullif(spend + sales_cost, 0) AS roi,
       clicks / nullif(impressions, 0) AS ctr,
       spend / nullif(clicks, 0) AS cpc,
       spend / nullif(leads, 0) AS cpl,
       deals / nullif(leads, 0) AS lead_to_deal_conversion,
       churned / nullif(a.v, 0) AS churn_rate,
       -- SPEC §4.2 time-normalised LTV: ADS × lifetime, lifetime = active × days / (churned × 30.4375)
       -- capped at the default 60 months (no churn → 60); no start snapshot → no value.
       CASE WHEN nullif(a.v, 0) IS NULL THEN NULL
            WHEN churned > 0 AND a.v * ($3::date - $2::date + 1) / (churned * 30.4375) <= 60
              THEN revenue * a.v * ($3::date - $2::date + 1) / nullif(deals * churned * 30.4375, 0)
            ELSE revenue / nullif(deals, 0) * 60 END AS ltv,
       100 * (promoters - detractors) / nullif(promoters + passives + detractors, 0) AS nps
FROM p, a`;

interface Runner {
  ours(range: { from: string; to: string }): Promise<Record<string, string | null>>;
  floor(range: { from: string; to: string }): Promise<Record<string, string | null>>;
}

/**
 * Warm-up, then ITERATIONS rounds that each time ours and the floor back to back, so both see
 * the same machine load (these are shared 2-core machines).
 */
async function timeInterleaved(a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number[], number[]]> {
  for (let i = 0; i < WARMUP; i++) {
    await a();
    await b();
  }
  const sa: number[] = [];
  const sb: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    let t = performance.now();
    await a();
    sa.push(performance.now() - t);
    t = performance.now();
    await b();
    sb.push(performance.now() - t);
  }
  return [sa, sb];
}

async function measure(label: string, runner: Runner) {
  const out: Record<string, unknown> = {};
  for (const [name, range] of [
    ["month", MONTH],
    ["year", YEAR],
  ] as const) {
    const ours = await runner.ours(range);
    const floor = await runner.floor(range);
    const mismatches = KEYS.filter((k) => ours[k] !== floor[k]).map((k) => `${k}: ${ours[k]} vs ${floor[k]}`);
    const [oursSamples, floorSamples] = await timeInterleaved(
      () => runner.ours(range),
      () => runner.floor(range),
    );
    const oursMs = summarize(oursSamples);
    const floorMs = summarize(floorSamples);
    out[name] = {
      ours: { p50: round(oursMs.p50), p95: round(oursMs.p95), mean: round(oursMs.mean) },
      floor: { p50: round(floorMs.p50), p95: round(floorMs.p95), mean: round(floorMs.mean) },
      p95VsFloor: round(oursMs.p95! / floorMs.p95!),
      sameNumbers: mismatches.length === 0,
      ...(mismatches.length ? { mismatches } : {}),
    };
    console.log(
      `${label.padEnd(22)} ${name.padEnd(5)} ours p50 ${fmt(oursMs.p50)} p95 ${fmt(oursMs.p95)} | floor p50 ${fmt(floorMs.p50)} p95 ${fmt(floorMs.p95)} | ×${(oursMs.p95! / floorMs.p95!).toFixed(2)} | same numbers: ${mismatches.length === 0}`,
    );
  }
  return out;
}

const fmt = (ms: number | null) => `${(ms ?? 0).toFixed(2).padStart(7)} ms`;

async function ourValues(db: Database, workspaceId: string, range: { from: string; to: string }) {
  const r = await getMetricValues(db, { workspaceId, keys: KEYS, ...range });
  return Object.fromEntries(r.current.values.map((v) => [v.key, v.value === null ? null : formatDecimal(v.value)]));
}

function floorValues(row: Record<string, unknown>): Record<string, string | null> {
  // The floor returns numerics as text; round like the API does (10 decimals, half-even).
  return Object.fromEntries(
    KEYS.map((k) => [k, row[k] === null || row[k] === undefined ? null : formatDecimal(new Decimal(String(row[k])))]),
  );
}

async function createWorkspace(db: Database): Promise<string> {
  const id = crypto.randomUUID();
  await withTenant(db, { workspaceId: id }, (tx) =>
    tx.workspace.create({
      data: { id, name: "Bench", slug: `bench-${id}`, currency: "RUB", timeZone: "Europe/Moscow" },
    }),
  );
  return id;
}

async function postgres(): Promise<Record<string, unknown>> {
  const bench = await createBenchDatabase("tl_bench_metrics");
  const owner = new pg.Client({ connectionString: bench.url });
  await owner.connect();
  try {
    const workspaceId = await createWorkspace(bench.db);
    const runner: Runner = {
      ours: (range) => ourValues(bench.db, workspaceId, range),
      floor: async (range) => floorValues((await owner.query(FLOOR_SQL, [workspaceId, range.from, range.to])).rows[0]),
    };
    const results: Record<string, unknown> = {};
    let campaigns = 0;
    for (const [label, target] of [
      ["1M", 10],
      ["5M", 50],
    ] as const) {
      const t = performance.now();
      for (; campaigns < target; campaigns++)
        await owner.query(insertCampaignSliceSql(campaigns), [workspaceId, FIRST_DAY, DAYS]);
      await owner.query("ANALYZE metric_facts; ANALYZE metric_daily_totals; ANALYZE metric_channel_daily_totals");
      const loadMs = performance.now() - t;
      const { rows } = await owner.query("SELECT count(*)::int AS n FROM metric_facts");
      console.log(`postgres: ${rows[0].n} facts (loaded in ${(loadMs / 1000).toFixed(1)} s, triggers included)`);
      results[label] = { facts: rows[0].n, ...(await measure(`postgres ${label}`, runner)) };
    }
    return results;
  } finally {
    await owner.end();
    await bench.drop();
  }
}

async function pglite(): Promise<Record<string, unknown>> {
  const db = await openDatabase({ dataDir: "memory://" });
  // The app connection switched to the app role; the floor runs as the session's superuser.
  const raw = (db as unknown as { sql: { query: PGlite["query"]; exec: PGlite["exec"] } }).sql;
  try {
    const workspaceId = await createWorkspace(db);
    const t = performance.now();
    await raw.exec("RESET ROLE");
    for (let c = 0; c < 10; c++) await raw.query(insertCampaignSliceSql(c), [workspaceId, FIRST_DAY, DAYS]);
    await raw.exec("ANALYZE metric_facts; ANALYZE metric_daily_totals; ANALYZE metric_channel_daily_totals");
    const { rows } = await raw.query<{ n: number }>("SELECT count(*)::int AS n FROM metric_facts");
    await raw.exec("SET ROLE throughline_app");
    console.log(`pglite: ${rows[0].n} facts (loaded in ${((performance.now() - t) / 1000).toFixed(1)} s)`);
    const runner: Runner = {
      ours: (range) => ourValues(db, workspaceId, range),
      // The floor sets the tenant in the same simple-protocol message as its statement (as
      // the app role, RLS on) — one round trip, like ours; PGlite has a single connection.
      floor: async (range) => {
        const [, rows] = await db.sql.execMany<Record<string, unknown>>(
          `SELECT set_config('app.workspace_id', '${workspaceId}', true); ${FLOOR_SQL.replaceAll("$1", `'${workspaceId}'`).replaceAll("$2", `'${range.from}'`).replaceAll("$3", `'${range.to}'`)}`,
        );
        return floorValues(rows[0]);
      },
    };
    return { "1M": { facts: rows[0].n, ...(await measure("pglite 1M", runner)) } };
  } finally {
    await db.close();
  }
}

export async function run(): Promise<void> {
  console.log(
    `metricValues(${KEYS.length} metrics): warm-up ${WARMUP}, ${ITERATIONS} iterations; rows per campaign slice ${rowsPerCampaign(DAYS)}`,
  );
  const only = process.env.BENCH_METRICS_ONLY;
  const postgresResults = only === "pglite" ? null : await postgres();
  const pgliteResults = only === "postgres" ? null : await pglite();
  writeResult("metrics", {
    keys: KEYS,
    ranges: { month: MONTH, year: YEAR },
    iterations: ITERATIONS,
    warmup: WARMUP,
    goal: "p95 ≤ 20 ms for a month on PostgreSQL and ≤ 1.3 × floor",
    floor:
      "one hand-written SQL statement over the same per-day totals computing the 10 metrics in SQL (same numbers, checked). PostgreSQL: run as the owner on a dedicated connection (no RLS, no transaction, no ORM, no JS formulas). PGlite: as the app role with the tenant set in the same message (its single connection cannot switch roles for free).",
    method:
      "warm-up, then ours and the floor timed back to back in each iteration (shared machine: both see the same load)",
    postgres: postgresResults,
    pglite: pgliteResults,
  });
}

if (process.argv[1]?.endsWith("metrics.ts")) {
  run().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
