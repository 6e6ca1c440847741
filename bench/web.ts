// Web benchmark (issue 6): first-load JS of the scorecard page, gzipped, and the server's time
// to first byte for that page at 50 requests/s (autocannon against `next start`, plus a
// paced TTFB probe that times the first byte, not the whole body). Runs on the embedded
// database with the seeded demo workspace, as `npm start` does.
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { DEMO_OWNER } from "@/lib/demo/seed-demo";
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

export async function run(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tl-bench-web-"));
  const server = await startNextServer({ PGLITE_DATA_DIR: path.join(dataDir, "pglite"), DATABASE_URL: undefined, SEED_DEMO: "1" }, Number(process.env.BENCH_PORT ?? 3792));
  try {
    const login = await graphql(server.url, "mutation($i: LoginInput!) { login(input: $i) { user { id } } }", {
      i: { email: DEMO_OWNER.email, password: DEMO_OWNER.password },
    });
    const cookie = (login.res.headers.get("set-cookie") ?? "").split(";")[0];
    if (!cookie.startsWith("tl.session=")) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
    const viewer = await graphql(server.url, "{ viewer { workspaces { workspace { slug } } } }", {}, cookie);
    const slug = viewer.body.data.viewer.workspaces[0].workspace.slug as string;
    const page = new URL(`/w/${slug}/scorecards/company`, server.url);

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
    // BENCH_WEB_ONLY_JS=1: print what the first-load JS is made of, skip the load test.
    if (process.env.BENCH_WEB_ONLY_JS === "1") {
      printFirstLoadJs(await fetchFirstLoadJs(html, server.url), "/w/[workspaceSlug]/scorecards/[scorecard]");
      console.log(`page HTML (with its inline RSC payload): ${round(html.length / 1024, 1)} KiB raw, ${round(gzipSync(html, { level: 6 }).length / 1024, 1)} KiB gzipped`);
      console.log(`bench web (as measured above): ${scripts.length} scripts, ${round(raw / 1024, 1)} KiB raw, ${round(gzipped / 1024, 1)} KiB gzipped (goal 150)`);
      return;
    }

    // Warm-up, then autocannon at a fixed 50 req/s.
    for (let i = 0; i < 20; i++) await ttfb(page, cookie);
    const cannon = await autocannon({ url: page.toString(), headers: { cookie }, connections: 10, overallRate: RATE, duration: DURATION_S });

    // Paced probe: one request every 20 ms, time to the first byte of the response.
    const samples: number[] = [];
    const errors: string[] = [];
    const pending: Promise<void>[] = [];
    const total = RATE * Math.min(DURATION_S, 20);
    for (let i = 0; i < total; i++) {
      pending.push(ttfb(page, cookie).then((ms) => void samples.push(ms), (e: Error) => void errors.push(e.message)));
      await new Promise((r) => setTimeout(r, 1000 / RATE));
    }
    await Promise.all(pending);
    const probe = summarize(samples);

    writeResult("web", {
      page: "/w/<demo>/scorecards/company (demo owner, embedded database)",
      firstLoadJs: { scripts: scripts.length, rawKiB: round(raw / 1024, 1), gzippedKiB: round(gzipped / 1024, 1), goalKiB: 150 },
      autocannon: {
        rate: RATE,
        durationSeconds: DURATION_S,
        latencyMs: { p50: cannon.latency.p50, p97_5: cannon.latency.p97_5, p99: cannon.latency.p99 },
        requests: cannon.requests.total,
        errors: cannon.errors,
        non2xx: cannon.non2xx,
      },
      ttfbProbe: { rate: RATE, requests: samples.length, errors: errors.length, p50: round(probe.p50), p95: round(probe.p95), p99: round(probe.p99) },
      goal: { ttfbP50Ms: 60, ttfbP95Ms: 200 },
    });
  } finally {
    server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
