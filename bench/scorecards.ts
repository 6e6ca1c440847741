// Scorecard benchmark (issue 5): `scorecard(role, month)` through graphql.execute in-process on
// PostgreSQL over 1 M and then 5 M facts: p50/p95 warm for one client and requests/s at 32
// concurrent clients; in the same run, the raw-SQL floor — the same period-sums statement on a
// plain pg pool (BEGIN, set tenant, statement, COMMIT) — for the same numbers.
import { execute, parse } from "graphql";
import pg from "pg";
import { createContext } from "@/graphql/context";
import { schema } from "@/graphql/schema";
import type { Viewer } from "@/lib/auth/viewer";
import { keysOfScope } from "@/lib/channel-groups/channel-groups";
import { loadKpis } from "@/lib/kpis/load-kpis";
import { seedDefaultKpis } from "@/lib/kpis/seed-default-kpis";
import { loadMetricDefinitions } from "@/lib/metric-store/load-metric-definitions";
import { BASE_MEASURES, type MeasureAggregation } from "@/lib/metrics/measures";
import { addDays } from "@/lib/periods/local-date";
import { previousPeriod } from "@/lib/periods/previous-period";
import { samePeriodLastYear } from "@/lib/periods/same-period-last-year";
import { measuresOf } from "@/lib/scorecard-service/compute-window-values";
import { type PeriodSumsRequest, loadPeriodSums } from "@/lib/scorecard-service/load-period-sums";
import { resolveScorecardPeriod } from "@/lib/scorecard-service/resolve-scorecard-period";
import { listRequiredMetrics } from "@/lib/scorecards/list-required-metrics";
import { type Tx, withTenant } from "@/lib/tenancy/with-tenant";
import { createBenchDatabase } from "./lib/bench-database";
import { round, summarize, writeResult } from "./lib/report";

const WORKSPACE_ID = "00000000-0000-4000-8000-0000000005c0";
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WARM_RUNS = Number(process.env.BENCH_WARM_RUNS ?? 300);
const LOAD_SECONDS = Number(process.env.BENCH_DURATION ?? 10);
const ROLE = "PERFORMANCE";
// "Now" pinned mid-month so that every window (month to date, previous month, last year) has data.
const NOW = new Date("2026-10-15T12:00:00Z");
const DAYS_FROM = "2024-11-01";
const DAYS_TO = "2026-10-31";
const CHANNELS = ["google_ads", "yandex_direct", "vk_ads", "vk", "telegram", "blog", "seo", "email", "crm", "direct"];
const MEASURES = [
  "spend",
  "impressions",
  "clicks",
  "sessions",
  "bounces",
  "leads",
  "qualified_leads",
  "opportunities",
  "deals_won",
  "revenue",
  "pipeline_value",
  "engagements",
  "reach",
  "branded_sessions",
];
// 730 days × 10 channels × 14 measures = 102 200 facts per campaign.
const CAMPAIGNS_1M = 10;
const CAMPAIGNS_5M = 49;

const QUERY = `query($id: ID!) { workspace(id: $id) { scorecard(role: ${ROLE}) {
  score period { label } statusCounts { onTrack atRisk offTrack noData }
  kpis { key actual target attainment expectedToDate forecast status trend previousValue lastYearValue
         series { date value } gate { state } drives { key } diagnostics { metricKey value } }
  companyTargets { key actual status } healthChecks { code } } } }`;

export async function run(): Promise<void> {
  const bench = await createBenchDatabase("tl_bench_scorecards");
  const floorPool = new pg.Pool({ connectionString: bench.url, max: 16, options: "-c role=throughline_app" });
  try {
    await withTenant(bench.db, { workspaceId: WORKSPACE_ID }, async (tx) => {
      await tx.workspace.create({
        data: { id: WORKSPACE_ID, name: "Bench", slug: "bench-scorecards", currency: "RUB", timeZone: "Europe/Moscow" },
      });
      await seedDefaultKpis(tx, WORKSPACE_ID);
    });
    const viewer: Viewer = {
      kind: "apiKey",
      apiKeyId: "00000000-0000-4000-8000-0000000005c1",
      workspaceId: WORKSPACE_ID,
      scopes: ["READ"],
    };

    const loadStarted = Date.now();
    const facts1 = await loadFacts(floorPool, 0, CAMPAIGNS_1M, bench.url);
    console.log(`loaded ${facts1} facts`);
    const load1 = (Date.now() - loadStarted) / 1000;
    const at1m = await measure(bench.db, floorPool, viewer);
    const loadStarted5 = Date.now();
    console.log("1M:", JSON.stringify(at1m));
    const facts5 = facts1 + (await loadFacts(floorPool, CAMPAIGNS_1M, CAMPAIGNS_5M, bench.url));
    console.log(`loaded ${facts5} facts`);
    const load5 = (Date.now() - loadStarted5) / 1000;
    const at5m = await measure(bench.db, floorPool, viewer);

    writeResult("scorecards", {
      query: `Workspace.scorecard(role: ${ROLE}) for the current month (now pinned to ${NOW.toISOString()}), READ API key, graphql.execute in-process`,
      database: "postgresql",
      concurrency: CONCURRENCY,
      runs: [
        { facts: facts1, loadSeconds: round(load1, 1), ...at1m },
        { facts: facts5, loadSeconds: round(load5, 1), ...at5m },
      ],
      flatness: { p95Ratio5mTo1m: round((at5m.scorecard.warmMs.p95 ?? 0) / (at1m.scorecard.warmMs.p95 ?? 1), 3) },
      goal: { p95Ms: 50, maxRatioToFloor: 1.5, errors: 0 },
    });
  } finally {
    await floorPool.end().catch(() => undefined);
    await bench.drop();
  }
}

/** Facts for campaigns [from, to) over two years, inserted through the rollup triggers in 100-day slices. */
async function loadFacts(pool: pg.Pool, fromCampaign: number, toCampaign: number, ownerUrl: string): Promise<number> {
  let inserted = 0;
  // A plain pg transaction per 30-day slice (Prisma's interactive transactions time out at 5 s).
  for (let start = DAYS_FROM; start <= DAYS_TO; start = addDays(start, 30)) {
    const end = addDays(start, 29) < DAYS_TO ? addDays(start, 29) : DAYS_TO;
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT set_config('app.workspace_id', $1, true)", [WORKSPACE_ID]);
      const result = await client.query(
        `INSERT INTO metric_facts (workspace_id, date, channel, campaign, measure, value)
         SELECT $1::uuid, d::date, ch, 'c' || c, m,
                CASE m WHEN 'spend' THEN 500 + (c * 37 + extract(doy FROM d)::int * 13) % 2000
                       WHEN 'revenue' THEN 1500 + (c * 53 + extract(doy FROM d)::int * 7) % 6000
                       WHEN 'impressions' THEN 5000 + (c * 11) % 3000
                       WHEN 'deals_won' THEN (c + extract(doy FROM d)::int) % 3
                       ELSE 10 + (c * 7 + extract(doy FROM d)::int) % 90 END
           FROM generate_series($2::date, $3::date, interval '1 day') d,
                unnest($4::text[]) ch, generate_series($5::int, $6::int) c, unnest($7::text[]) m`,
        [WORKSPACE_ID, start, end, CHANNELS, fromCampaign, toCampaign - 1, MEASURES],
      );
      await client.query("COMMIT");
      inserted += result.rowCount ?? 0;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
  // Statistics need the table owner: ANALYZE as the app role silently skips tables it does not own.
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  await owner.query("ANALYZE");
  await owner.end();
  return inserted;
}

async function measure(db: Awaited<ReturnType<typeof createBenchDatabase>>["db"], floorPool: pg.Pool, viewer: Viewer) {
  const document = parse(QUERY);
  const scorecardOnce = async () => {
    const result = await execute({
      schema,
      document,
      variableValues: { id: WORKSPACE_ID },
      contextValue: createContext({ db, viewer, clock: () => NOW }),
    });
    if (result.errors) throw new Error(result.errors[0].message);
  };
  const request = await floorRequest(db);
  const floorOnce = async () => {
    const client = await floorPool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT set_config('app.workspace_id', $1, true)", [WORKSPACE_ID]);
      const tx = {
        $queryRawUnsafe: async (text: string, ...params: unknown[]) => (await client.query(text, params)).rows,
      } as unknown as Tx;
      await loadPeriodSums(tx, request);
      await client.query("COMMIT");
    } finally {
      client.release();
    }
  };
  const scorecard = await profile(scorecardOnce);
  const floor = await profile(floorOnce);
  return {
    scorecard,
    floor,
    ratioToFloor: {
      p50: round((scorecard.warmMs.p50 ?? 0) / (floor.warmMs.p50 ?? 1), 2),
      p95: round((scorecard.warmMs.p95 ?? 0) / (floor.warmMs.p95 ?? 1), 2),
      throughput: round((floor.concurrent.requestsPerSecond ?? 0) / (scorecard.concurrent.requestsPerSecond ?? 1), 2),
    },
  };
}

/** The period-sums request the scorecard issues (same windows, scopes and measures). */
async function floorRequest(db: Awaited<ReturnType<typeof createBenchDatabase>>["db"]): Promise<PeriodSumsRequest> {
  return withTenant(db, { workspaceId: WORKSPACE_ID }, async (tx) => {
    const kpis = await loadKpis(tx, WORKSPACE_ID);
    const definitions = await loadMetricDefinitions(tx, WORKSPACE_ID);
    const required = listRequiredMetrics(kpis);
    const aggregation = new Map<string, MeasureAggregation>(BASE_MEASURES.map((m) => [m.key, m.aggregation]));
    const keys = measuresOf(required, definitions, [...aggregation.keys()]);
    const period = resolveScorecardPeriod(null, { timeZone: "Europe/Moscow", fiscalYearStartMonth: 1 }, NOW);
    const prev = previousPeriod(period);
    const ly = samePeriodLastYear(period);
    const asOf = "2026-10-15";
    const scopes = new Map<string, readonly string[]>();
    for (const r of required)
      if (r.channelScope) scopes.set(r.channelScope, keysOfScope(r.channelScope, definitions.channelGroups));
    return {
      workspaceId: WORKSPACE_ID,
      windows: [
        { name: "current", from: period.from, to: asOf },
        { name: "previousToDate", from: prev.from, to: addDays(prev.from, 14) },
        { name: "previous", from: prev.from, to: prev.to },
        { name: "lastYear", from: ly.from, to: ly.to },
      ],
      series: "current",
      scopes,
      measures: new Map([...keys].filter((k) => aggregation.has(k)).map((k) => [k, aggregation.get(k)!])),
    };
  });
}

/** Warm single-client latency, then throughput at CONCURRENCY in-flight requests. */
async function profile(once: () => Promise<void>) {
  for (let i = 0; i < 30; i++) await once();
  const samples: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    const t = performance.now();
    await once();
    samples.push(performance.now() - t);
  }
  const warm = summarize(samples);
  let ok = 0;
  let errors = 0;
  const deadline = Date.now() + LOAD_SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < deadline) {
        try {
          await once();
          ok++;
        } catch {
          errors++;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    warmMs: { p50: round(warm.p50), p95: round(warm.p95), p99: round(warm.p99), mean: round(warm.mean), n: warm.n },
    concurrent: {
      clients: CONCURRENCY,
      seconds: round(seconds, 1),
      requestsPerSecond: round(ok / seconds, 1),
      completed: ok,
      errors,
    },
  };
}
