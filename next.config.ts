import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

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
