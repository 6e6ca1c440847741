import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  // Messages are compiled from ICU syntax at build time (next-intl's catalog loader), so neither
  // the server nor the browser bundle carries the ICU parser (intl-messageformat, ~10 KiB gzipped
  // of every page's first-load JS): only a small formatter of the compiled form.
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files from its own package folder; bundling breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2", "pg", "pg-boss"],
  poweredByHeader: false,
  typedRoutes: false,
  // `npm test` runs `tsc --noEmit` over the whole project as its own step; checking types again
  // inside `next build` doubled the first `npm start` on two cores.
  typescript: { ignoreBuildErrors: true },
};

export default withNextIntl(nextConfig);
