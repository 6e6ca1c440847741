import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeGraphQLHttp } from "@/graphql/http-handler";
import { rotateApiKey } from "@/lib/api-keys/rotate-api-key";
import { type WorkspaceWithOwner, createKey, createWorkspaceWithOwner, rowIdOf } from "./factories";
import { type TestDatabase, errorCodes, gql, openTestDatabase } from "./harness";

/**
 * Issue 15 item 5: key rotation (new secret, the old one valid for a grace period), editing
 * name / limit / expiry, and `Viewer` describing the key behind a request — over HTTP with the
 * keys themselves.
 */
let db: TestDatabase;
let a: WorkspaceWithOwner;
let b: WorkspaceWithOwner;

beforeAll(async () => {
  db = await openTestDatabase();
  a = await createWorkspaceWithOwner(db);
  b = await createWorkspaceWithOwner(db);
}, 300_000);
afterAll(async () => db?.close());

const VIEWER =
  "{ viewer { kind apiKey { id name prefix scopes expiresAt rateLimitPerMinute } rateLimit { limit remaining resetSeconds } } }";

/** A GET with the key and nothing else, as an integrator sends it. */
async function asKey(secret: string, query = VIEWER): Promise<{ status: number; body: any }> {
  const res = await executeGraphQLHttp(
    new Request(`http://localhost/api/graphql?query=${encodeURIComponent(query)}`, {
      headers: { authorization: `Bearer ${secret}` },
    }),
    async () => db,
  );
  return { status: res.status, body: JSON.parse(await res.text()) };
}

const CREATE = `mutation($w: ID!) { createApiKey(input: { workspaceId: $w, name: "Warehouse sync", scopes: [READ, WRITE_METRICS], rateLimitPerMinute: 120 }) { secret apiKey { id } } }`;
const ROTATE = `mutation($id: ID!, $h: Int) { rotateApiKey(input: { apiKeyId: $id, gracePeriodHours: $h }) { secret apiKey { id prefix rotatedAt previousSecretExpiresAt } } }`;
const UPDATE = `mutation($input: UpdateApiKeyInput!) { updateApiKey(input: $input) { apiKey { name rateLimitPerMinute expiresAt } } }`;

describe("API key rotation and editing", () => {
  it("describes the key behind a request on Viewer", async () => {
    const created = await gql(db, a.viewer, CREATE, { w: a.workspace.id });
    const { secret, apiKey } = created.data!.createApiKey;
    const { status, body } = await asKey(secret);
    expect(status).toBe(200);
    expect(body.data.viewer).toMatchObject({
      kind: "API_KEY",
      apiKey: {
        id: apiKey.id,
        name: "Warehouse sync",
        scopes: ["READ", "WRITE_METRICS"],
        expiresAt: null,
        rateLimitPerMinute: 120,
      },
      rateLimit: { limit: 120, remaining: 119 },
    });
    expect(body.data.viewer.rateLimit.resetSeconds).toBeGreaterThanOrEqual(1);
    const person = await gql(db, a.viewer, VIEWER);
    expect(person.data!.viewer).toMatchObject({ kind: "USER", apiKey: null, rateLimit: null });
  });

  it("keeps the old secret valid for the grace period, then only the new one", async () => {
    const created = await gql(db, a.viewer, CREATE, { w: a.workspace.id });
    const old = created.data!.createApiKey.secret as string;
    const id = created.data!.createApiKey.apiKey.id as string;

    const rotated = await gql(db, a.viewer, ROTATE, { id, h: 2 });
    expect(rotated.errors).toBeUndefined();
    const fresh = rotated.data!.rotateApiKey.secret as string;
    expect(fresh).not.toBe(old);
    expect(fresh.startsWith(`tl_${rotated.data!.rotateApiKey.apiKey.prefix}_`)).toBe(true);
    const until = Date.parse(rotated.data!.rotateApiKey.apiKey.previousSecretExpiresAt);
    expect(until - Date.now()).toBeGreaterThan(2 * 3_600_000 - 60_000);
    // A made-up secret under the key's real prefix is refused.
    const forged = `tl_${rotated.data!.rotateApiKey.apiKey.prefix}_${"A".repeat(43)}`;
    expect((await asKey(forged)).status).toBe(401);
    // Both work during the grace period, as the same key.
    expect((await asKey(old)).body.data.viewer.apiKey.id).toBe(id);
    expect((await asKey(fresh)).body.data.viewer.apiKey.id).toBe(id);

    // A grace period that has ended (rotated three hours ago with two hours' grace): old refused.
    const rotatedEarlier = await rotateApiKey(db, {
      workspaceId: a.workspace.id,
      actor: { kind: "user", userId: a.owner.id },
      apiKeyId: rowIdOf(id),
      gracePeriodHours: 2,
      now: new Date(Date.now() - 3 * 3_600_000),
    });
    const { status, body } = await asKey(fresh);
    expect(status).toBe(401);
    expect(body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    expect((await asKey(rotatedEarlier.secret)).status).toBe(200);

    // gracePeriodHours: 0 ends the replaced secret at once.
    const immediate = await gql(db, a.viewer, ROTATE, { id, h: 0 });
    expect(immediate.data!.rotateApiKey.apiKey.previousSecretExpiresAt).toBeNull();
    expect((await asKey(rotatedEarlier.secret)).status).toBe(401);
    expect((await asKey(immediate.data!.rotateApiKey.secret)).status).toBe(200);

    const audit = await gql(
      db,
      a.viewer,
      `query($w: ID!) { workspace(id: $w) { auditEvents(first: 20, actions: ["apiKey.rotated"]) { totalCount } } }`,
      { w: a.workspace.id },
    );
    expect(audit.data!.workspace.auditEvents.totalCount).toBe(3);
  });

  it("edits name, limit and expiry; refuses bad input, keys and other workspaces, changing nothing", async () => {
    const created = await gql(db, a.viewer, CREATE, { w: a.workspace.id });
    const id = created.data!.createApiKey.apiKey.id as string;
    const secret = created.data!.createApiKey.secret as string;
    const expiry = new Date(Date.now() + 86_400_000).toISOString();

    const edited = await gql(db, a.viewer, UPDATE, {
      input: { apiKeyId: id, name: "Warehouse sync v2", rateLimitPerMinute: 5, expiresAt: expiry },
    });
    expect(edited.data!.updateApiKey.apiKey).toEqual({
      name: "Warehouse sync v2",
      rateLimitPerMinute: 5,
      expiresAt: expiry,
    });
    const seen = await asKey(secret);
    expect(seen.body.data.viewer.apiKey).toMatchObject({
      name: "Warehouse sync v2",
      rateLimitPerMinute: 5,
      expiresAt: expiry,
    });
    expect(seen.body.data.viewer.rateLimit.limit).toBe(5);

    const cleared = await gql(db, a.viewer, UPDATE, { input: { apiKeyId: id, expiresAt: null } });
    expect(cleared.data!.updateApiKey.apiKey).toEqual({
      name: "Warehouse sync v2",
      rateLimitPerMinute: 5,
      expiresAt: null,
    });

    const bad = await gql(db, a.viewer, UPDATE, {
      input: { apiKeyId: id, rateLimitPerMinute: 0, expiresAt: "2001-01-01T00:00:00.000Z" },
    });
    expect(errorCodes(bad)).toEqual(["BAD_USER_INPUT"]);
    expect(bad.errors![0].extensions!.fieldErrors).toMatchObject(
      expect.arrayContaining([
        expect.objectContaining({
          path: ["input", "rateLimitPerMinute"],
          reason: "RATE_LIMIT_RANGE",
          message: expect.stringMatching(/between 1 and 100,000/),
        }),
        expect.objectContaining({
          path: ["input", "expiresAt"],
          reason: "EXPIRY_IN_PAST",
          message: expect.stringMatching(/future/),
        }),
      ]),
    );
    const badGrace = await gql(db, a.viewer, ROTATE, { id, h: 100_000 });
    expect(badGrace.errors![0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      fieldErrors: [{ path: ["input", "gracePeriodHours"] }],
    });

    const keyCaller = await createKey(db, { workspaceId: a.workspace.id, actorId: a.owner.id, scopes: ["ADMIN"] });
    expect(errorCodes(await gql(db, keyCaller.viewer, ROTATE, { id, h: 1 }))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await gql(db, b.viewer, ROTATE, { id, h: 1 }))).toEqual(["NOT_FOUND"]);
    expect(errorCodes(await gql(db, b.viewer, UPDATE, { input: { apiKeyId: id, name: "stolen" } }))).toEqual([
      "NOT_FOUND",
    ]);

    const after = await asKey(secret);
    expect(after.status).toBe(200);
    expect(after.body.data.viewer.apiKey).toMatchObject({
      name: "Warehouse sync v2",
      rateLimitPerMinute: 5,
      expiresAt: null,
    });
  });
});
