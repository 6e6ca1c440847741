// API throughput (issue 15, item 6): a trivial keyed query (`{ viewer { kind } }` with an API
// key) at 64 connections over HTTP against the server `npm start` runs, on PostgreSQL; in the
// same run the in-process execution floor (authenticateApiKey + graphql.execute, same
// concurrency, same database) and Next's bare route (GET /api/health, no database, no GraphQL)
// through the same server. Goal: HTTP ≥ 0.5 × the in-process floor with 0 errors.
import os from "node:os";
import autocannon from "autocannon";
import { createBenchDatabase } from "./lib/bench-database";
import { createKeyedWorkspace, measureKeyedFloor } from "./lib/keyed-floor";
import { startNextServer } from "./lib/next-server";
import { round, writeResult } from "./lib/report";

const QUERY = "{ viewer { kind } }";
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 15);

function summary(r: autocannon.Result) {
  return {
    requestsPerSecond: round(r.requests.average, 1),
    latencyMs: { p50: r.latency.p50, p99: r.latency.p99, mean: round(r.latency.average) },
    completed: r.requests.total,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
  };
}

export async function run(): Promise<void> {
  const bench = await createBenchDatabase("tl_bench_api");
  const { secret } = await createKeyedWorkspace(bench.db, { workspaceId: "00000000-0000-4000-8000-0000000000b2", slug: "bench-api" });
  const floorSeconds = Math.max(5, Math.round(DURATION_S / 2));
  const floorRps = await measureKeyedFloor(bench.db, { secret, query: QUERY, connections: CONNECTIONS, seconds: floorSeconds });

  const server = await startNextServer({ DATABASE_URL: bench.url, DATABASE_POOL_SIZE: "16", SEED_DEMO: "0" }, Number(process.env.BENCH_PORT ?? 3793));
  let http: autocannon.Result;
  let bare: autocannon.Result;
  let contentType: string | null;
  try {
    const url = `${server.url}/api/graphql`;
    const headers = { "content-type": "application/json", authorization: `Bearer ${secret}` };
    const body = JSON.stringify({ query: QUERY });
    const check = await fetch(url, { method: "POST", headers, body });
    contentType = check.headers.get("ratelimit-limit");
    if (!check.ok) throw new Error(`keyed query failed: ${check.status} ${await check.text()}`);
    await autocannon({ url, method: "POST", headers, body, connections: CONNECTIONS, duration: 5 }); // warm-up
    http = await autocannon({ url, method: "POST", headers, body, connections: CONNECTIONS, duration: DURATION_S });
    bare = await autocannon({ url: `${server.url}/api/health`, connections: CONNECTIONS, duration: Math.max(5, Math.round(DURATION_S / 2)) });
  } finally {
    server.stop();
    await bench.drop();
  }
  const rps = http.requests.average;
  writeResult("api", {
    query: QUERY,
    database: "postgresql",
    server: "npm start (scripts/start.mjs)",
    http: { tool: "autocannon", method: "POST", connections: CONNECTIONS, durationSeconds: DURATION_S, rateLimitHeaderSeen: contentType !== null, ...summary(http) },
    floor: { what: "authenticateApiKey + graphql.execute in-process, same concurrency and database", seconds: floorSeconds, opsPerSecond: round(floorRps, 1) },
    ratioHttpToFloor: round(rps / floorRps, 3),
    bareNextRoute: { what: "GET /api/health through the same server (Next route, no database)", ...summary(bare) },
    loadAverageAtEnd: os.loadavg().map((l) => round(l, 2)),
    goal: { ratioHttpToFloor: 0.5, errors: 0 },
  });
}
