// Web benchmark (issue 6): first-load JS of the scorecard page, gzipped, and the server's time
// to first byte for that page at 50 requests/s (autocannon against `next start`, plus a
// paced TTFB probe that times the first byte, not the whole body). Runs against the embedded
// database with the seeded demo workspace, as `npm start` does, and against PostgreSQL.
// Alongside: the server's CPU time per page (from /proc), its capacity (unpaced autocannon),
// the TTFB of pages whose scorecard is not cached yet, and the same figures for the login
// page — a page with no data, the floor of what `next start` costs per page on this machine.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { DEMO_OWNER } from "@/lib/demo/seed-demo";
import { createBenchDatabase } from "./lib/bench-database";
import { fetchFirstLoadJs, printFirstLoadJs } from "./lib/first-load-js";
import { startNextServer } from "./lib/next-server";
import { round, summarize, writeResult } from "./lib/report";

const RATE = 50;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 30);

async function graphql(url: string, query: string, variables: Record<string, unknown>, cookie?: string) {
  const res = await fetch(`${url}/api/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { res, body: (await res.json()) as any };
}

function ttfb(target: URL, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.get(target, { headers: { cookie }, agent: false }, (res) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      res.resume();
      res.on("end", () => (res.statusCode === 200 ? resolve(ms) : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on("error", reject);
  });
}

/** The pid listening on `port` (the next-server process), from `ss`. */
function listeningPid(port: number): number {
  const out = execFileSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" });
  const pid = Number(/pid=(\d+)/.exec(out)?.[1]);
  if (!pid) throw new Error(`no process listens on ${port}: ${out}`);
  return pid;
}

/** User + system CPU time of a process so far, in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  // After "pid (comm) ": state is field 0; utime and stime are fields 11 and 12.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** Sequential requests: TTFB percentiles and the server's CPU ms per request. */
async function sequential(pid: number, urls: URL[], cookie: string) {
  const before = cpuMs(pid);
  const samples: number[] = [];
  for (const url of urls) samples.push(await ttfb(url, cookie));
  const cpu = (cpuMs(pid) - before) / urls.length;
  const s = summarize(samples);
  return { requests: urls.length, ttfbP50: round(s.p50), ttfbP95: round(s.p95), serverCpuMsPerRequest: round(cpu, 1) };
}

/** A paced TTFB probe: `rate` requests a second for `seconds`, each on a new connection. */
async function probe(url: URL, cookie: string, rate: number, seconds: number) {
  const samples: number[] = [];
  const errors: string[] = [];
  const pending: Promise<void>[] = [];
  const started = Date.now();
  for (let i = 0; i < rate * seconds; i++) {
    pending.push(
      ttfb(url, cookie).then(
        (ms) => void samples.push(ms),
        (e: Error) => void errors.push(e.message),
      ),
    );
    // Paced against the clock, so a slow timer does not lower the rate.
    const wait = started + ((i + 1) * 1000) / rate - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await Promise.all(pending);
  const s = summarize(samples);
  return {
    rate,
    requests: samples.length,
    errors: errors.length,
    p50: round(s.p50),
    p95: round(s.p95),
    p99: round(s.p99),
  };
}

function cannonSummary(cannon: autocannon.Result) {
  return {
    durationSeconds: DURATION_S,
    completedPerSecond: round(cannon.requests.total / DURATION_S, 1),
    latencyMs: { p50: cannon.latency.p50, p97_5: cannon.latency.p97_5, p99: cannon.latency.p99 },
    requests: cannon.requests.total,
    errors: cannon.errors,
    non2xx: cannon.non2xx,
  };
}

/**
 * The server at `rate` requests a second, three ways:
 * - autocannon alone (10 connections, overallRate): whole-response latency. Its rate limiter
 *   lets each connection send its per-second quota back to back when the second starts, so the
 *   server sees bursts of 10 concurrent requests, then idles — the harshest of the three;
 * - the TTFB probe alone at `rate`, evenly paced (open loop, a new connection per request);
 * - autocannon at rate − 5 with the TTFB probe at 5 a second at the same time: the first byte
 *   while autocannon's bursts load the server, 50 requests a second in all.
 */
async function atRate(url: URL, cookie: string, rate: number) {
  const cannon = await autocannon({
    url: url.toString(),
    headers: { cookie },
    connections: 10,
    overallRate: rate,
    duration: DURATION_S,
  });
  const ttfbProbe = await probe(url, cookie, rate, Math.min(DURATION_S, 20));
  const probeRate = 5;
  const [mixedCannon, mixedProbe] = await Promise.all([
    autocannon({
      url: url.toString(),
      headers: { cookie },
      connections: 10,
      overallRate: rate - probeRate,
      duration: DURATION_S,
    }),
    probe(url, cookie, probeRate, DURATION_S - 1),
  ]);
  return {
    rate,
    autocannon: cannonSummary(cannon),
    ttfbProbe,
    ttfbUnderAutocannon: { autocannon: cannonSummary(mixedCannon), ttfbProbe: mixedProbe },
  };
}

/** Pages per second the server completes with 10 connections and no pacing. */
async function capacity(url: URL, cookie: string) {
  const r = await autocannon({ url: url.toString(), headers: { cookie }, connections: 10, duration: 10 });
  return {
    pagesPerSecond: round(r.requests.total / 10, 1),
    latencyP50: r.latency.p50,
    latencyP99: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
  };
}

async function measure(label: string, env: Record<string, string | undefined>, port: number, onlyJs: boolean) {
  const server = await startNextServer({ ...env, SEED_DEMO: "1" }, port);
  try {
    const login = await graphql(server.url, "mutation($i: LoginInput!) { login(input: $i) { user { id } } }", {
      i: { email: DEMO_OWNER.email, password: DEMO_OWNER.password },
    });
    const cookie = (login.res.headers.get("set-cookie") ?? "").split(";")[0];
    if (!cookie.startsWith("tl.session=")) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
    const viewer = await graphql(server.url, "{ viewer { workspaces { workspace { slug } } } }", {}, cookie);
    const slug = viewer.body.data.viewer.workspaces[0].workspace.slug as string;
    const page = new URL(`/w/${slug}/scorecards/company`, server.url);
    const loginPage = new URL("/login", server.url);

    // First-load JS: every script the page's HTML loads, gzipped as a CDN would serve it.
    const html = await (await fetch(page, { headers: { cookie } })).text();
    const scripts = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]))];
    let raw = 0;
    let gzipped = 0;
    for (const src of scripts) {
      const body = Buffer.from(await (await fetch(new URL(src, server.url))).arrayBuffer());
      raw += body.length;
      gzipped += gzipSync(body, { level: 6 }).length;
    }
    const firstLoadJs = {
      scripts: scripts.length,
      rawKiB: round(raw / 1024, 1),
      gzippedKiB: round(gzipped / 1024, 1),
      goalKiB: 150,
    };
    const pageHtml = {
      rawKiB: round(html.length / 1024, 1),
      gzippedKiB: round(gzipSync(html, { level: 6 }).length / 1024, 1),
    };
    // BENCH_WEB_ONLY_JS=1: print what the first-load JS is made of, skip the load test.
    if (onlyJs) {
      printFirstLoadJs(await fetchFirstLoadJs(html, server.url), "/w/[workspaceSlug]/scorecards/[scorecard]");
      console.log(
        `page HTML (with its inline RSC payload): ${pageHtml.rawKiB} KiB raw, ${pageHtml.gzippedKiB} KiB gzipped`,
      );
      console.log(
        `bench web (as measured above): ${scripts.length} scripts, ${firstLoadJs.rawKiB} KiB raw, ${firstLoadJs.gzippedKiB} KiB gzipped (goal 150)`,
      );
      return null;
    }

    const pid = listeningPid(port);
    // Warm-up, then one client at a time: the unloaded TTFB and what each page costs the server.
    await sequential(
      pid,
      Array.from({ length: 40 }, () => page),
      cookie,
    );
    // Scorecards not cached yet: 12 other months, once each (the demo holds 2 years).
    const months = Array.from(
      { length: 12 },
      (_, i) => new URL(`${page.pathname}?period=month&anchor=2025-${String(i + 1).padStart(2, "0")}-15`, server.url),
    );
    const uncached = await sequential(pid, months, cookie);
    const scorecard = await sequential(
      pid,
      Array.from({ length: 200 }, () => page),
      cookie,
    );
    await sequential(
      pid,
      Array.from({ length: 40 }, () => loginPage),
      "",
    );
    const floor = await sequential(
      pid,
      Array.from({ length: 200 }, () => loginPage),
      "",
    );
    const scorecardCapacity = await capacity(page, cookie);
    const floorCapacity = await capacity(loginPage, "");
    const at50 = await atRate(page, cookie, RATE);
    const ttfbMet = (p: { p50: number | null; p95: number | null }) =>
      p.p50 !== null && p.p95 !== null && p.p50 <= 60 && p.p95 <= 200;
    return {
      database: label,
      goalMet: {
        firstLoadJs: firstLoadJs.gzippedKiB !== null && firstLoadJs.gzippedKiB <= 150,
        ttfbAt50: ttfbMet(at50.ttfbProbe),
        ttfbAt50UnderAutocannon: ttfbMet(at50.ttfbUnderAutocannon.ttfbProbe),
      },
      firstLoadJs,
      pageHtml,
      scorecardPage: { uncachedSequential: uncached, sequential: scorecard, capacity: scorecardCapacity, at50 },
      loginPageFloor: { sequential: floor, capacity: floorCapacity },
    };
  } finally {
    server.stop();
  }
}

export async function run(): Promise<void> {
  const onlyJs = process.env.BENCH_WEB_ONLY_JS === "1";
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tl-bench-web-"));
  const port = Number(process.env.BENCH_PORT ?? 3792);
  try {
    const pglite = await measure(
      "pglite (embedded, as npm start)",
      { PGLITE_DATA_DIR: path.join(dataDir, "pglite"), DATABASE_URL: undefined },
      port,
      onlyJs,
    );
    if (onlyJs) return;
    // Let the port close before the next server takes it.
    await new Promise((r) => setTimeout(r, 2000));
    const bench = await createBenchDatabase("tl_bench_web");
    let postgres;
    try {
      postgres = await measure("postgres", { DATABASE_URL: bench.url, DATABASE_POOL_SIZE: "16" }, port, false);
    } finally {
      await bench.drop();
    }
    writeResult("web", {
      page: "/w/<demo>/scorecards/company (demo owner)",
      goal: { firstLoadJsGzippedKiB: 150, ttfbP50Ms: 60, ttfbP95Ms: 200, atRequestsPerSecond: RATE },
      runs: [pglite, postgres],
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
