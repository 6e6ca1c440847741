import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeGraphQLHttp } from "@/graphql/http-handler";
import { scopedReader } from "@/lib/tenancy/read-as-tenant";
import { TEST_DB, type TestDatabase, openTestDatabase } from "./harness";

/**
 * The abuse suite, literal escaping (issue 16): lib/tenancy/read-as-tenant.ts splices values
 * into SQL as E'…' literals on the hot path. Here random strings (quotes, backslashes, `$n`,
 * line breaks, any Unicode) and integers go through it to the real database and must come back
 * unchanged — the string comparison of the unit tests cannot show what the server parses.
 * Plus GraphQL variables fuzzed through the HTTP transport: never a 500.
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
}, 300_000);
afterAll(async () => db?.close());

const nasty = fc
  .oneof(
    fc.string({ unit: "binary", maxLength: 40 }),
    fc
      .array(
        fc.constantFrom(
          "'",
          "\\",
          "\\'",
          "''",
          "$1",
          "$2",
          "E'",
          "\n",
          "\r",
          ";",
          "--",
          "/*",
          "*/",
          '"',
          "\t",
          "Я",
          "😀",
          "\\x41",
          "\\u0041",
          "%",
          "_",
        ),
        { maxLength: 20 },
      )
      .map((p) => p.join("")),
  )
  .filter((s) => !s.includes("\u0000"));

describe(`abuse: literal escaping round-trips through the database (${TEST_DB})`, () => {
  it("strings, integers and arrays come back exactly as sent", async () => {
    const read = scopedReader(db, { workspaceId: null, userId: null });
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(nasty, fc.maxSafeInteger(), fc.array(nasty, { maxLength: 5 }), async (text, n, list) => {
        const [rows] = await read([
          {
            text: "SELECT $1::text AS text, $2::bigint::text AS n, $3::text[] AS list, $1::text = $1::text AS same",
            params: [text, n, list],
          },
        ]);
        const row = rows[0] as { text: string; n: string; list: string[]; same: boolean };
        expect(row.text).toBe(text);
        expect(row.n).toBe(String(n));
        expect(row.list).toEqual(list);
        expect(row.same).toBe(true);
        runs++;
      }),
      { numRuns: 300 },
    );
    expect(runs).toBe(300);
  });

  it("a value that looks like SQL stays a value (nothing after it runs)", async () => {
    const read = scopedReader(db, { workspaceId: null, userId: null });
    const [rows] = await read([{ text: "SELECT $1::text AS v", params: ["x'; DROP TABLE users; --"] }]);
    expect(rows).toEqual([{ v: "x'; DROP TABLE users; --" }]);
    const [[count]] = await read([{ text: "SELECT count(*)::int AS c FROM users", params: [] }]);
    expect(count).toMatchObject({ c: expect.any(Number) });
  });
});

describe("abuse: fuzzed GraphQL variables never answer 500", () => {
  it("random values for a public mutation's input are refused as input errors", async () => {
    const value = fc.oneof(
      fc.string({ unit: "binary", maxLength: 30 }),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
    );
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          { email: value, password: value, name: value, workspaceName: value, currency: value },
          { requiredKeys: [] },
        ),
        async (input) => {
          const res = await executeGraphQLHttp(
            new Request("http://localhost/api/graphql", {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({
                query: "mutation($input: SignUpInput!) { signUp(input: $input) { user { id } } }",
                variables: { input },
              }),
            }),
            async () => db,
          );
          expect(res.status).toBeLessThan(500);
          const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
          for (const e of body.errors ?? []) expect(e.extensions?.code).not.toBe("INTERNAL_SERVER_ERROR");
          runs++;
        },
      ),
      { numRuns: 60 },
    );
    expect(runs).toBe(60);
  });
});
