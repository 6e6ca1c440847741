#!/usr/bin/env node
// `npm start`: builds the app when the sources changed since the last build, then serves it
// with scripts/server.mjs (Next's request handler behind a node:http server that hands
// /api/graphql straight to the GraphQL transport). The server migrates the database and seeds the demo workspace on its
// first start (instrumentation.ts).
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const port = process.env.PORT ?? "3000";
// next-auth's own URLs: APP_URL when set; otherwise the address the app is opened at (the
// request's Host), so sign-in and invite links work from any address, not only localhost.
if (env.APP_URL) env.NEXTAUTH_URL ??= env.APP_URL;
else if (!env.NEXTAUTH_URL) env.AUTH_TRUST_HOST ??= "1";

const SOURCES = [
  "app",
  "components",
  "graphql",
  "lib",
  "messages",
  "prisma",
  "public",
  "generated",
  "next.config.ts",
  "package-lock.json",
  "postcss.config.mjs",
  "instrumentation.ts",
  "tsconfig.json",
];

function fingerprint() {
  const hash = createHash("sha256");
  const walk = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const name of readdirSync(p).sort()) walk(path.join(p, name));
    } else {
      hash.update(`${p}\0${s.size}\0${s.mtimeMs}\n`);
    }
  };
  SOURCES.forEach(walk);
  return hash.digest("hex");
}

const stamp = path.join(".next", "throughline-build-fingerprint");
const current = fingerprint();
const built =
  existsSync(path.join(".next", "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === current;
if (!built) {
  console.log("throughline: building the app (first start or sources changed)…");
  const r = spawnSync("npx", ["next", "build"], { stdio: "inherit", env });
  if (r.status !== 0) process.exit(r.status ?? 1);
  writeFileSync(stamp, current);
}
console.log(
  `throughline: starting on http://localhost:${port} — the demo sign-in (e-mail and password) is in README.md, section "Run it"`,
);
// V8 grows a busy server's old space by up to 4 × what survived its last full collection, and
// does not give it back while requests keep arriving: under the reliability bench's mixed load
// the retained heap stayed at ≈ 260 MB while RSS climbed from 523 to 834 MB in four minutes.
// With the growth held to 1.5 × the live size, RSS stays flat (452 → 492 MB over two minutes
// of the same load) at the same request rate (`npm run bench reliability`).
// SERVER_NODE_ARGS adds flags of your own (e.g. `--cpu-prof`), space-separated.
const nodeArgs = ["--heap-growing-percent=50", ...(process.env.SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [])];
const server = spawn(process.execPath, [...nodeArgs, "scripts/server.mjs"], {
  stdio: "inherit",
  env: { ...env, PORT: port },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
