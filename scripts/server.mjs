#!/usr/bin/env node
// The production server `npm start` runs (scripts/start.mjs, after building) and the
// Playwright runner uses (scripts/test.mjs): one node:http server in front of Next.
// - /api/graphql goes straight to the framework-free GraphQL transport
//   (graphql/node-handler.ts → graphql/http-handler.ts, the same function the Next route
//   app/api/graphql/route.ts calls, so authentication, limits, CSRF rules, error masking and
//   logging are the same), skipping Next's per-request routing (measured: `npm run bench api`).
// - everything else goes to Next's request handler, unchanged.
// Usage: node scripts/server.mjs [--hostname <address>] (port from PORT, default 3000).
import { createServer } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import next from "next";
import { tsImport } from "tsx/esm/api";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
const port = Number(process.env.PORT ?? 3000);
const hostnameArg = process.argv.indexOf("--hostname");
const hostname = hostnameArg > 0 ? process.argv[hostnameArg + 1] : "0.0.0.0";

// `import "server-only"` marks server modules; outside Next's bundler it resolves to the
// package's throwing entry. Here, as inside Next, it is an empty module (ESM and CommonJS).
await import("./register-server-only.mjs");

const app = next({ dev: false, dir: root, hostname, port });
const handleNext = app.getRequestHandler();
await app.prepare();
// In production Next runs instrumentation.ts's register() (migrations, the demo seed, the
// socket-address stamp per-IP throttles read, the import worker, the schedulers) before its
// first request; /api/graphql does not go through Next, so without this wait a fresh install
// answered GraphQL before the demo owner existed ("Wrong e-mail or password"), and a sign-in
// could be counted before the address stamp was installed. The registration is memoised per
// process: Next's own call later gets the same promise.
const { ensureInstrumentationRegistered } = createRequire(import.meta.url)(
  "next/dist/server/lib/router-utils/instrumentation-globals.external.js",
);
await ensureInstrumentationRegistered(root, ".next");
// The transport is TypeScript (with the project's path aliases): tsx compiles it once, here.
const { handleNodeGraphQLRequest } = await tsImport("../graphql/node-handler.ts", import.meta.url);

const server = createServer((req, res) => {
  const pathname = (req.url ?? "/").split("?", 1)[0];
  if (pathname === "/api/graphql" || pathname === "/api/graphql/") {
    void handleNodeGraphQLRequest(req, res);
    return;
  }
  void handleNext(req, res);
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  console.log(`throughline: ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close();
    void app.close?.().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
