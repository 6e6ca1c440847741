import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { BASELINE_HEADERS, contentSecurityPolicy } from "./lib/http/security-headers";

const withNextIntl = createNextIntlPlugin({
  requestConfig: "./app/_i18n/request.ts",
  // Messages are compiled from ICU syntax at build time (next-intl's catalog loader), so neither
  // the server nor the browser bundle carries the ICU parser (intl-messageformat, ~10 KiB gzipped
  // of every page's first-load JS): only a small formatter of the compiled form.
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

/**
 * Next puts its legacy polyfill bundle (polyfill-nomodule, 110 KiB raw / 39 KiB gzipped) on
 * every page as a `<script nomodule>`. Only browsers without ES modules run it, and those cannot
 * run the app anyway: every other chunk uses classes, spread and optional chaining. Next has no
 * option for it, so the build's manifests are told that there are no polyfill files (Next 16
 * reads `polyfillFiles` from them when it renders a page); the pages then stop referencing it.
 */
function dropNomodulePolyfills(distDir: string) {
  for (const file of ["build-manifest.json", "fallback-build-manifest.json", "server/middleware-build-manifest.js"]) {
    const target = path.join(distDir, file);
    if (!existsSync(target)) continue;
    const before = readFileSync(target, "utf8");
    const after = before.replace(/"polyfillFiles":\s*\[[^\]]*\]/g, '"polyfillFiles":[]');
    if (after !== before) writeFileSync(target, after);
  }
}

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files from its own package folder; bundling breaks that.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@node-rs/argon2",
    "pg",
    "pg-boss",
    "pdfkit",
    "fontkit",
  ],
  poweredByHeader: false,
  // The security baseline on every response — pages (proxy.ts adds their CSP with a nonce and
  // HSTS), API routes (a CSP that allows nothing: JSON is never a document) and static assets.
  // Share links and unsubscribe links (/r/…): never indexed, and the token in the URL never
  // leaves as a Referer.
  async headers() {
    const baseline = Object.entries(BASELINE_HEADERS).map(([key, value]) => ({ key, value }));
    const noIndex = [
      { key: "X-Robots-Tag", value: "noindex, nofollow" },
      { key: "Referrer-Policy", value: "no-referrer" },
      { key: "Cache-Control", value: "no-store" },
    ];
    return [
      { source: "/:path*", headers: baseline },
      {
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: contentSecurityPolicy({ https: false }) }],
      },
      {
        source: "/schema.graphql",
        headers: [{ key: "Content-Security-Policy", value: contentSecurityPolicy({ https: false }) }],
      },
      { source: "/r/:path*", headers: noIndex },
    ];
  },
  typedRoutes: false,
  // `npm test` runs `tsc --noEmit` over the whole project as its own step; checking types again
  // inside `next build` doubled the first `npm start` on two cores.
  typescript: { ignoreBuildErrors: true },
  compiler: {
    runAfterProductionCompile: async ({ projectDir, distDir }) =>
      dropNomodulePolyfills(path.resolve(projectDir, distDir)),
  },
};

export default withNextIntl(nextConfig);
