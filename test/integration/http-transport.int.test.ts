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

async function insertKey(
  name: string,
  opts: { scopes?: string[]; rate?: number; revoked?: boolean; expired?: boolean } = {},
) {
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
    tx.workspace.create({
      data: { id: WS, name: "HTTP", slug: "http-test", currency: "RUB", timeZone: "Europe/Moscow" },
    }),
  );
  await insertKey("reader");
  await insertKey("admin", { scopes: ["READ", "WRITE_METRICS", "ADMIN"] });
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

  it("answers a GET query with an API key and no extra header (the key makes it a preflighted request)", async () => {
    const res = await send({
      method: "GET",
      search: `?query=${encodeURIComponent("{ viewer { kind } }")}`,
      headers: { authorization: `Bearer ${keys.reader}` },
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ data: { viewer: { kind: "API_KEY" } } });
  });

  it("refuses a mutation over GET with 405 and a clear error, and runs nothing", async () => {
    for (const headers of [{ "apollo-require-preflight": "1" }, { authorization: `Bearer ${keys.reader}` }] as Record<
      string,
      string
    >[]) {
      const res = await send({
        method: "GET",
        search: `?query=${encodeURIComponent('mutation { revokeApiKey(input: { apiKeyId: "x" }) { __typename } }')}`,
        headers,
      });
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toMatch(/POST/);
      const body = await json(res);
      expect(body.errors[0].message).toMatch(/GET.*query|mutation/i);
    }
  });

  it("refuses other methods with 405 and an Allow header", async () => {
    const res = await send({
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, POST");
    expect((await json(res)).errors[0]).toMatchObject({
      extensions: { code: "METHOD_NOT_ALLOWED" },
      message: expect.stringMatching(/PUT is not supported/),
    });
  });

  it("accepts application/json with a charset", async () => {
    const res = await post({ query: "{ __typename }" }, { "content-type": "application/json; charset=utf-8" });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ data: { __typename: "Query" } });
  });

  it("answers a malformed JSON body with 400 BAD_REQUEST, not 500", async () => {
    const res = await post("{ not json");
    expect(res.status).toBe(400);
    expect((await json(res)).errors[0]).toMatchObject({
      message: "Malformed JSON body",
      extensions: { code: "BAD_REQUEST" },
    });
  });

  it("blocks a text/plain POST (a simple cross-site form post)", async () => {
    const res = await send({
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(res.status).toBe(400);
  });

  it("rejects queries deeper than the depth limit", async () => {
    // Kpi.parent is recursive: a chain of parents is deep but cheap, so only the depth rule trips.
    const chain = (n: number) => `${"parent { ".repeat(n)}key${" }".repeat(n)}`;
    const query = (n: number) => `query($w: ID!) { workspace(id: $w) { kpis { ${chain(n)} } } }`;
    const allowed = await post(
      { query: query(LIMITS.maxDepth - 3), variables: { w: WS } },
      { authorization: `Bearer ${keys.reader}` },
    );
    expect((await json(allowed)).errors ?? []).toEqual([]);
    const res = await post(
      { query: query(LIMITS.maxDepth + 1), variables: { w: WS } },
      { authorization: `Bearer ${keys.reader}` },
    );
    const body = await json(res);
    expect(body.errors?.[0]?.message).toMatch(/^Query depth limit exceeded: .* at most 10 /);
    expect(body.errors?.[0]?.message).not.toMatch(/Syntax Error/);
    expect(body.errors?.[0]?.extensions).toEqual({ code: "LIMIT_EXCEEDED", limit: "depth", max: LIMITS.maxDepth });
    expect(body.data ?? null).toBeNull();
  });

  it("rejects alias bombs", async () => {
    const aliases = Array.from({ length: LIMITS.maxAliases + 5 }, (_, i) => `a${i}: viewer { kind }`).join(" ");
    const res = await post({ query: `{ ${aliases} }` }, { authorization: `Bearer ${keys.reader}` });
    const body = await json(res);
    expect(body.errors?.[0]?.message).toMatch(
      /^Alias limit exceeded: the query uses 20 aliases, at most 15 are allowed/,
    );
    expect(body.errors?.[0]?.extensions).toEqual({ code: "LIMIT_EXCEEDED", limit: "aliases", max: LIMITS.maxAliases });
  });

  it("rejects queries over the cost limit, naming the limit", async () => {
    // Repeated nested selections: within the depth, alias and token limits, over the cost limit.
    const wide = Array.from(
      { length: 60 },
      () => "workspaces { workspace { kpis { parent { parent { parent { key name id } } } } } }",
    ).join(" ");
    const res = await post(
      { query: `{ viewer { ${wide} } }` },
      { authorization: `Bearer ${keys.reader}`, accept: "application/graphql-response+json" },
    );
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.errors?.[0]?.message).toMatch(
      /^Query cost limit exceeded: the query costs \d+, at most 5000 is allowed/,
    );
    expect(body.errors?.[0]?.extensions).toEqual({ code: "LIMIT_EXCEEDED", limit: "cost", max: LIMITS.maxCost });
  });

  it("rejects documents over the token limit with LIMIT_EXCEEDED (200 as application/json, 400 as graphql-response+json)", async () => {
    const fields = Array.from({ length: LIMITS.maxTokens }, () => "__typename").join(" ");
    const asJson = await post({ query: `{ ${fields} }` }, { accept: "application/json" });
    expect(asJson.status).toBe(200);
    expect((await json(asJson)).errors[0]).toMatchObject({
      message: `Token limit exceeded: the document has more than ${LIMITS.maxTokens} tokens, at most ${LIMITS.maxTokens} are allowed`,
      extensions: { code: "LIMIT_EXCEEDED", limit: "tokens", max: LIMITS.maxTokens },
    });
    const asGraphQL = await post({ query: `{ ${fields} }` }, { accept: "application/graphql-response+json" });
    expect(asGraphQL.status).toBe(400);
    expect((await json(asGraphQL)).errors[0].extensions.code).toBe("LIMIT_EXCEEDED");
  });

  it("refuses first: 501 naming the argument, and serves first: 500", async () => {
    // Audit events (audit.read): the admin key's own creation is there to count.
    const q = (n: number) => `query($w: ID!) { workspace(id: $w) { auditEvents(first: ${n}) { totalCount } } }`;
    const admin = { authorization: `Bearer ${keys.admin}` };
    const over = await json(await post({ query: q(501), variables: { w: WS } }, admin));
    expect(over.data?.workspace?.auditEvents ?? null).toBeNull();
    expect(over.errors[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      fieldErrors: [{ path: ["first"], message: expect.stringMatching(/at most 500/) }],
    });
    const last = await json(await post({ query: q(0).replace("first: 0", "last: 501"), variables: { w: WS } }, admin));
    expect(last.errors[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fieldErrors: [{ path: ["last"] }] });
    const ok = await json(await post({ query: q(500), variables: { w: WS } }, admin));
    expect(ok.errors ?? []).toEqual([]);
    expect(ok.data.workspace.auditEvents.totalCount).toBeGreaterThanOrEqual(0);
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
    [
      "wrong secret under a real prefix",
      () => `Bearer ${keys.reader.slice(0, 16)}${"A".repeat(43)}`,
      /Invalid API key/,
    ],
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

  it("answers RATE_LIMITED with 429, RateLimit-* headers and an honest Retry-After; refused calls do not count", async () => {
    const responses: Response[] = [];
    for (let i = 0; i < 7; i++)
      responses.push(await post({ query: "{ viewer { kind } }" }, { authorization: `Bearer ${keys.limited}` }));
    const statuses = responses.map((r) => r.status);
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    // Every keyed response says where the key stands (a window boundary may fall between calls).
    for (const res of responses) {
      expect(res.headers.get("ratelimit-limit")).toBe("3");
      expect(res.headers.get("ratelimit-policy")).toBe("3;w=60");
      expect(Number(res.headers.get("ratelimit-reset"))).toBeGreaterThanOrEqual(1);
    }
    expect(responses.slice(0, 3).map((r) => Number(r.headers.get("ratelimit-remaining")))).toEqual([2, 1, 0]);
    const limited = responses.filter((r) => r.status === 429);
    expect(limited.length, `statuses ${statuses.join(",")}`).toBeGreaterThanOrEqual(3);
    const waits = limited.map((r) => Number(r.headers.get("retry-after")));
    for (const [i, res] of limited.entries()) {
      expect(res.headers.get("ratelimit-remaining")).toBe("0");
      expect(Number(res.headers.get("ratelimit-reset"))).toBe(waits[i]);
      expect(waits[i]).toBeGreaterThanOrEqual(1);
      expect(waits[i]).toBeLessThanOrEqual(120);
      // A refused call does not push the next admission further out.
      if (i > 0) expect(waits[i]).toBeLessThanOrEqual(waits[i - 1]);
    }
    // Only the admitted calls were counted.
    const counted = await withTenant(db, { workspaceId: WS }, async (tx) => {
      const [key] = await tx.apiKey.findMany({ where: { name: "limited" } });
      return tx.$queryRawUnsafe<{ n: number }[]>(
        `SELECT coalesce(sum(count), 0)::int AS n FROM api_key_usage WHERE api_key_id = $1::uuid`,
        key.id,
      );
    });
    expect(counted[0].n).toBe(statuses.filter((s) => s === 200).length);
    const body = await json(limited[0]);
    expect(body.errors[0].extensions.code).toBe("RATE_LIMITED");
    expect(body.errors[0].message).toMatch(/3 requests per minute/);
    // Another key is not affected by this key's limit.
    const other = await post({ query: "{ viewer { kind } }" }, { authorization: `Bearer ${keys.reader}` });
    expect(other.status).toBe(200);
  });

  it("records when a key was last used", async () => {
    const rows = await withTenant(db, { workspaceId: WS }, (tx) =>
      tx.apiKey.findMany({ where: { name: "reader" }, select: { lastUsedAt: true } }),
    );
    expect(rows[0].lastUsedAt).toBeInstanceOf(Date);
  });
});
