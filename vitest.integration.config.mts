import { createRequire } from "node:module";
import path from "node:path";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

/** Integration tests: the GraphQL schema and lib/ against a real database (TEST_DB=pglite|postgres). */
export default defineConfig({
  resolve: {
    alias: [
      { find: /^graphql$/, replacement: require.resolve("graphql") },
      { find: /^@\/(.*)$/, replacement: path.resolve(import.meta.dirname, "$1") },
      { find: /^server-only$/, replacement: path.resolve(import.meta.dirname, "test/server-only-stub.ts") },
    ],
  },
  test: {
    include: ["test/integration/**/*.int.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 300_000,
    maxWorkers: 2,
    passWithNoTests: false,
  },
});
