import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/** The module aliases both test configs use (unit and integration). */
export const testAliases = [
  { find: /^graphql$/, replacement: require.resolve("graphql") },
  { find: /^@\/(.*)$/, replacement: path.resolve(import.meta.dirname, "$1") },
  { find: /^server-only$/, replacement: path.resolve(import.meta.dirname, "test/server-only-stub.ts") },
];
