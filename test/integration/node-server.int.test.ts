import { type Server, createServer, request } from "node:http";
import { MAX_BODY_BYTES } from "@/graphql/http-handler";
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
  secret = (
    await createKey(db, {
      workspaceId: ws.workspace.id,
      actorId: ws.owner.id,
      scopes: ["READ"],
      rateLimitPerMinute: 50,
    })
  ).secret;
  server = createServer((req, res) => void handleNodeGraphQLRequest(req, res, async () => db));
  await new Promise<void>((resolve) => server.listen(PORT, "127.0.0.1", resolve));
}, 300_000);
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await db?.close();
});

describe("GraphQL over node:http (npm start)", () => {
  it("answers a keyed GET with data and RateLimit-* headers", async () => {
    const res = await fetch(`${BASE}?query=${encodeURIComponent("{ viewer { kind apiKey { name } } }")}`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("ratelimit-limit")).toBe("50");
    expect(Number(res.headers.get("ratelimit-remaining"))).toBeLessThan(50);
    expect(await res.json()).toEqual({ data: { viewer: { kind: "API_KEY", apiKey: { name: "Test key" } } } });
  });

  it("reads a streamed POST body, sets the session cookie, and refuses other methods", async () => {
    const login = await fetch(BASE, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: "mutation($i: LoginInput!) { login(input: $i) { user { email } } }",
        variables: { i: { email: ws.owner.email, password: FACTORY_PASSWORD } },
      }),
    });
    expect(login.status).toBe(200);
    expect((await login.json()).data.login.user.email).toBe(ws.owner.email);
    expect(login.headers.getSetCookie().some((c) => c.startsWith("tl.session="))).toBe(true);
    const put = await fetch(BASE, { method: "PUT", headers: { "content-type": "application/json" }, body: "{}" });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, POST");
  });

  it("answers a GET mutation with 405 and a CSRF-suspect cookie GET with 400", async () => {
    const mutation = await fetch(`${BASE}?query=${encodeURIComponent("mutation { __typename }")}`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(mutation.status).toBe(405);
    const csrf = await fetch(`${BASE}?query=${encodeURIComponent("{ __typename }")}`);
    expect(csrf.status).toBe(400);
  });

  it("answers a chunked body over the limit with 413 and closes the connection while the client still sends", async () => {
    let sent = 0;
    const outcome = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({
        host: "127.0.0.1",
        port: PORT,
        path: "/api/graphql",
        method: "POST",
        headers: { "content-type": "application/json" },
      });
      let status = 0;
      let body = "";
      req.on("response", (res) => {
        status = res.statusCode ?? 0;
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status, body }));
      });
      req.on("error", (error) => (status ? resolve({ status, body }) : reject(error)));
      const piece = Buffer.alloc(64 * 1024, 0x20);
      const write = () => {
        while (sent < 100 * 1024 * 1024 && !req.destroyed) {
          sent += piece.length;
          if (!req.write(piece)) return void req.once("drain", write);
        }
        if (!req.destroyed) req.end();
      };
      write();
    });
    expect(outcome.status).toBe(413);
    expect(sent).toBeLessThan(50 * 1024 * 1024);
    if (outcome.body) expect(JSON.parse(outcome.body).errors[0].extensions.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("refuses a declared Content-Length over the limit before reading, and keeps the security headers and the query string", async () => {
    const big = await fetch(BASE, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
      body: "x".repeat(MAX_BODY_BYTES + 1),
    }).catch((error: unknown) => error);
    if (big instanceof Response) {
      expect(big.status).toBe(413);
      expect(big.headers.get("connection")).toBe("close");
    }
    const res = await fetch(
      `${BASE}?query=${encodeURIComponent("{ viewer { kind } }")}&variables=${encodeURIComponent("{}")}`,
      { headers: { authorization: `Bearer ${secret}` } },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(await res.json()).toEqual({ data: { viewer: { kind: "API_KEY" } } });
  });
});
