import { defineConfig } from "vitest/config";
import { testAliases } from "./vitest.shared.mts";

/** Unit tests: pure `lib/` code colocated as `*.test.ts`. No database. */
export default defineConfig({
  resolve: {
    alias: testAliases,
  },
  test: {
    include: ["lib/**/*.test.ts", "graphql/**/*.test.ts", "app/**/*.test.ts", "test/unit/**/*.test.ts"],
    environment: "node",
    passWithNoTests: false,
  },
});
