// API throughput (issue 15, item 6): a trivial keyed query (`{ viewer { kind } }` with an API
// key) at 64 connections over HTTP against the server `npm start` runs, on PostgreSQL; in the
// same run the in-process execution floor (authenticateApiKey + graphql.execute, same
// concurrency, same database) and Next's bare route (GET /api/health, no database, no GraphQL)
// through the same server. Goal: HTTP ≥ 0.5 × the in-process floor with 0 errors.
import { readFileSync } from "node:fs";
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

/** CPU seconds (user + system) of a process and its descendants, from /proc (Linux); null elsewhere. */
function treeCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
    let total = ticks / 100; // USER_HZ
    for (const child of children) total += treeCpuSeconds(Number(child)) ?? 0;
    return total;
  } catch {
    return null;
  }
}

/** CPU seconds this process spent in `fn`. */
async function ownCpuSeconds<T>(fn: () => Promise<T>): Promise<{ value: T; cpuSeconds: number }> {
  const before = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(before);
  return { value, cpuSeconds: (used.user + used.system) / 1e6 };
}

export async function run(): Promise<void> {
  const bench = await createBenchDatabase("tl_bench_api");
  const { secret } = await createKeyedWorkspace(bench.db, {
    workspaceId: "00000000-0000-4000-8000-0000000000b2",
    slug: "bench-api",
  });
  const floorSeconds = Math.max(5, Math.round(DURATION_S / 2));
  // The floor runs in this process: its CPU per operation (the 200 warm-up calls included) is
  // the app-side cost of one keyed query without HTTP — PostgreSQL's share is outside both.
  const floorRun = await ownCpuSeconds(() =>
    measureKeyedFloor(bench.db, { secret, query: QUERY, connections: CONNECTIONS, seconds: floorSeconds }),
  );
  const floorRps = floorRun.value;
  const floorCpuMsPerOp = (floorRun.cpuSeconds * 1000) / (floorRps * floorSeconds + 200);

  const server = await startNextServer(
    { DATABASE_URL: bench.url, DATABASE_POOL_SIZE: "16", SEED_DEMO: "0" },
    Number(process.env.BENCH_PORT ?? 3793),
  );
  let http: autocannon.Result;
  let bare: autocannon.Result;
  let contentType: string | null;
  let serverCpuSeconds: number | null = null;
  let loadGeneratorCpuSeconds = 0;
  try {
    const url = `${server.url}/api/graphql`;
    const headers = { "content-type": "application/json", authorization: `Bearer ${secret}` };
    const body = JSON.stringify({ query: QUERY });
    const check = await fetch(url, { method: "POST", headers, body });
    contentType = check.headers.get("ratelimit-limit");
    if (!check.ok) throw new Error(`keyed query failed: ${check.status} ${await check.text()}`);
    await autocannon({ url, method: "POST", headers, body, connections: CONNECTIONS, duration: 5 }); // warm-up
    // CPU of the server (its process tree) and of autocannon (this process) during the measured
    // run: on one machine the load generator competes with the server for the same cores, which
    // the in-process floor does not.
    const serverBefore = treeCpuSeconds(server.pid);
    const measured = await ownCpuSeconds(() =>
      autocannon({ url, method: "POST", headers, body, connections: CONNECTIONS, duration: DURATION_S }),
    );
    const serverAfter = treeCpuSeconds(server.pid);
    http = measured.value;
    loadGeneratorCpuSeconds = measured.cpuSeconds;
    if (serverBefore !== null && serverAfter !== null) serverCpuSeconds = serverAfter - serverBefore;
    bare = await autocannon({
      url: `${server.url}/api/health`,
      connections: CONNECTIONS,
      duration: Math.max(5, Math.round(DURATION_S / 2)),
    });
  } finally {
    server.stop();
    await bench.drop();
  }
  const rps = http.requests.average;
  writeResult("api", {
    query: QUERY,
    database: "postgresql",
    server: "npm start (scripts/start.mjs)",
    http: {
      tool: "autocannon",
      method: "POST",
      connections: CONNECTIONS,
      durationSeconds: DURATION_S,
      rateLimitHeaderSeen: contentType !== null,
      ...summary(http),
    },
    floor: {
      what: "authenticateApiKey + graphql.execute in-process, same concurrency and database (the document parsed once; no validation, limits, NUL check, content negotiation or HTTP)",
      seconds: floorSeconds,
      opsPerSecond: round(floorRps, 1),
      cpuMsPerOp: round(floorCpuMsPerOp, 3),
    },
    ratioHttpToFloor: round(rps / floorRps, 3),
    cpu: {
      what: "CPU ms per request during the measured run: the server's process tree, and autocannon in this process (PostgreSQL's share not counted)",
      serverMsPerRequest: serverCpuSeconds === null ? null : round((serverCpuSeconds * 1000) / http.requests.total, 3),
      loadGeneratorMsPerRequest: round((loadGeneratorCpuSeconds * 1000) / http.requests.total, 3),
      floorMsPerOp: round(floorCpuMsPerOp, 3),
    },
    bareNextRoute: { what: "GET /api/health through the same server (Next route, no database)", ...summary(bare) },
    loadAverageAtEnd: os.loadavg().map((l) => round(l, 2)),
    goal: { ratioHttpToFloor: 0.5, errors: 0 },
  });
}
