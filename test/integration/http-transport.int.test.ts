import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeGraphQLHttp } from "@/graphql/http-handler";
import { LIMITS } from "@/graphql/server";
import { generateApiKey } from "@/lib/auth/api-key-format";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { type TestDatabase, openTestDatabase } from "./harness";

/**
 * GraphQL over HTTP (SPEC §9): methods, media types, CSRF prevention, malformed bodies,
 * request limits, API-key authentication and the per-key rate limit — through the same
 * handler the Next route uses, against a real database.
 */
let db: TestDatabase;
const WS = "00000000-0000-4000-8000-0000000000d1";
const keys: Record<string, string> = {};

async function insertKey(name: string, opts: { scopes?: string[]; rate?: number; revoked?: boolean; expired?: boolean } = {}) {
  const key = generateApiKey();
  await withTenant(db, { workspaceId: WS }, (tx) =>
    tx.apiKey.create({
      data: {
        workspaceId: WS,
        name,
        prefix: key.prefix,
        secretHash: key.secretHash,
        scopes: opts.scopes ?? ["READ"],
        rateLimitPerMinute: opts.rate ?? 1000,
        revokedAt: opts.revoked ? new Date() : null,
        expiresAt: opts.expired ? new Date(Date.now() - 1000) : null,
      },
    }),
  );
  keys[name] = key.secret;
}

beforeAll(async () => {
  db = await openTestDatabase();
  await withTenant(db, { workspaceId: WS }, (tx) =>
    tx.workspace.create({ data: { id: WS, name: "HTTP", slug: "http-test", currency: "RUB", timeZone: "Europe/Moscow" } }),
  );
  await insertKey("reader");
  await insertKey("limited", { rate: 3 });
  await insertKey("revoked", { revoked: true });
  await insertKey("expired", { expired: true });
}, 300_000);
afterAll(async () => db?.close());

const URL_ = "http://localhost/api/graphql";

function send(init: RequestInit & { search?: string }): Promise<Response> {
  return executeGraphQLHttp(new Request(`${URL_}${init.search ?? ""}`, init), async () => db);
}

function post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return send({
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function json(res: Response): Promise<any> {
  return JSON.parse(await res.text());
}

describe("GraphQL over HTTP", () => {
  it("answers a GET query (with the CSRF preflight header) and honours the graphql-response media type", async () => {
    const res = await send({
      method: "GET",
      search: `?query=${encodeURIComponent("{ __typename }")}`,
      headers: { "apollo-require-preflight": "1", accept: "application/graphql-response+json" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/graphql-response\+json/);
    expect(await json(res)).toEqual({ data: { __typename: "Query" } });
  });

  it("blocks a GET without a preflight header as a possible CSRF", async () => {
    const res = await send({ method: "GET", search: `?query=${encodeURIComponent("{ __typename }")}` });
    expect(res.status).toBe(400);
    expect((await json(res)).errors[0].extensions.code).toBe("BAD_REQUEST");
  });

  it("refuses a mutation over GET", async () => {
    const res = await send({
      method: "GET",
      search: `?query=${encodeURIComponent("mutation { __typename }")}`,
      headers: { "apollo-require-preflight": "1" },
    });
    expect(res.status).toBe(405);
  });

  it("accepts application/json with a charset", async () => {
    const res = await post({ query: "{ __typename }" }, { "content-type": "application/json; charset=utf-8" });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ data: { __typename: "Query" } });
  });

  it("answers a malformed JSON body with 400 BAD_REQUEST, not 500", async () => {
    const res = await post("{ not json");
    expect(res.status).toBe(400);
    expect((await json(res)).errors[0]).toMatchObject({ message: "Malformed JSON body", extensions: { code: "BAD_REQUEST" } });
  });

  it("blocks a text/plain POST (a simple cross-site form post)", async () => {
    const res = await send({ method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify({ query: "{ __typename }" }) });
    expect(res.status).toBe(400);
  });

  it("rejects queries deeper than the depth limit", async () => {
    // Kpi.parent is recursive: a chain of parents is deep but cheap, so only the depth rule trips.
    const chain = (n: number) => `${"parent { ".repeat(n)}key${" }".repeat(n)}`;
    const query = (n: number) => `query($w: ID!) { workspace(id: $w) { kpis { ${chain(n)} } } }`;
    const allowed = await post({ query: query(LIMITS.maxDepth - 3), variables: { w: WS } }, { authorization: `Bearer ${keys.reader}` });
    expect((await json(allowed)).errors ?? []).toEqual([]);
    const res = await post({ query: query(LIMITS.maxDepth + 1), variables: { w: WS } }, { authorization: `Bearer ${keys.reader}` });
    const body = await json(res);
    expect(body.errors?.[0]?.message).toMatch(/depth/i);
    expect(body.data ?? null).toBeNull();
  });

  it("rejects alias bombs", async () => {
    const aliases = Array.from({ length: LIMITS.maxAliases + 5 }, (_, i) => `a${i}: viewer { kind }`).join(" ");
    const res = await post({ query: `{ ${aliases} }` }, { authorization: `Bearer ${keys.reader}` });
    const body = await json(res);
    expect(body.errors?.[0]?.message).toMatch(/alias/i);
  });

  it("rejects documents over the token limit with a 400 parse error", async () => {
    const fields = Array.from({ length: LIMITS.maxTokens }, () => "__typename").join(" ");
    const res = await post({ query: `{ ${fields} }` });
    expect(res.status).toBe(400);
    expect((await json(res)).errors[0].extensions.code).toBe("GRAPHQL_PARSE_FAILED");
  });

  it("does not suggest field names to a probing client", async () => {
    const res = await post({ query: "{ viewr { kind } }" });
    const body = await json(res);
    expect(body.errors[0].message).not.toMatch(/Did you mean/i);
  });
});

describe("API-key authentication", () => {
  it("identifies the key as the viewer", async () => {
    const res = await post({ query: "{ viewer { kind scopes } }" }, { authorization: `Bearer ${keys.reader}` });
    expect(await json(res)).toEqual({ data: { viewer: { kind: "API_KEY", scopes: ["READ"] } } });
  });

  it.each([
    ["malformed", "Bearer not-a-key", /Invalid API key/],
    ["unknown", `Bearer ${generateApiKey().secret}`, /Invalid API key/],
    ["revoked", () => `Bearer ${keys.revoked}`, /revoked/],
    ["expired", () => `Bearer ${keys.expired}`, /expired/],
    ["wrong scheme", "Basic abc", /Bearer/],
  ] as const)("answers a %s key with 401 UNAUTHENTICATED", async (_name, header, message) => {
    const value = typeof header === "function" ? header() : header;
    const res = await post({ query: "{ viewer { kind } }" }, { authorization: value });
    expect(res.status).toBe(401);
    const body = await json(res);
    expect(body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    expect(body.errors[0].message).toMatch(message);
  });

  it("answers RATE_LIMITED with 429 and Retry-After once a key exceeds its per-minute limit", async () => {
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 6; i++) {
      const res = await post({ query: "{ viewer { kind } }" }, { authorization: `Bearer ${keys.limited}` });
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(limited, `statuses ${statuses.join(",")}`).toBeDefined();
    const retryAfter = Number(limited!.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = await json(limited!);
    expect(body.errors[0].extensions.code).toBe("RATE_LIMITED");
    // Another key is not affected by this key's limit.
    const other = await post({ query: "{ viewer { kind } }" }, { authorization: `Bearer ${keys.reader}` });
    expect(other.status).toBe(200);
  });

  it("records when a key was last used", async () => {
    const rows = await withTenant(db, { workspaceId: WS }, (tx) => tx.apiKey.findMany({ where: { name: "reader" }, select: { lastUsedAt: true } }));
    expect(rows[0].lastUsedAt).toBeInstanceOf(Date);
  });
});
