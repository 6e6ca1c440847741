import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext } from "@/graphql/context";
import { executeGraphQLHttp } from "@/graphql/http-handler";
import { executeLean, preparedDocumentStats } from "@/graphql/lean-execution";
import {
  type KeyViewer,
  type WorkspaceWithOwner,
  createKey,
  createWorkspaceWithOwner,
  FACTORY_PASSWORD,
} from "./factories";
import { type TestDatabase, openTestDatabase } from "./harness";

/**
 * /api/graphql answers a well-formed request for a valid document through the lean path
 * (graphql/lean-execution.ts: graphql-js directly, the document prepared once per text) and
 * everything else through Apollo. The lean path must answer exactly as Apollo does: every
 * request below is sent both ways, and status, headers and body must be the same — and the
 * requests the lean path should take must really be taken by it (else the comparison would
 * compare Apollo with itself).
 */
let db: TestDatabase;
let ws: WorkspaceWithOwner;
let key: { secret: string; viewer: KeyViewer };
let cookie: string;

beforeAll(async () => {
  db = await openTestDatabase();
  ws = await createWorkspaceWithOwner(db, { workspaceName: "Lean Co" });
  key = await createKey(db, {
    workspaceId: ws.workspace.id,
    actorId: ws.owner.id,
    scopes: ["READ", "WRITE_METRICS", "ADMIN"],
    rateLimitPerMinute: 100_000,
  });
  const login = await send({
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: "mutation($input: LoginInput!) { login(input: $input) { user { email } } }",
      variables: { input: { email: ws.owner.email, password: FACTORY_PASSWORD } },
    }),
  });
  const setCookie = login.headers.get("set-cookie") ?? "";
  cookie = setCookie.split(";", 1)[0];
  if (!cookie.startsWith("tl.session=")) throw new Error(`login did not set the session cookie: ${setCookie}`);
}, 300_000);
afterAll(async () => db?.close());

interface Case {
  name: string;
  method: "GET" | "POST";
  headers?: Record<string, string>;
  search?: string;
  body?: unknown;
  /** Whether the lean path answers it (else Apollo does, for both runs). */
  lean: boolean;
}

function send(init: RequestInit & { search?: string }, lean?: boolean): Promise<Response> {
  return executeGraphQLHttp(
    new Request(`http://localhost/api/graphql${init.search ?? ""}`, init),
    async () => db,
    lean === undefined ? undefined : { lean },
  );
}

const bearer = () => ({ authorization: `Bearer ${key.secret}` });
const json = { "content-type": "application/json" };
const q = (query: string, extra: Record<string, unknown> = {}) => ({ query, ...extra });

function cases(): Case[] {
  const wsId = ws.workspace.id;
  const twoOps = `query A($id: ID!) { workspace(id: $id) { name slug currency timeZone } } query B { viewer { kind } }`;
  return [
    ...[
      undefined,
      "*/*",
      "application/json",
      "application/graphql-response+json",
      "application/graphql-response+json, application/json;q=0.9",
    ].map((accept): Case => ({
      name: `keyed query, accept ${accept ?? "(none)"}`,
      method: "POST",
      headers: { ...json, ...bearer(), ...(accept ? { accept } : {}) },
      body: q("{ viewer { kind scopes apiKey { name } } }"),
      lean: true,
    })),
    {
      name: "variables and an operation name among two operations",
      method: "POST",
      headers: { ...json, ...bearer() },
      body: q(twoOps, { operationName: "A", variables: { id: wsId } }),
      lean: true,
    },
    {
      name: "a workspace the key cannot see is null, not an error",
      method: "POST",
      headers: { ...json, ...bearer() },
      body: q("query($id: ID!) { workspace(id: $id) { name } }", {
        variables: { id: "00000000-0000-4000-8000-00000000ffff" },
      }),
      lean: true,
    },
    {
      name: "a resolver's error (an unknown KPI), in Russian",
      method: "POST",
      headers: { ...json, ...bearer(), "accept-language": "ru" },
      body: q('mutation { deleteKpi(id: "S3BpOjAwMDAwMDAwLTAwMDAtNDAwMC04MDAwLTAwMDAwMDAwZmZmZg==") { ok } }'),
      lean: true,
    },
    {
      name: "a resolver's field errors (a fiscal month out of range), in Russian, nothing changed",
      method: "POST",
      headers: { ...json, ...bearer(), "accept-language": "ru" },
      body: q(
        `mutation { updateWorkspace(input: { workspaceId: "${wsId}", fiscalYearStartMonth: 13 }) { workspace { fiscalYearStartMonth } } }`,
      ),
      lean: true,
    },
    {
      name: "a session's query",
      method: "POST",
      headers: { ...json, cookie },
      body: q("{ viewer { kind email locale } }"),
      lean: true,
    },
    { name: "anonymous", method: "POST", headers: json, body: q("{ __typename viewer { kind } }"), lean: true },
    {
      name: "GET with an API key",
      method: "GET",
      headers: bearer(),
      search: `?query=${encodeURIComponent("{ viewer { kind } }")}`,
      lean: true,
    },
    {
      name: "GET with variables",
      method: "GET",
      headers: { ...bearer(), accept: "application/graphql-response+json" },
      search: `?query=${encodeURIComponent("query($id: ID!) { workspace(id: $id) { name } }")}&variables=${encodeURIComponent(JSON.stringify({ id: wsId }))}`,
      lean: true,
    },
    // Apollo's answers, whichever path is asked for:
    {
      name: "a mutation over GET",
      method: "GET",
      headers: bearer(),
      search: `?query=${encodeURIComponent("mutation { logout { ok } }")}`,
      lean: false,
    },
    {
      name: "GET from a cookie without a preflight header (CSRF)",
      method: "GET",
      headers: { cookie },
      search: `?query=${encodeURIComponent("{ viewer { kind } }")}`,
      lean: false,
    },
    { name: "a parse error", method: "POST", headers: { ...json, ...bearer() }, body: q("{ viewer { "), lean: false },
    {
      name: "a validation error",
      method: "POST",
      headers: { ...json, ...bearer() },
      body: q("{ viewer { kindd } }"),
      lean: false,
    },
    {
      name: "an unknown operation name",
      method: "POST",
      headers: { ...json, ...bearer() },
      body: q(twoOps, { operationName: "C" }),
      lean: false,
    },
    {
      name: "a variable that does not coerce",
      method: "POST",
      headers: { ...json, ...bearer() },
      body: q("query($id: ID!) { workspace(id: $id) { name } }", { variables: { id: { nested: true } } }),
      lean: false,
    },
    {
      name: "NUL in a variable",
      method: "POST",
      headers: { ...json, ...bearer() },
      body: q("query($id: ID!) { workspace(id: $id) { name } }", { variables: { id: "a\u0000b" } }),
      lean: false,
    },
    {
      name: "a persisted-query extension",
      method: "POST",
      headers: { ...json, ...bearer() },
      body: q("{ viewer { kind } }", { extensions: { persistedQuery: { version: 1, sha256Hash: "00" } } }),
      lean: false,
    },
    {
      name: "a batch",
      method: "POST",
      headers: { ...json, ...bearer() },
      body: [q("{ viewer { kind } }")],
      lean: false,
    },
    {
      name: "an Accept the lean path does not negotiate",
      method: "POST",
      headers: { ...json, ...bearer(), accept: "text/html;q=0.5, application/graphql-response+json;q=0.8" },
      body: q("{ viewer { kind } }"),
      lean: false,
    },
  ];
}

function initOf(c: Case): RequestInit & { search?: string } {
  return {
    method: c.method,
    headers: c.headers,
    search: c.search,
    body: c.body === undefined ? undefined : JSON.stringify(c.body),
  };
}

/** Headers that describe this very call (the key's remaining budget) are left out. */
function comparableHeaders(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (name !== "ratelimit-remaining" && name !== "ratelimit-reset") out[name] = value;
  });
  return out;
}

describe("the lean GraphQL path answers as Apollo does", () => {
  it("takes exactly the requests it should", async () => {
    const all = cases();
    expect(all.filter((c) => c.lean).length).toBeGreaterThan(8);
    expect(all.filter((c) => !c.lean).length).toBeGreaterThan(8);
    for (const c of all) {
      if (c.body !== undefined && JSON.stringify(c.body).includes("mutation")) continue; // not run twice here
      const headers = new Map(Object.entries(c.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
      const context = createContext({ db, viewer: key.viewer });
      const answer = await executeLean({ method: c.method, headers, search: c.search ?? "", body: c.body }, context);
      expect({ name: c.name, lean: answer !== null }).toEqual({ name: c.name, lean: c.lean });
    }
  });

  it("gives the same status, headers and body both ways", async () => {
    const all = cases();
    let compared = 0;
    for (const c of all) {
      const viaApollo = await send(initOf(c), false);
      const viaLean = await send(initOf(c), true);
      const apollo = {
        name: c.name,
        status: viaApollo.status,
        headers: comparableHeaders(viaApollo),
        body: await viaApollo.text(),
      };
      const lean = {
        name: c.name,
        status: viaLean.status,
        headers: comparableHeaders(viaLean),
        body: await viaLean.text(),
      };
      expect(lean).toEqual(apollo);
      compared++;
    }
    expect(compared).toBe(all.length);
  });

  it("the Russian field error is really in Russian and the workspace did not change", async () => {
    const res = await send({
      method: "POST",
      headers: { ...json, ...bearer(), "accept-language": "ru" },
      body: JSON.stringify(
        q(
          `mutation { updateWorkspace(input: { workspaceId: "${ws.workspace.id}", fiscalYearStartMonth: 13 }) { workspace { fiscalYearStartMonth } } }`,
        ),
      ),
    });
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(body.errors[0].message).toMatch(/[а-яё]/i);
    const read = await send({
      method: "POST",
      headers: { ...json, ...bearer() },
      body: JSON.stringify(
        q("query($id: ID!) { workspace(id: $id) { fiscalYearStartMonth } }", { variables: { id: ws.workspace.id } }),
      ),
    });
    expect(
      ((await read.json()) as { data: { workspace: { fiscalYearStartMonth: number } } }).data.workspace
        .fiscalYearStartMonth,
    ).toBe(ws.workspace.fiscalYearStartMonth);
  });

  it("keeps a bounded number of prepared documents and of query text, however many distinct ones arrive", async () => {
    const context = createContext({ db, viewer: null });
    const run = async (query: string) => {
      const answer = await executeLean(
        { method: "POST", headers: new Map([["content-type", "application/json"]]), search: "", body: { query } },
        context,
      );
      expect(answer?.body).toBe('{"data":{"__typename":"Query"}}\n');
    };
    for (let i = 0; i < 1200; i++) await run(`{ __typename } # ${i}`);
    expect(preparedDocumentStats().documents).toBe(1000);
    const padding = "#".repeat(15 * 1024);
    for (let i = 0; i < 200; i++) await run(`{ __typename }\n${padding} ${i}`);
    const stats = preparedDocumentStats();
    expect(stats.textLength).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(stats.textLength).toBeGreaterThan(1024 * 1024);
    expect(stats.documents).toBeLessThan(200);
  });
});
