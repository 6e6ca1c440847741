// Platform benchmark (issue 2): an authenticated trivial query (API key) at 64 connections
// for 30 s with autocannon against `next start` on PostgreSQL; in the same run, the same
// query through graphql.execute in-process (with the same API-key authentication) as the floor.
import os from "node:os";
import { execute, parse } from "graphql";
import autocannon from "autocannon";
import { createContext } from "@/graphql/context";
import { schema } from "@/graphql/schema";
import { generateApiKey } from "@/lib/auth/api-key-format";
import { authenticateApiKey } from "@/lib/auth/authenticate-api-key";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { createBenchDatabase } from "./lib/bench-database";
import { startNextServer } from "./lib/next-server";
import { round, writeResult } from "./lib/report";

const QUERY = "{ viewer { kind scopes } }";
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 30);

export async function run(): Promise<void> {
  const bench = await createBenchDatabase("tl_bench_platform");
  const workspaceId = "00000000-0000-4000-8000-0000000000b1";
  const key = generateApiKey();
  await withTenant(bench.db, { workspaceId }, async (tx) => {
    await tx.workspace.create({ data: { id: workspaceId, name: "Bench", slug: "bench", currency: "RUB", timeZone: "Europe/Moscow" } });
    await tx.apiKey.create({
      data: { workspaceId, name: "bench", prefix: key.prefix, secretHash: key.secretHash, scopes: ["READ"], rateLimitPerMinute: 1_000_000_000 },
    });
  });

  // Floor: authenticate + execute in-process, 64 in flight, for a third of the HTTP duration.
  const document = parse(QUERY);
  const once = async () => {
    const viewer = await authenticateApiKey(bench.db, key.secret);
    const result = await execute({ schema, document, contextValue: createContext({ db: bench.db, viewer }) });
    if (result.errors) throw new Error(result.errors[0].message);
  };
  for (let i = 0; i < 200; i++) await once();
  const floorSeconds = Math.max(5, Math.round(DURATION_S / 3));
  const floorDeadline = Date.now() + floorSeconds * 1000;
  let floorOps = 0;
  const floorStarted = Date.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < floorDeadline) {
        await once();
        floorOps++;
      }
    }),
  );
  const floorRps = floorOps / ((Date.now() - floorStarted) / 1000);

  // HTTP: next start against the same database.
  const server = await startNextServer({ DATABASE_URL: bench.url, DATABASE_POOL_SIZE: "16", SEED_DEMO: "0" }, Number(process.env.BENCH_PORT ?? 3791));
  let http: autocannon.Result;
  let bare: autocannon.Result;
  try {
    const url = `${server.url}/api/graphql`;
    const headers = { "content-type": "application/json", authorization: `Bearer ${key.secret}` };
    const body = JSON.stringify({ query: QUERY });
    await autocannon({ url, method: "POST", headers, body, connections: CONNECTIONS, duration: 5 }); // warm-up
    http = await autocannon({ url, method: "POST", headers, body, connections: CONNECTIONS, duration: DURATION_S });
    // The ceiling of the framework itself on this machine: a route that does nothing.
    bare = await autocannon({ url: `${server.url}/api/health`, connections: CONNECTIONS, duration: Math.max(5, Math.round(DURATION_S / 3)) });
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
    floor: { what: "authenticateApiKey + graphql.execute in-process, same concurrency", seconds: floorSeconds, opsPerSecond: round(floorRps, 1) },
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
