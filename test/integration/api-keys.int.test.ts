import { encodeGlobalID } from "@pothos/plugin-relay";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseApiKey } from "@/lib/auth/api-key-format";
import { authenticateApiKey } from "@/lib/auth/authenticate-api-key";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { addMember, countRowsAsOwner, createKey, createWorkspaceWithOwner, rowIdOf } from "./factories";
import { type GqlResult, type TestDatabase, errorCodes, gql, openTestDatabase } from "./harness";

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
}, 300_000);
afterAll(async () => db?.close());

const CREATE = `mutation ($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { secret apiKey { id name prefix scopes rateLimitPerMinute createdAt lastUsedAt expiresAt revokedAt active } }
}`;
const REVOKE = `mutation ($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { apiKey { id revokedAt active } } }`;
const KEYS = `query ($id: ID!) { workspace(id: $id) { apiKeys(first: 20) { edges { node { id name prefix scopes } } } } }`;
const AUDIT = `query ($id: ID!) { workspace(id: $id) { auditEvents(first: 50) { edges { node { id action targetType targetId actorKind actorUserId actorApiKeyId actorName data createdAt } } } } }`;
const fieldErrors = (r: GqlResult) => r.errors?.[0]?.extensions?.fieldErrors;

describe("createApiKey", () => {
  it("returns the secret once, stores only its hash, and the key authenticates", async () => {
    const { workspace, viewer, owner } = await createWorkspaceWithOwner(db);
    const r = await gql(db, viewer, CREATE, {
      input: { workspaceId: workspace.id, name: "CRM sync", scopes: ["WRITE_METRICS", "READ", "READ"] },
    });
    expect(r.errors).toBeUndefined();
    const { secret, apiKey } = r.data!.createApiKey;
    expect(apiKey).toMatchObject({
      name: "CRM sync",
      scopes: ["READ", "WRITE_METRICS"],
      rateLimitPerMinute: 600,
      lastUsedAt: null,
      expiresAt: null,
      revokedAt: null,
      active: true,
    });
    expect(parseApiKey(secret)).toEqual({ prefix: apiKey.prefix });
    const row = await withTenant(db, { workspaceId: workspace.id }, (tx) =>
      tx.apiKey.findFirstOrThrow({ where: { workspaceId: workspace.id } }),
    );
    expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(secret.slice(`tl_${apiKey.prefix}_`.length));
    expect(row.createdByUserId).toBe(owner.id);
    const keyViewer = await authenticateApiKey(db, secret);
    expect(keyViewer).toEqual({
      kind: "apiKey",
      apiKeyId: row.id,
      workspaceId: workspace.id,
      scopes: ["READ", "WRITE_METRICS"],
      rateLimit: {
        limit: row.rateLimitPerMinute,
        remaining: row.rateLimitPerMinute - 1,
        resetSeconds: expect.any(Number),
      },
    });
    const seen = await gql(db, keyViewer, `{ viewer { kind scopes } }`);
    expect(seen.data?.viewer).toEqual({ kind: "API_KEY", scopes: ["READ", "WRITE_METRICS"] });
    // lastUsedAt is touched by authentication.
    const after = await gql(db, viewer, `query ($id: ID!) { node(id: $id) { ... on ApiKey { lastUsedAt } } }`, {
      id: apiKey.id,
    });
    expect(after.data?.node.lastUsedAt).not.toBeNull();
  });

  it("takes an expiry and a rate limit", async () => {
    const { workspace, viewer } = await createWorkspaceWithOwner(db);
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const r = await gql(db, viewer, CREATE, {
      input: { workspaceId: workspace.id, name: "Short", scopes: ["ADMIN"], expiresAt, rateLimitPerMinute: 5 },
    });
    expect(r.data?.createApiKey.apiKey).toMatchObject({ expiresAt, rateLimitPerMinute: 5, scopes: ["ADMIN"] });
  });

  it("is FORBIDDEN to a CMO and to API keys (even ADMIN ones); NOT_FOUND across workspaces; nothing written", async () => {
    const a = await createWorkspaceWithOwner(db);
    const b = await createWorkspaceWithOwner(db);
    const cmo = await addMember(db, a.workspace.id, "CMO");
    const adminKey = await createKey(db, { workspaceId: a.workspace.id, actorId: a.owner.id, scopes: ["ADMIN"] });
    const before = await countRowsAsOwner(db, "api_keys");
    const input = { workspaceId: a.workspace.id, name: "X", scopes: ["READ"] };
    expect(errorCodes(await gql(db, cmo.viewer, CREATE, { input }))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await gql(db, adminKey.viewer, CREATE, { input }))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await gql(db, b.viewer, CREATE, { input }))).toEqual(["NOT_FOUND"]);
    expect(errorCodes(await gql(db, null, CREATE, { input }))).toEqual(["UNAUTHENTICATED"]);
    expect(await countRowsAsOwner(db, "api_keys")).toBe(before);
  });

  it("rejects no scopes, an empty name, a past expiry and a zero rate limit on their fields", async () => {
    const { workspace, viewer } = await createWorkspaceWithOwner(db);
    const before = await countRowsAsOwner(db, "api_keys");
    const base = { workspaceId: workspace.id, name: "K", scopes: ["READ"] };
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ scopes: [] }, "scopes", /at least one scope/],
      [{ name: " " }, "name", /required/],
      [{ expiresAt: new Date(Date.now() - 60_000).toISOString() }, "expiresAt", /future/],
      [{ rateLimitPerMinute: 0 }, "rateLimitPerMinute", /between 1 and/],
    ];
    for (const [patch, field, message] of cases) {
      const r = await gql(db, viewer, CREATE, { input: { ...base, ...patch } });
      expect(errorCodes(r)).toEqual(["BAD_USER_INPUT"]);
      expect(fieldErrors(r)).toMatchObject([{ path: ["input", field], message: expect.stringMatching(message) }]);
    }
    const badScope = await gql(db, viewer, CREATE, { input: { ...base, scopes: ["SUPERUSER"] } });
    expect(errorCodes(badScope)).toEqual(["BAD_USER_INPUT"]);
    expect(await countRowsAsOwner(db, "api_keys")).toBe(before);
  });
});

describe("Workspace.apiKeys and node(id)", () => {
  it("lists keys for apiKey.manage, never the hash; FORBIDDEN to SMM; null across workspaces", async () => {
    const a = await createWorkspaceWithOwner(db);
    const b = await createWorkspaceWithOwner(db);
    const key = await createKey(db, {
      workspaceId: a.workspace.id,
      actorId: a.owner.id,
      scopes: ["READ"],
      name: "Listed",
    });
    const r = await gql(db, a.viewer, KEYS, { id: a.workspace.id });
    expect(r.data?.workspace.apiKeys.edges).toEqual([
      { node: { id: expect.any(String), name: "Listed", prefix: key.apiKey.prefix, scopes: ["READ"] } },
    ]);
    const smm = await addMember(db, a.workspace.id, "SMM");
    expect(errorCodes(await gql(db, smm.viewer, KEYS, { id: a.workspace.id }))).toEqual(["FORBIDDEN"]);
    expect((await gql(db, b.viewer, KEYS, { id: a.workspace.id })).data?.workspace).toBeNull();
    const gid = r.data!.workspace.apiKeys.edges[0].node.id;
    const NODE = `query ($id: ID!) { node(id: $id) { id ... on ApiKey { name } } }`;
    expect((await gql(db, a.viewer, NODE, { id: gid })).data?.node).toEqual({ id: gid, name: "Listed" });
    expect((await gql(db, b.viewer, NODE, { id: gid })).data?.node).toBeNull();
    expect((await gql(db, smm.viewer, NODE, { id: gid })).data?.node).toBeNull();
    // The hash is not in the schema at all.
    const hash = await gql(db, a.viewer, `query ($id: ID!) { node(id: $id) { ... on ApiKey { secretHash } } }`, {
      id: gid,
    });
    expect(errorCodes(hash)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
  });
});

describe("revokeApiKey and authentication", () => {
  it("revokes a key from the next request on (idempotently)", async () => {
    const { workspace, viewer } = await createWorkspaceWithOwner(db);
    const created = await gql(db, viewer, CREATE, {
      input: { workspaceId: workspace.id, name: "Gone", scopes: ["READ"] },
    });
    const { secret, apiKey } = created.data!.createApiKey;
    await expect(authenticateApiKey(db, secret)).resolves.toMatchObject({ kind: "apiKey" });
    const r = await gql(db, viewer, REVOKE, { input: { apiKeyId: apiKey.id } });
    expect(r.data?.revokeApiKey.apiKey).toMatchObject({ active: false, revokedAt: expect.any(String) });
    await expect(authenticateApiKey(db, secret)).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
      message: "API key has been revoked",
    });
    const again = await gql(db, viewer, REVOKE, { input: { apiKeyId: apiKey.id } });
    expect(again.data?.revokeApiKey.apiKey.revokedAt).toBe(r.data?.revokeApiKey.apiKey.revokedAt);
  });

  it("is FORBIDDEN to a CMO, NOT_FOUND across workspaces (forged ids too), leaving the key live", async () => {
    const a = await createWorkspaceWithOwner(db);
    const b = await createWorkspaceWithOwner(db);
    const key = await createKey(db, { workspaceId: a.workspace.id, actorId: a.owner.id, scopes: ["READ"] });
    const gid = encodeGlobalID("ApiKey", `${a.workspace.id}.${key.apiKey.id}`);
    const cmo = await addMember(db, a.workspace.id, "CMO");
    expect(errorCodes(await gql(db, cmo.viewer, REVOKE, { input: { apiKeyId: gid } }))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await gql(db, b.viewer, REVOKE, { input: { apiKeyId: gid } }))).toEqual(["NOT_FOUND"]);
    const forged = encodeGlobalID("ApiKey", `${b.workspace.id}.${key.apiKey.id}`);
    expect(errorCodes(await gql(db, b.viewer, REVOKE, { input: { apiKeyId: forged } }))).toEqual(["NOT_FOUND"]);
    await expect(authenticateApiKey(db, key.secret)).resolves.toMatchObject({ apiKeyId: key.apiKey.id });
  });

  it("refuses an expired key and a malformed one", async () => {
    const { workspace, owner } = await createWorkspaceWithOwner(db);
    const key = await createKey(db, {
      workspaceId: workspace.id,
      actorId: owner.id,
      scopes: ["READ"],
      expiresAt: new Date(Date.now() + 60_000),
    });
    await withTenant(db, { workspaceId: workspace.id }, (tx) =>
      tx.apiKey.update({ where: { id: key.apiKey.id }, data: { expiresAt: new Date(Date.now() - 1000) } }),
    );
    await expect(authenticateApiKey(db, key.secret)).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
      message: "API key has expired",
    });
    await expect(
      authenticateApiKey(db, key.secret.slice(0, -1) + (key.secret.endsWith("A") ? "B" : "A")),
    ).rejects.toMatchObject({ code: "UNAUTHENTICATED", message: "Invalid API key" });
    await expect(authenticateApiKey(db, "tl_nothing")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("answers RATE_LIMITED with retryAfter after the per-key limit", async () => {
    const { workspace, owner } = await createWorkspaceWithOwner(db);
    const key = await createKey(db, {
      workspaceId: workspace.id,
      actorId: owner.id,
      scopes: ["READ"],
      rateLimitPerMinute: 3,
    });
    const other = await createKey(db, {
      workspaceId: workspace.id,
      actorId: owner.id,
      scopes: ["READ"],
      rateLimitPerMinute: 3,
    });
    for (let i = 0; i < 3; i++) await authenticateApiKey(db, key.secret);
    const error = await authenticateApiKey(db, key.secret).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "RATE_LIMITED" });
    const retryAfter = (error as { retryAfter: number }).retryAfter;
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    // The exact wait until the sliding minute admits a call again: the rest of this window and,
    // with 3 calls in it, a third of the next one (issue 15: an honest Retry-After).
    expect(retryAfter).toBeLessThanOrEqual(80);
    // The limit is per key.
    await expect(authenticateApiKey(db, other.secret)).resolves.toMatchObject({ apiKeyId: other.apiKey.id });
  });
});

describe("Workspace.auditEvents", () => {
  it("records member, invite, API-key and settings changes with who did them", async () => {
    const { workspace, viewer, owner } = await createWorkspaceWithOwner(db);
    const smm = await addMember(db, workspace.id, "SMM");
    const key = await createKey(db, { workspaceId: workspace.id, actorId: owner.id, scopes: ["ADMIN"] });
    await gql(
      db,
      key.viewer,
      `mutation ($input: UpdateWorkspaceInput!) { updateWorkspace(input: $input) { workspace { id } } }`,
      {
        input: { workspaceId: workspace.id, currency: "EUR" },
      },
    );
    const invited = await gql(
      db,
      viewer,
      `mutation ($input: CreateInviteInput!) { createInvite(input: $input) { invite { id } } }`,
      {
        input: { workspaceId: workspace.id, email: "audit.me@example.test", role: "CMO" },
      },
    );
    await gql(db, viewer, `mutation ($input: RevokeInviteInput!) { revokeInvite(input: $input) { invite { id } } }`, {
      input: { inviteId: invited.data?.createInvite.invite.id },
    });
    await gql(
      db,
      viewer,
      `mutation ($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { member { id } } }`,
      {
        input: { memberId: encodeGlobalID("Member", `${workspace.id}.${smm.membership.id}`), role: "CONTENT" },
      },
    );
    await gql(db, viewer, REVOKE, {
      input: { apiKeyId: encodeGlobalID("ApiKey", `${workspace.id}.${key.apiKey.id}`) },
    });

    const r = await gql(db, viewer, AUDIT, { id: workspace.id });
    expect(r.errors).toBeUndefined();
    const events = r.data!.workspace.auditEvents.edges.map((e: { node: Record<string, unknown> }) => e.node);
    // Newest first (timestamps can tie within a millisecond, so compare as a set plus the ends).
    const actions = events.map((e: { action: string }) => e.action);
    expect(new Set(actions)).toEqual(
      new Set([
        "workspace.created",
        "member.joined",
        "apiKey.created",
        "workspace.updated",
        "invite.created",
        "invite.revoked",
        "member.roleChanged",
        "apiKey.revoked",
      ]),
    );
    expect(actions[0]).toBe("apiKey.revoked");
    const times = events.map((e: { createdAt: string }) => e.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    const updated = events.find((e: { action: string }) => e.action === "workspace.updated");
    expect(updated).toMatchObject({
      actorKind: "API_KEY",
      actorApiKeyId: key.apiKey.id,
      actorUserId: null,
      targetType: "workspace",
    });
    expect(JSON.parse(updated.data)).toEqual({ changes: { currency: { from: "USD", to: "EUR" } } });
    const changed = events.find((e: { action: string }) => e.action === "member.roleChanged");
    expect(changed).toMatchObject({
      actorKind: "USER",
      actorUserId: owner.id,
      actorName: owner.name,
      targetId: smm.membership.id,
    });
    expect(JSON.parse(changed.data)).toMatchObject({ from: "SMM", to: "CONTENT" });
    // Nothing secret in the log.
    expect(JSON.stringify(events)).not.toContain(key.secret);
    // node(id) of an event.
    const NODE = `query ($id: ID!) { node(id: $id) { id ... on AuditEvent { action } } }`;
    expect((await gql(db, viewer, NODE, { id: updated.id })).data?.node).toEqual({
      id: updated.id,
      action: "workspace.updated",
    });
    expect(rowIdOf(updated.id)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("is FORBIDDEN to a CMO and a READ key; invisible across workspaces", async () => {
    const a = await createWorkspaceWithOwner(db);
    const b = await createWorkspaceWithOwner(db);
    const cmo = await addMember(db, a.workspace.id, "CMO");
    const read = await createKey(db, { workspaceId: a.workspace.id, actorId: a.owner.id, scopes: ["READ"] });
    expect(errorCodes(await gql(db, cmo.viewer, AUDIT, { id: a.workspace.id }))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await gql(db, read.viewer, AUDIT, { id: a.workspace.id }))).toEqual(["FORBIDDEN"]);
    expect((await gql(db, b.viewer, AUDIT, { id: a.workspace.id })).data?.workspace).toBeNull();
    const own = await gql(db, a.viewer, AUDIT, { id: a.workspace.id });
    const gid = own.data!.workspace.auditEvents.edges[0].node.id;
    const NODE = `query ($id: ID!) { node(id: $id) { id } }`;
    expect((await gql(db, b.viewer, NODE, { id: gid })).data?.node).toBeNull();
    expect((await gql(db, cmo.viewer, NODE, { id: gid })).data?.node).toBeNull();
  });
});

describe("Workspace.auditEvents: KPI and metric definitions", () => {
  it("records who created, changed and deleted KPIs, custom metrics and measures, and metric settings; refused writes leave no event", async () => {
    const { workspace, viewer, owner } = await createWorkspaceWithOwner(db);
    const key = await createKey(db, { workspaceId: workspace.id, actorId: owner.id, scopes: ["ADMIN"] });
    const ok = async (v: typeof viewer | typeof key.viewer, query: string, variables: Record<string, unknown>) => {
      const r = await gql(db, v, query, variables);
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      return r.data!;
    };
    const ws = workspace.id;
    await ok(viewer, `mutation($i: CreateCustomMeasureInput!) { createCustomMeasure(input: $i) { measure { key } } }`, {
      i: { workspaceId: ws, key: "webinars", nameEn: "Webinars", unit: "COUNT" },
    });
    await ok(viewer, `mutation($i: CreateCustomMetricInput!) { createCustomMetric(input: $i) { metric { key } } }`, {
      i: { workspaceId: ws, key: "leads_per_webinar", nameEn: "Leads per webinar", formula: "leads / webinars" },
    });
    await ok(
      key.viewer,
      `mutation($i: UpdateCustomMetricInput!) { updateCustomMetric(input: $i) { metric { key } } }`,
      { i: { workspaceId: ws, key: "leads_per_webinar", nameEn: "Leads / webinar" } },
    );
    const created = await ok(viewer, `mutation($i: CreateKpiInput!) { createKpi(input: $i) { kpi { id key } } }`, {
      i: { workspaceId: ws, metricKey: "leads_per_webinar", ownerRole: "CONTENT", direction: "HIGHER" },
    });
    const kpiId = created.createKpi.kpi.id;
    await ok(key.viewer, `mutation($i: UpdateKpiInput!) { updateKpi(input: $i) { kpi { weight } } }`, {
      i: { id: kpiId, weight: "2" },
    });
    // Refused: still used by the KPI. Nothing may be recorded for it.
    expect(
      errorCodes(
        await gql(db, viewer, `mutation($i: DeleteCustomMetricInput!) { deleteCustomMetric(input: $i) { key } }`, {
          i: { workspaceId: ws, key: "leads_per_webinar" },
        }),
      ),
    ).toEqual(["BAD_USER_INPUT"]);
    await ok(viewer, `mutation($id: ID!) { deleteKpi(id: $id) { key } }`, { id: kpiId });
    await ok(viewer, `mutation($i: DeleteCustomMetricInput!) { deleteCustomMetric(input: $i) { key } }`, {
      i: { workspaceId: ws, key: "leads_per_webinar" },
    });
    await ok(viewer, `mutation($i: DeleteCustomMeasureInput!) { deleteCustomMeasure(input: $i) { key } }`, {
      i: { workspaceId: ws, key: "webinars" },
    });
    await ok(
      viewer,
      `mutation($i: UpdateMetricSettingsInput!) { updateMetricSettings(input: $i) { settings { grossMargin } } }`,
      { i: { workspaceId: ws, grossMargin: "0.35" } },
    );
    expect(
      errorCodes(
        await gql(
          db,
          viewer,
          `mutation($i: UpdateMetricSettingsInput!) { updateMetricSettings(input: $i) { settings { grossMargin } } }`,
          { i: { workspaceId: ws, grossMargin: "1.5" } },
        ),
      ),
    ).toEqual(["BAD_USER_INPUT"]);
    await ok(viewer, `mutation($w: ID!) { resetScorecardTemplate(workspaceId: $w, role: CONTENT) { kpis { key } } }`, {
      w: ws,
    });

    const edges = (await ok(viewer, AUDIT, { id: ws })).workspace.auditEvents.edges as {
      node: { action: string; actorKind: string; data: Record<string, unknown> };
    }[];
    const events = edges
      .map((e) => e.node)
      .filter((n) => /^(kpi|metric|measure|metricSettings)\./.test(n.action))
      .reverse();
    expect(events.map((e) => [e.action, e.actorKind])).toEqual([
      ["measure.created", "USER"],
      ["metric.created", "USER"],
      ["metric.updated", "API_KEY"],
      ["kpi.created", "USER"],
      ["kpi.updated", "API_KEY"],
      ["kpi.deleted", "USER"],
      ["metric.deleted", "USER"],
      ["measure.deleted", "USER"],
      ["metricSettings.updated", "USER"],
      ["kpi.templateReset", "USER"],
    ]);
    const dataOf = (d: unknown) => (typeof d === "string" ? JSON.parse(d) : d);
    expect(dataOf(events[4].data)).toMatchObject({ key: created.createKpi.kpi.key, fields: ["weight"] });
    expect(dataOf(events[8].data)).toEqual({ fields: ["grossMargin"] });
  });
});
