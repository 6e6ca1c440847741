#!/usr/bin/env node
// `npm test`: typecheck, lint, unit tests, the integration suite against PGlite and
// PostgreSQL, and the Playwright suite against `next start` in Debian's Chromium.
// Every step runs even when an earlier one failed; the last line is "N passed, N failed".
// Flags: --only=<step,step>  (typecheck, lint, format, unit, int-pglite, int-postgres, e2e)
//        --e2e-spec=<file>     (repeatable: run only these Playwright specs, e.g. e2e/agency.spec.ts)
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
const only = (process.argv.find((a) => a.startsWith("--only="))?.slice(7) ?? "").split(",").filter(Boolean);
const e2eSpecs = process.argv.filter((a) => a.startsWith("--e2e-spec=")).map((a) => a.slice("--e2e-spec=".length));
const wants = (step) => only.length === 0 || only.includes(step);
const outDir = path.join(root, "test-results");
mkdirSync(outDir, { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
const results = [];

function run(step, cmd, args, extraEnv = {}) {
  const started = Date.now();
  console.log(`\n━━ ${step}: ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: r.status === 0, seconds };
}

/** Reads a Vitest JSON report: counts of passed and failed tests; 0/0 when missing. */
function vitestCounts(file) {
  if (!existsSync(file)) return { passed: 0, failed: 0 };
  const report = JSON.parse(readFileSync(file, "utf8"));
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + (report.numRuntimeErrorTests ?? 0),
  };
}

function vitestStep(step, config, extraEnv = {}) {
  const json = path.join(outDir, `${step}.json`);
  rmSync(json, { force: true });
  const r = run(
    step,
    "npx",
    ["vitest", "run", "-c", config, "--reporter=default", "--reporter=json", `--outputFile.json=${json}`],
    extraEnv,
  );
  const counts = vitestCounts(json);
  // A step that ran no test has not checked anything: it fails.
  const ok = r.ok && counts.passed > 0;
  if (counts.passed === 0) console.error(`${step}: no test passed (report ${json}) — failing the step`);
  results.push({ step, ok, ...counts, seconds: r.seconds });
}

function simpleStep(step, cmd, args) {
  const r = run(step, cmd, args);
  results.push({ step, ok: r.ok, passed: r.ok ? 1 : 0, failed: r.ok ? 0 : 1, seconds: r.seconds, check: true });
}

function canConnect(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, child, seconds) {
  for (let i = 0; i < seconds; i++) {
    if (child.exitCode !== null) return false;
    try {
      const res = await fetch(url, { headers: { "apollo-require-preflight": "1" } });
      if (res.ok) return true;
    } catch {}
    await new Promise((r) => setTimeout(r, 1000));
  }
  return false;
}

async function e2eStep() {
  const build = run("e2e-build", "npx", ["next", "build"]);
  if (!build.ok) {
    results.push({ step: "e2e", ok: false, passed: 0, failed: 1, seconds: build.seconds });
    return;
  }
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tl-e2e-"));
  const baseUrl = `http://127.0.0.1:${port}`;
  // The browser suite runs on the embedded database, as `npm start` does for a new user.
  // The suite signs up many accounts from 127.0.0.1: lift the per-address sign-up limit.
  const serverEnv = {
    ...env,
    PORT: String(port),
    PGLITE_DATA_DIR: path.join(dataDir, "pglite"),
    APP_URL: baseUrl,
    NEXTAUTH_URL: baseUrl,
    SIGNUP_LIMIT_PER_HOUR: "100000",
  };
  delete serverEnv.DATABASE_URL;
  // The same server `npm start` runs (scripts/server.mjs), not bare `next start`.
  const server = spawn(process.execPath, ["scripts/server.mjs", "--hostname", "127.0.0.1"], {
    env: serverEnv,
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  try {
    const up = await waitForHttp(`${baseUrl}/api/graphql?query=%7B__typename%7D`, server, 300);
    if (!up) {
      console.error("e2e: server did not come up");
      results.push({ step: "e2e", ok: false, passed: 0, failed: 1, seconds: "-" });
      return;
    }
    const json = path.join(outDir, "e2e.json");
    rmSync(json, { force: true });
    const r = run("e2e", "npx", ["playwright", "test", "--reporter=list,json", ...e2eSpecs], {
      E2E_BASE_URL: baseUrl,
      PLAYWRIGHT_JSON_OUTPUT_NAME: json,
    });
    let passed = 0,
      failed = 0;
    if (existsSync(json)) {
      const stats = JSON.parse(readFileSync(json, "utf8")).stats ?? {};
      passed = stats.expected ?? 0;
      failed = (stats.unexpected ?? 0) + (stats.flaky ?? 0);
    }
    results.push({
      step: "e2e",
      ok: r.ok && passed > 0,
      passed,
      failed: r.ok || failed > 0 ? failed : Math.max(failed, 1),
      seconds: r.seconds,
    });
  } finally {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {}
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const generate = run("prisma-generate", "node", ["scripts/prisma-generate.mjs"]);
if (!generate.ok) results.push({ step: "prisma-generate", ok: false, passed: 0, failed: 1, seconds: generate.seconds });
if (wants("typecheck")) simpleStep("typecheck", "npx", ["tsc", "--noEmit", "-p", "tsconfig.json"]);
if (wants("lint")) simpleStep("lint", "npx", ["eslint", "--max-warnings=0", "."]);
// Formatting is prettier's (.prettierrc.json); `npm run format` rewrites, this step only checks.
if (wants("format")) simpleStep("format", "npx", ["prettier", "--check", "--log-level=warn", "."]);
if (wants("unit")) vitestStep("unit", "vitest.config.mts");
if (wants("int-pglite")) vitestStep("int-pglite", "vitest.integration.config.mts", { TEST_DB: "pglite" });
if (wants("int-postgres")) {
  const url = new URL(process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
  if (await canConnect(url.hostname, Number(url.port || 5432))) {
    vitestStep("int-postgres", "vitest.integration.config.mts", {
      TEST_DB: "postgres",
      TEST_DATABASE_URL: url.toString(),
    });
  } else if (process.env.REQUIRE_POSTGRES === "1") {
    console.error(`int-postgres: PostgreSQL at ${url.host} is required (REQUIRE_POSTGRES=1) but not reachable`);
    results.push({ step: "int-postgres", ok: false, passed: 0, failed: 1, seconds: "-" });
  } else {
    console.warn(`int-postgres: skipped, no PostgreSQL at ${url.host} (set TEST_DATABASE_URL)`);
  }
}
if (wants("e2e")) await e2eStep();

console.log("\n━━ summary");
for (const r of results)
  console.log(
    `${r.ok ? "ok  " : "FAIL"} ${r.step.padEnd(16)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(4)} failed  ${r.seconds}s`,
  );
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const allOk = results.length > 0 && results.every((r) => r.ok);
console.log(`${passed} passed, ${failed} failed`);
process.exit(allOk && passed > 0 ? 0 : 1);
