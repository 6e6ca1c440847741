// Platform benchmark (issue 2): an authenticated trivial query (API key) at 64 connections
// for 30 s with autocannon against `next start` on PostgreSQL; in the same run, the same
// query through graphql.execute in-process (with the same API-key authentication) as the floor.
import os from "node:os";
import autocannon from "autocannon";
import { createBenchDatabase } from "./lib/bench-database";
import { createKeyedWorkspace, measureKeyedFloor } from "./lib/keyed-floor";
import { startNextServer } from "./lib/next-server";
import { round, writeResult } from "./lib/report";

const QUERY = "{ viewer { kind scopes } }";
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 30);

export async function run(): Promise<void> {
  const bench = await createBenchDatabase("tl_bench_platform");
  const { secret } = await createKeyedWorkspace(bench.db, {
    workspaceId: "00000000-0000-4000-8000-0000000000b1",
    slug: "bench",
  });
  // Floor: authenticate + execute in-process, 64 in flight, for a third of the HTTP duration.
  const floorSeconds = Math.max(5, Math.round(DURATION_S / 3));
  const floorRps = await measureKeyedFloor(bench.db, {
    secret,
    query: QUERY,
    connections: CONNECTIONS,
    seconds: floorSeconds,
  });

  // HTTP: next start against the same database.
  const server = await startNextServer(
    { DATABASE_URL: bench.url, DATABASE_POOL_SIZE: "16", SEED_DEMO: "0" },
    Number(process.env.BENCH_PORT ?? 3791),
  );
  let http: autocannon.Result;
  let bare: autocannon.Result;
  try {
    const url = `${server.url}/api/graphql`;
    const headers = { "content-type": "application/json", authorization: `Bearer ${secret}` };
    const body = JSON.stringify({ query: QUERY });
    await autocannon({ url, method: "POST", headers, body, connections: CONNECTIONS, duration: 5 }); // warm-up
    http = await autocannon({ url, method: "POST", headers, body, connections: CONNECTIONS, duration: DURATION_S });
    // The ceiling of the framework itself on this machine: a route that does nothing.
    bare = await autocannon({
      url: `${server.url}/api/health`,
      connections: CONNECTIONS,
      duration: Math.max(5, Math.round(DURATION_S / 3)),
    });
  } finally {
    server.stop();
    await bench.drop();
  }
  const rps = http.requests.average;
  writeResult("platform", {
    query: QUERY,
    database: "postgresql",
    http: {
      tool: "autocannon",
      connections: CONNECTIONS,
      durationSeconds: DURATION_S,
      requestsPerSecond: round(rps, 1),
      latencyMs: { p50: http.latency.p50, p99: http.latency.p99, mean: round(http.latency.average) },
      completed: http.requests.total,
      errors: http.errors,
      timeouts: http.timeouts,
      non2xx: http.non2xx,
    },
    floor: {
      what: "authenticateApiKey + graphql.execute in-process, same concurrency",
      seconds: floorSeconds,
      opsPerSecond: round(floorRps, 1),
    },
    ratioHttpToFloor: round(rps / floorRps, 3),
    bareNextRoute: {
      what: "GET /api/health (no database, no GraphQL) through the same next start, same connections",
      requestsPerSecond: round(bare.requests.average, 1),
      latencyMs: { p50: bare.latency.p50, p99: bare.latency.p99 },
      non2xx: bare.non2xx,
    },
    loadAverageAtEnd: os.loadavg().map((l) => round(l, 2)),
    goal: { requestsPerSecond: 1500, errors: 0 },
  });
}
