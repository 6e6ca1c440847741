// Agency portfolio benchmark (issue 13): `Agency.portfolio` of 50 clients with demo-size data
// each, on PostgreSQL — p50/p95 cold and warm, in-process (graphql.execute) and over HTTP (a
// `next start` server, agency API key) — against the floor measured in the same run: the sum of
// the 50 clients' single company scorecards, each read cold in-process by its owner. Also: cold
// portfolio at 10 / 25 / 50 clients (time linear in clients), and heap before/after.
import { execute, parse } from "graphql";
import pg from "pg";
import { createContext } from "@/graphql/context";
import { schema } from "@/graphql/schema";
import { createAgency } from "@/lib/agencies/create-agency";
import { createAgencyApiKey } from "@/lib/agencies/create-agency-api-key";
import { clearPortfolioCache } from "@/lib/agencies/find-portfolio";
import { grantAgencyAccess } from "@/lib/agencies/grant-agency-access";
import { signUp } from "@/lib/accounts/sign-up";
import type { Viewer } from "@/lib/auth/viewer";
import { loadDemoData } from "@/lib/demo/load-demo-data";
import { setDemoTargets } from "@/lib/demo/set-demo-targets";
import { scorecardContextCache } from "@/lib/scorecard-service/load-scorecard-context";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { createBenchDatabase } from "./lib/bench-database";
import { startNextServer } from "./lib/next-server";
import { round, summarize, writeResult } from "./lib/report";

const CLIENTS = Number(process.env.BENCH_AGENCY_CLIENTS ?? 50);
/** Demo days per client (the demo dataset is 730 days ≈ 160 000 facts). */
const DAYS = Number(process.env.BENCH_AGENCY_DAYS ?? 730);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 7);
const WARM_RUNS = Number(process.env.BENCH_WARM_RUNS ?? 100);
const PORT = Number(process.env.BENCH_PORT ?? 3141);
const NOW = new Date("2026-11-20T12:00:00Z");
const END_DATE = "2026-11-19";

const SCORECARD = `score statusCounts { onTrack atRisk offTrack noData } kpis { metricKey channelScope status actual target trend }`;
const PORTFOLIO = `query($id: ID!) { agency(id: $id) { name
  portfolio { workspace { id name slug currency } grantedRole needsAttention scorecard { ${SCORECARD} } }
  benchmarks { channelGroup metricKey lowerIsBetter clientCount lowerQuartile median upperQuartile positions { workspace { id name } value quartile outlier } } } }`;
const SINGLE = `query($id: ID!) { workspace(id: $id) { name scorecard(role: OWNER) { ${SCORECARD} } } }`;

export async function run(): Promise<void> {
  const bench = await createBenchDatabase("tl_bench_agency");
  const owner = new pg.Client({ connectionString: bench.url });
  await owner.connect();
  let server: { url: string; stop(): void } | undefined;
  try {
    // ---------------------------------------------------------------- data
    const started = Date.now();
    const { user: admin } = await signUp(bench.db, {
      email: "agency-admin@bench.test",
      password: "bench agency passphrase 2026",
      name: "Agency Admin",
      workspaceName: "Agency own",
    });
    const { user: clientOwner } = await signUp(bench.db, {
      email: "client-owner@bench.test",
      password: "bench client passphrase 2026",
      name: "Client Owner",
      workspaceName: "Owner own",
    });
    const agencies = new Map<number, string>();
    for (const size of [10, 25, CLIENTS])
      if (!agencies.has(size))
        agencies.set(size, (await createAgency(bench.db, { actorId: admin.id, name: `Bench agency ${size}` })).id);
    const clients: string[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const ws = await createWorkspace(bench.db, {
        actorId: clientOwner.id,
        name: `Client ${String(i + 1).padStart(2, "0")}`,
        currency: "RUB",
        timeZone: "Europe/Moscow",
      });
      clients.push(ws.id);
      if (i === 0) {
        await loadDemoData(bench.db, { workspaceId: ws.id, endDate: END_DATE, days: DAYS, now: NOW });
      } else {
        // The same demo facts scaled per client (so benchmarks differ), copied in one statement as
        // the owner; the statement triggers keep the rollups and the data version in step.
        const factor = (1 + (i % 7) * 0.15).toFixed(2);
        await owner.query(
          `INSERT INTO metric_facts (workspace_id, date, channel, campaign, measure, value)
           SELECT $1::uuid, date, channel, campaign, measure, round(value * $3::numeric, 2) FROM metric_facts WHERE workspace_id = $2::uuid`,
          [ws.id, clients[0], factor],
        );
        await setDemoTargets(bench.db, { workspaceId: ws.id, now: NOW });
      }
      if ((i + 1) % 10 === 0)
        console.log(`  ${i + 1} clients set up (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      for (const [size, agencyId] of agencies) {
        if (i < size)
          await grantAgencyAccess(bench.db, {
            workspaceId: ws.id,
            actor: { kind: "user", userId: clientOwner.id },
            agencyId,
            role: "CMO",
          });
      }
    }
    const facts = Number((await owner.query("SELECT count(*) AS n FROM metric_facts")).rows[0].n);
    console.log(`set up ${CLIENTS} clients, ${facts} facts in ${((Date.now() - started) / 1000).toFixed(0)} s`);

    const agencyId = agencies.get(CLIENTS)!;
    const adminViewer: Viewer = { kind: "user", userId: admin.id, email: admin.email, name: admin.name, locale: "en" };
    const ownerViewer: Viewer = {
      kind: "user",
      userId: clientOwner.id,
      email: clientOwner.email,
      name: clientOwner.name,
      locale: "en",
    };
    const portfolioDoc = parse(PORTFOLIO);
    const singleDoc = parse(SINGLE);
    const exec = async (viewer: Viewer, doc: ReturnType<typeof parse>, id: string) => {
      const res = await execute({
        schema,
        document: doc,
        variableValues: { id },
        contextValue: createContext({ db: bench.db, viewer, clock: () => NOW }),
      });
      if (res.errors?.length) throw new Error(res.errors[0].message);
      return res.data as Record<string, any>;
    };
    const clearCaches = () => {
      scorecardContextCache.clear();
      clearPortfolioCache();
    };
    const time = async (fn: () => Promise<unknown>) => {
      const t = performance.now();
      await fn();
      return performance.now() - t;
    };

    // Sanity: the portfolio has every client, each equal to its own scorecard.
    const check = await exec(adminViewer, portfolioDoc, agencyId);
    if (check.agency.portfolio.length !== CLIENTS)
      throw new Error(`portfolio has ${check.agency.portfolio.length} clients`);
    const own = await exec(ownerViewer, singleDoc, clients[0]);
    const entry = check.agency.portfolio.find(
      (e: { workspace: { name: string } }) => e.workspace.name === own.workspace.name,
    );
    if (JSON.stringify(entry.scorecard) !== JSON.stringify(own.workspace.scorecard))
      throw new Error("portfolio entry differs from the client's own scorecard");

    // ---------------------------------------------------------------- floor: 50 single scorecards, cold
    const floor: number[] = [];
    for (let r = 0; r < COLD_RUNS; r++) {
      clearCaches();
      let sum = 0;
      for (const id of clients) sum += await time(() => exec(ownerViewer, singleDoc, id));
      floor.push(sum);
    }

    // ---------------------------------------------------------------- portfolio in-process
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const cold: number[] = [];
    for (let r = 0; r < COLD_RUNS; r++) {
      clearCaches();
      cold.push(await time(() => exec(adminViewer, portfolioDoc, agencyId)));
    }
    const warm: number[] = [];
    for (let r = 0; r < WARM_RUNS; r++) warm.push(await time(() => exec(adminViewer, portfolioDoc, agencyId)));
    global.gc?.();
    const heapAfter = process.memoryUsage().heapUsed;

    // Linear in clients: cold portfolio of 10, 25 and 50 clients.
    const bySize: Record<string, number | null> = {};
    for (const [size, id] of [...agencies].sort((a, b) => a[0] - b[0])) {
      const runs: number[] = [];
      for (let r = 0; r < COLD_RUNS; r++) {
        clearCaches();
        runs.push(await time(() => exec(adminViewer, portfolioDoc, id)));
      }
      bySize[String(size)] = round(summarize(runs).p50);
    }

    // ---------------------------------------------------------------- over HTTP (next start, agency key)
    const key = await createAgencyApiKey(bench.db, {
      agencyId,
      actorId: admin.id,
      name: "bench",
      scopes: ["READ"],
      rateLimitPerMinute: 100_000,
    });
    server = await startNextServer(
      { DATABASE_URL: bench.url, SEED_DEMO: "0", AUTH_SECRET: "bench-secret-bench-secret-bench-secret-0123" },
      PORT,
    );
    const http = async () => {
      const res = await fetch(`${server!.url}/api/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key.secret}` },
        body: JSON.stringify({ query: PORTFOLIO, variables: { id: agencyId } }),
      });
      const body = (await res.json()) as {
        errors?: { message: string }[];
        data?: { agency: { portfolio: unknown[] } };
      };
      if (body.errors?.length || body.data?.agency.portfolio.length !== CLIENTS)
        throw new Error(`HTTP portfolio failed: ${JSON.stringify(body.errors ?? body.data).slice(0, 300)}`);
    };
    await http();
    const httpWarm: number[] = [];
    for (let r = 0; r < WARM_RUNS; r++) httpWarm.push(await time(http));
    // Cold over HTTP: a write to every client bumps its data version, so the server's caches miss.
    const httpCold: number[] = [];
    for (let r = 0; r < COLD_RUNS; r++) {
      for (const id of clients) {
        await owner.query(
          `UPDATE metric_facts SET value = value + 1 WHERE workspace_id = $1::uuid AND date = $2::date AND measure = 'spend' AND channel = 'google_ads' AND campaign = (SELECT min(campaign) FROM metric_facts WHERE workspace_id = $1::uuid AND date = $2::date AND measure = 'spend' AND channel = 'google_ads')`,
          [id, END_DATE],
        );
      }
      httpCold.push(await time(http));
    }
    // Note: the real portfolio's clock is today, not NOW, over HTTP (same data shape either way).

    const s = (x: number[]) => {
      const v = summarize(x);
      return { n: v.n, p50: round(v.p50), p95: round(v.p95) };
    };
    const floorP50 = summarize(floor).p50!;
    const result = {
      clients: CLIENTS,
      daysPerClient: DAYS,
      facts,
      floorSumOf50SingleScorecardsColdMs: s(floor),
      portfolioInProcess: { cold: s(cold), warm: s(warm) },
      portfolioHttp: { cold: s(httpCold), warm: s(httpWarm) },
      coldVsFloor: round(summarize(cold).p50! / floorP50, 3),
      coldP50ByClients: bySize,
      heapMiB: { before: round(heapBefore / 2 ** 20, 1), after: round(heapAfter / 2 ** 20, 1) },
      goals: { warmP95Ms: 50, coldVsFloor: 1.2 },
    };
    console.log(JSON.stringify(result, null, 2));
    console.log(`wrote ${writeResult("agency", result)}`);
  } finally {
    server?.stop();
    await owner.end();
    await bench.drop();
  }
}
