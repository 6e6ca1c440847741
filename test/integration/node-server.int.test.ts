import { type Server, createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleNodeGraphQLRequest } from "@/graphql/node-handler";
import { FACTORY_PASSWORD, type WorkspaceWithOwner, createKey, createWorkspaceWithOwner } from "./factories";
import { type TestDatabase, openTestDatabase } from "./harness";

/**
 * The node:http path of `npm start` (scripts/server.mjs → graphql/node-handler.ts): the same
 * transport as the Next route, over a real socket — headers, cookies, status codes, a streamed
 * body and the client address.
 */
let db: TestDatabase;
let ws: WorkspaceWithOwner;
let secret: string;
let server: Server;
const PORT = 3164;
const BASE = `http://127.0.0.1:${PORT}/api/graphql`;

beforeAll(async () => {
  db = await openTestDatabase();
  ws = await createWorkspaceWithOwner(db);
  secret = (await createKey(db, { workspaceId: ws.workspace.id, actorId: ws.owner.id, scopes: ["READ"], rateLimitPerMinute: 50 })).secret;
  server = createServer((req, res) => void handleNodeGraphQLRequest(req, res, async () => db));
  await new Promise<void>((resolve) => server.listen(PORT, "127.0.0.1", resolve));
}, 300_000);
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await db?.close();
});

describe("GraphQL over node:http (npm start)", () => {
  it("answers a keyed GET with data and RateLimit-* headers", async () => {
    const res = await fetch(`${BASE}?query=${encodeURIComponent("{ viewer { kind apiKey { name } } }")}`, { headers: { authorization: `Bearer ${secret}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("ratelimit-limit")).toBe("50");
    expect(Number(res.headers.get("ratelimit-remaining"))).toBeLessThan(50);
    expect(await res.json()).toEqual({ data: { viewer: { kind: "API_KEY", apiKey: { name: "Test key" } } } });
  });

  it("reads a streamed POST body, sets the session cookie, and refuses other methods", async () => {
    const login = await fetch(BASE, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "mutation($i: LoginInput!) { login(input: $i) { user { email } } }", variables: { i: { email: ws.owner.email, password: FACTORY_PASSWORD } } }),
    });
    expect(login.status).toBe(200);
    expect((await login.json()).data.login.user.email).toBe(ws.owner.email);
    expect(login.headers.getSetCookie().some((c) => c.startsWith("tl.session="))).toBe(true);
    const put = await fetch(BASE, { method: "PUT", headers: { "content-type": "application/json" }, body: "{}" });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, POST");
  });

  it("answers a GET mutation with 405 and a CSRF-suspect cookie GET with 400", async () => {
    const mutation = await fetch(`${BASE}?query=${encodeURIComponent("mutation { __typename }")}`, { headers: { authorization: `Bearer ${secret}` } });
    expect(mutation.status).toBe(405);
    const csrf = await fetch(`${BASE}?query=${encodeURIComponent("{ __typename }")}`);
    expect(csrf.status).toBe(400);
  });
});
