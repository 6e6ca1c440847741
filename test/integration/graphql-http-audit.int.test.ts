import { serverAudits } from "graphql-http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeGraphQLHttp } from "@/graphql/http-handler";
import { type WorkspaceWithOwner, createKey, createWorkspaceWithOwner } from "./factories";
import { type TestDatabase, openTestDatabase } from "./harness";

/**
 * The graphql-http package's server audit (GraphQL over HTTP spec conformance), MUSTs and
 * SHOULDs alike, against the same handler `npm start` serves /api/graphql with, as an
 * integrator calls it: with an API key and nothing else (no CSRF header).
 */
let db: TestDatabase;
let ws: WorkspaceWithOwner;
let secret: string;

beforeAll(async () => {
  db = await openTestDatabase();
  ws = await createWorkspaceWithOwner(db);
  secret = (
    await createKey(db, {
      workspaceId: ws.workspace.id,
      actorId: ws.owner.id,
      scopes: ["READ"],
      rateLimitPerMinute: 100_000,
    })
  ).secret;
}, 300_000);
afterAll(async () => db?.close());

const fetchFn = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const request = new Request(input, init);
  const headers = new Headers(request.headers);
  headers.set("authorization", `Bearer ${secret}`);
  const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.text();
  return executeGraphQLHttp(new Request(request.url, { method: request.method, headers, body }), async () => db);
};

describe("graphql-http server audit", () => {
  const audits = serverAudits({ url: "http://localhost/api/graphql", fetchFn });

  it("has audits to run, SHOULDs among them", () => {
    expect(audits.length).toBeGreaterThan(20);
    expect(audits.filter((a) => a.name.startsWith("SHOULD")).length).toBeGreaterThan(5);
    expect(audits.map((a) => a.id)).toEqual(expect.arrayContaining(["572B", "FDE2", "7B9B"]));
  });

  for (const audit of audits) {
    it(`${audit.id} ${audit.name}`, async () => {
      const result = await audit.fn();
      expect(result.status === "ok" ? "ok" : `${result.status}: ${"reason" in result ? result.reason : ""}`).toBe("ok");
    });
  }
});
