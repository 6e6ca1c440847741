import { defineConfig } from "vitest/config";
import { testAliases } from "./vitest.shared.mts";

/** Integration tests: the GraphQL schema and lib/ against a real database (TEST_DB=pglite|postgres). */
export default defineConfig({
  resolve: {
    alias: testAliases,
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
