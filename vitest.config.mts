import { createRequire } from "node:module";
import path from "node:path";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

/** Unit tests: pure `lib/` code colocated as `*.test.ts`. No database. */
export default defineConfig({
  resolve: {
    alias: [
      { find: /^graphql$/, replacement: require.resolve("graphql") },
      { find: /^@\/(.*)$/, replacement: path.resolve(import.meta.dirname, "$1") },
      { find: /^server-only$/, replacement: path.resolve(import.meta.dirname, "test/server-only-stub.ts") },
    ],
  },
  test: {
    include: ["lib/**/*.test.ts", "graphql/**/*.test.ts", "app/**/*.test.ts", "test/unit/**/*.test.ts"],
    environment: "node",
    passWithNoTests: false,
  },
});
