import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { authenticateApiKey } from "@/lib/auth/authenticate-api-key";
import type { Viewer } from "@/lib/auth/viewer";
import { type WorkspaceWithOwner, addMember, countRowsAsOwner, createWorkspaceWithOwner } from "./factories";
import { TEST_DB, type TestDatabase, adminUrl, errorCodes, gql, openTestDatabase } from "./harness";

/**
 * Agencies end to end through the schema (SPEC §3, §8, §9.2): grant → read → change role →
 * revoke → no access, for a member, an agency key and a second connection pool; the portfolio
 * equals each client's own scorecard; benchmark quartiles by hand; bad input changes nothing.
 */
let db: TestDatabase;
let admin: WorkspaceWithOwner; // the agency admin (has an unrelated workspace of their own)
let agencyId: string;
let agencyGlobalId: string;
const clients: WorkspaceWithOwner[] = [];
const PERIOD = { type: "MONTH", anchor: "2026-11-15" };
const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64");

/** spend / leads / deals / revenue / clicks / impressions on "google_ads" (paid) for one client. */
async function feed(client: WorkspaceWithOwner, spend: number, leads: number) {
  const rows = [
    ["spend", spend],
    ["leads", leads],
    ["deals_won", 2],
    ["revenue", spend * 3],
    ["clicks", leads * 10],
    ["impressions", leads * 1000],
  ].map(([measure, value]) => ({ date: "2026-11-10", channel: "google_ads", measure, value: String(value) }));
  const res = await gql(
    db,
    client.viewer,
    `mutation($w: ID!, $rows: [MetricRowInput!]!) { ingestMetrics(input: { workspaceId: $w, idempotencyKey: "feed", rows: $rows }) { accepted } }`,
    {
      w: client.workspace.id,
      rows,
    },
  );
  expect(res.errors ?? []).toEqual([]);
}

async function grant(client: WorkspaceWithOwner, role: string, extra: Record<string, unknown> = {}) {
  return gql(
    db,
    client.viewer,
    `mutation($i: GrantAgencyAccessInput!) { grantAgencyAccess(input: $i) { workspace { id } } }`,
    {
      i: { workspaceId: client.workspace.id, agencyId, role, ...extra },
    },
  );
}

async function revoke(client: WorkspaceWithOwner) {
  return gql(
    db,
    client.viewer,
    `mutation($i: RevokeAgencyAccessInput!) { revokeAgencyAccess(input: $i) { workspace { id } } }`,
    {
      i: { workspaceId: client.workspace.id, agencyId },
    },
  );
}

const SCORECARD = `score statusCounts { onTrack atRisk offTrack noData } kpis { key metricKey actual target status trend }`;

async function readScorecard(viewer: Viewer, workspaceId: string) {
  return gql(
    db,
    viewer,
    `query($w: ID!, $p: PeriodInput) { workspace(id: $w) { name scorecard(role: OWNER, period: $p) { ${SCORECARD} } } }`,
    { w: workspaceId, p: PERIOD },
  );
}

async function portfolio(viewer: Viewer) {
  return gql(
    db,
    viewer,
    `query($a: ID!, $p: PeriodInput) { agency(id: $a) { name clients { id name } portfolio(period: $p) { workspace { id } grantedRole needsAttention scorecard { ${SCORECARD} } } } }`,
    {
      a: agencyGlobalId,
      p: PERIOD,
    },
  );
}

beforeAll(async () => {
  db = await openTestDatabase();
  admin = await createWorkspaceWithOwner(db, { name: "Ada Agency" });
  const created = await gql(
    db,
    admin.viewer,
    `mutation { createAgency(input: { name: "Northwind Digital", primaryColor: "#1A2B3C" }) { agency { id publicId name primaryColor viewerRole } } }`,
  );
  expect(created.errors ?? []).toEqual([]);
  agencyGlobalId = created.data!.createAgency.agency.id;
  agencyId = created.data!.createAgency.agency.publicId;
  expect(created.data!.createAgency.agency).toMatchObject({
    name: "Northwind Digital",
    primaryColor: "#1a2b3c",
    viewerRole: "AGENCY_ADMIN",
  });
  for (const [i, [spend, leads]] of [
    [100, 10],
    [400, 20],
    [900, 30],
    [1600, 40],
  ].entries()) {
    const c = await createWorkspaceWithOwner(db, { workspaceName: `Client ${i + 1}` });
    await feed(c, spend, leads);
    clients.push(c);
  }
}, 300_000);

afterAll(async () => db?.close());

describe("agency grants", () => {
  it("grant → read → change role → revoke → no access (member and agency key)", async () => {
    const [c1] = clients;
    // Before any grant the agency sees nothing of the client — like a missing workspace.
    expect((await readScorecard(admin.viewer, c1.workspace.id)).data?.workspace).toBeNull();
    const keyRes = await gql(
      db,
      admin.viewer,
      `mutation($i: CreateAgencyApiKeyInput!) { createAgencyApiKey(input: $i) { secret apiKey { id prefix } } }`,
      {
        i: { agencyId, name: "Reporting", scopes: ["READ"] },
      },
    );
    expect(keyRes.errors ?? []).toEqual([]);
    const key = await authenticateApiKey(db, keyRes.data!.createAgencyApiKey.secret);
    expect(key).toMatchObject({ kind: "agencyKey", agencyId });
    expect((await readScorecard(key, c1.workspace.id)).data?.workspace).toBeNull();

    expect((await grant(c1, "CMO")).errors ?? []).toEqual([]);
    const own = await readScorecard(c1.viewer, c1.workspace.id);
    const asAgency = await readScorecard(admin.viewer, c1.workspace.id);
    expect(asAgency.errors ?? []).toEqual([]);
    expect(asAgency.data).toEqual(own.data);
    const viaKey = await readScorecard(key, c1.workspace.id);
    expect(viaKey.data).toEqual(own.data);
    const role = await gql(
      db,
      admin.viewer,
      `query($w: ID!) { workspace(id: $w) { viewerRole viewerPermissions viewerAgency { name } } }`,
      { w: c1.workspace.id },
    );
    expect(role.data?.workspace).toMatchObject({ viewerRole: "CMO", viewerAgency: { name: "Northwind Digital" } });
    expect(role.data?.workspace.viewerPermissions).toContain("kpi.manage");
    expect(role.data?.workspace.viewerPermissions).not.toContain("member.manage");

    // Role change: CLIENT_VIEWER reads published reports only — no scorecard, no portfolio entry.
    expect((await grant(c1, "CLIENT_VIEWER")).errors ?? []).toEqual([]);
    expect(errorCodes(await readScorecard(admin.viewer, c1.workspace.id))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await readScorecard(key, c1.workspace.id))).toEqual(["FORBIDDEN"]);
    const p = await portfolio(admin.viewer);
    expect(p.data?.agency.clients.map((c: { id: string }) => c.id)).toEqual([gid("Workspace", c1.workspace.id)]);
    expect(p.data?.agency.portfolio).toEqual([]);

    expect((await revoke(c1)).errors ?? []).toEqual([]);
    expect((await readScorecard(admin.viewer, c1.workspace.id)).data?.workspace).toBeNull();
    expect((await readScorecard(key, c1.workspace.id)).data?.workspace).toBeNull();
    expect(
      (await gql(db, admin.viewer, `query($w: ID!) { node(id: $w) { id } }`, { w: gid("Workspace", c1.workspace.id) }))
        .data?.node,
    ).toBeNull();
    expect((await portfolio(admin.viewer)).data?.agency.clients).toEqual([]);

    // Both audit logs hold the three events.
    const clientLog = await gql(
      db,
      c1.viewer,
      `query($w: ID!) { workspace(id: $w) { auditEvents(first: 20) { edges { node { action } } } } }`,
      { w: c1.workspace.id },
    );
    const actions = clientLog.data?.workspace.auditEvents.edges.map((e: { node: { action: string } }) => e.node.action);
    expect(actions).toEqual(
      expect.arrayContaining(["agencyAccess.granted", "agencyAccess.roleChanged", "agencyAccess.revoked"]),
    );
    expect(
      await countRowsAsOwner(db, "agency_audit_events", "agency_id = $1::uuid AND action LIKE 'agencyAccess.%'", [
        agencyId,
      ]),
    ).toBe(3);
  });

  it.runIf(TEST_DB === "postgres")(
    "a second app process (its own connection pool) sees a grant and a revocation on its next request",
    async () => {
      const [, c2] = clients;
      const url = new URL(adminUrl());
      url.pathname = `/${db.name}`;
      const other = await openDatabase({ url: url.toString(), poolSize: 2, migrate: false });
      try {
        const read = () =>
          gql(other, admin.viewer, `query($w: ID!) { workspace(id: $w) { id } }`, { w: c2.workspace.id });
        // Warm the other process: its caches hold the scorecard of the client while granted.
        expect((await read()).data?.workspace).toBeNull();
        await grant(c2, "ADMIN");
        expect((await read()).data?.workspace).not.toBeNull();
        expect(
          (
            await gql(
              other,
              admin.viewer,
              `query($a: ID!, $p: PeriodInput) { agency(id: $a) { portfolio(period: $p) { workspace { id } } } }`,
              { a: agencyId, p: PERIOD },
            )
          ).data?.agency.portfolio,
        ).toHaveLength(1);
        await revoke(c2);
        expect((await read()).data?.workspace).toBeNull();
        expect(
          (
            await gql(
              other,
              admin.viewer,
              `query($a: ID!, $p: PeriodInput) { agency(id: $a) { portfolio(period: $p) { workspace { id } } } }`,
              { a: agencyId, p: PERIOD },
            )
          ).data?.agency.portfolio,
        ).toEqual([]);
      } finally {
        await other.close();
      }
    },
  );

  it("refuses bad grants with clear errors and changes nothing", async () => {
    const [c1] = clients;
    const before = await countRowsAsOwner(db, "agency_grants");
    const auditBefore = await countRowsAsOwner(db, "audit_events", "action LIKE 'agency%'");
    const unknown = await gql(
      db,
      c1.viewer,
      `mutation($i: GrantAgencyAccessInput!) { grantAgencyAccess(input: $i) { workspace { id } } }`,
      {
        i: { workspaceId: c1.workspace.id, agencyId: "00000000-0000-4000-8000-000000000123", role: "CMO" },
      },
    );
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
    expect(unknown.errors?.[0].message).toMatch(/input\.agencyId/);
    const owner = await grant(c1, "OWNER");
    expect(owner.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
    expect(owner.errors?.[0].message).toMatch(/input\.role/);
    // A non-owner (an ADMIN member) may not grant.
    const adminMember = await addMember(db, c1.workspace.id, "ADMIN");
    const byAdmin = await gql(
      db,
      adminMember.viewer,
      `mutation($i: GrantAgencyAccessInput!) { grantAgencyAccess(input: $i) { workspace { id } } }`,
      {
        i: { workspaceId: c1.workspace.id, agencyId, role: "CMO" },
      },
    );
    expect(errorCodes(byAdmin)).toEqual(["FORBIDDEN"]);
    // Revoking a grant that does not exist (twice).
    const twice = await revoke(c1);
    expect(twice.errors?.[0].message).toMatch(/input\.agencyId/);
    // An agency member granting their own agency: one who owns a workspace …
    const self = await gql(
      db,
      admin.viewer,
      `mutation($i: GrantAgencyAccessInput!) { grantAgencyAccess(input: $i) { workspace { id } } }`,
      {
        i: { workspaceId: admin.workspace.id, agencyId, role: "CMO" },
      },
    );
    expect(self.errors?.[0].message).toMatch(/input\.agencyId/);
    // … and one acting in a client through a grant (ADMIN), raising it: the grant permission is the owner's alone.
    await grant(c1, "ADMIN");
    const raise = await gql(
      db,
      admin.viewer,
      `mutation($i: GrantAgencyAccessInput!) { grantAgencyAccess(input: $i) { workspace { id } } }`,
      {
        i: { workspaceId: c1.workspace.id, agencyId, role: "ADMIN" },
      },
    );
    expect(errorCodes(raise)).toEqual(["FORBIDDEN"]);
    await revoke(c1);
    // An invisible workspace answers like a missing one.
    const invisible = await gql(
      db,
      clients[2].viewer,
      `mutation($i: RevokeAgencyAccessInput!) { revokeAgencyAccess(input: $i) { workspace { id } } }`,
      {
        i: { workspaceId: c1.workspace.id, agencyId },
      },
    );
    const missing = await gql(
      db,
      clients[2].viewer,
      `mutation($i: RevokeAgencyAccessInput!) { revokeAgencyAccess(input: $i) { workspace { id } } }`,
      {
        i: { workspaceId: "00000000-0000-4000-8000-0000000000ff", agencyId },
      },
    );
    expect(invisible.errors?.map((e) => [e.message, e.extensions?.code])).toEqual(
      missing.errors?.map((e) => [e.message, e.extensions?.code]),
    );
    expect(await countRowsAsOwner(db, "agency_grants")).toBe(before);
    // The grant + revoke of the ADMIN step above are the only new client audit entries.
    expect(await countRowsAsOwner(db, "audit_events", "action LIKE 'agency%'")).toBe(auditBefore + 2);
  });

  it("a client owner cannot reach the portfolio; an unknown agency looks the same", async () => {
    const [c1] = clients;
    for (const id of [agencyGlobalId, agencyId]) {
      const res = await gql(
        db,
        c1.viewer,
        `query($a: ID!) { agency(id: $a) { name portfolio { workspace { id } } } node(id: $a) { id } }`,
        { a: id },
      );
      expect(res.data).toEqual({ agency: null, node: null });
    }
    const unknown = await gql(db, c1.viewer, `query($a: ID!) { agency(id: $a) { name } }`, {
      a: "00000000-0000-4000-8000-000000000123",
    });
    expect(unknown.data).toEqual({ agency: null });
  });
});

describe("portfolio", () => {
  it("equals each client's own company scorecard, and benchmarks CPL by hand", async () => {
    for (const c of clients) await grant(c, "CMO");
    const res = await portfolio(admin.viewer);
    expect(res.errors ?? []).toEqual([]);
    const entries = res.data!.agency.portfolio as { workspace: { id: string }; scorecard: unknown }[];
    expect(entries).toHaveLength(clients.length);
    for (const c of clients) {
      const own = await readScorecard(c.viewer, c.workspace.id);
      const entry = entries.find((e) => e.workspace.id === gid("Workspace", c.workspace.id));
      expect(entry?.scorecard).toEqual(own.data!.workspace.scorecard);
    }
    // CPL of the four clients on paid channels: 100/10, 400/20, 900/30, 1600/40 = 10, 20, 30, 40.
    // QUARTILE.INC: Q1 at position 0.75 → 17.5; median 25; Q3 at 2.25 → 32.5.
    const b = await gql(
      db,
      admin.viewer,
      `query($a: ID!, $p: PeriodInput) { agency(id: $a) { benchmarks(period: $p) { channelGroup metricKey clientCount lowerQuartile median upperQuartile positions { workspace { name } value quartile } } } }`,
      {
        a: agencyId,
        p: PERIOD,
      },
    );
    expect(b.errors ?? []).toEqual([]);
    const cpl = b.data!.agency.benchmarks.find(
      (x: { channelGroup: string; metricKey: string }) => x.channelGroup === "paid" && x.metricKey === "cpl",
    );
    expect(cpl).toMatchObject({ clientCount: 4, lowerQuartile: "17.5", median: "25", upperQuartile: "32.5" });
    expect(
      Object.fromEntries(
        cpl.positions.map((p: { workspace: { name: string }; value: string; quartile: number }) => [
          p.workspace.name,
          [p.value, p.quartile],
        ]),
      ),
    ).toEqual({
      "Client 1": ["10", 1],
      "Client 2": ["20", 2],
      "Client 3": ["30", 3],
      "Client 4": ["40", 4],
    });
    // A client that grants only CLIENT_VIEWER drops out of the figures.
    await grant(clients[3], "CLIENT_VIEWER");
    const fewer = await gql(
      db,
      admin.viewer,
      `query($a: ID!, $p: PeriodInput) { agency(id: $a) { portfolio(period: $p) { workspace { id } } benchmarks(period: $p) { channelGroup metricKey clientCount } } }`,
      { a: agencyId, p: PERIOD },
    );
    expect(fewer.data!.agency.portfolio).toHaveLength(3);
    expect(
      fewer.data!.agency.benchmarks.find(
        (x: { metricKey: string; channelGroup: string }) => x.channelGroup === "paid" && x.metricKey === "cpl",
      ).clientCount,
    ).toBe(3);
    for (const c of clients) await revoke(c);
  });
});

describe("agency-created clients and members", () => {
  it("creates a client the agency holds with ADMIN, hands ownership to the invited owner, keeps the grant", async () => {
    const created = await gql(
      db,
      admin.viewer,
      `mutation($i: CreateAgencyClientInput!) { createAgencyClient(input: $i) { workspace { id slug viewerRole } ownerInviteUrl } }`,
      {
        i: { agencyId, name: "Handover Ltd", slug: "handover-ltd", ownerEmail: "new.owner@example.test" },
      },
    );
    expect(created.errors ?? []).toEqual([]);
    expect(created.data!.createAgencyClient.workspace).toMatchObject({ slug: "handover-ltd", viewerRole: "ADMIN" });
    const taken = await gql(
      db,
      admin.viewer,
      `mutation($i: CreateAgencyClientInput!) { createAgencyClient(input: $i) { workspace { id } } }`,
      {
        i: { agencyId, name: "Other", slug: "handover-ltd" },
      },
    );
    expect(taken.errors?.[0].message).toMatch(/input\.slug/);
    const token = created.data!.createAgencyClient.ownerInviteUrl.split("/").pop();
    const newOwner = await createWorkspaceWithOwner(db, { email: "new.owner@example.test" });
    const accepted = await gql(
      db,
      newOwner.viewer,
      `mutation($t: String!) { acceptInvite(input: { token: $t }) { __typename } }`,
      { t: token },
    );
    expect(accepted.errors ?? []).toEqual([]);
    const wsId = created.data!.createAgencyClient.workspace.id;
    const ownerView = await gql(
      db,
      newOwner.viewer,
      `query($w: ID!) { workspace(id: $w) { viewerRole agencyGrants { agencyName role agencyCreated } } }`,
      { w: wsId },
    );
    expect(ownerView.data?.workspace).toEqual({
      viewerRole: "OWNER",
      agencyGrants: [{ agencyName: "Northwind Digital", role: "ADMIN", agencyCreated: true }],
    });
    // The new owner narrows the grant; the agency keeps what it is left.
    const narrowed = await gql(
      db,
      newOwner.viewer,
      `mutation($i: GrantAgencyAccessInput!) { grantAgencyAccess(input: $i) { workspace { id } } }`,
      { i: { workspaceId: wsId, agencyId, role: "CMO" } },
    );
    expect(narrowed.errors ?? []).toEqual([]);
    const agencyView = await gql(db, admin.viewer, `query($w: ID!) { workspace(id: $w) { viewerRole } }`, { w: wsId });
    expect(agencyView.data?.workspace).toEqual({ viewerRole: "CMO" });
  });

  it("invites an account manager limited to named clients", async () => {
    const invite = await gql(
      db,
      admin.viewer,
      `mutation($i: CreateAgencyInviteInput!) { createAgencyInvite(input: $i) { inviteUrl role } }`,
      {
        i: { agencyId, email: "manager@example.test", role: "ACCOUNT_MANAGER" },
      },
    );
    expect(invite.errors ?? []).toEqual([]);
    const manager = await createWorkspaceWithOwner(db, { email: "manager@example.test" });
    const token = invite.data!.createAgencyInvite.inviteUrl.split("/").pop();
    const joined = await gql(
      db,
      manager.viewer,
      `mutation($t: String!) { acceptAgencyInvite(token: $t) { agency { name viewerRole } } }`,
      { t: token },
    );
    expect(joined.data?.acceptAgencyInvite.agency).toEqual({
      name: "Northwind Digital",
      viewerRole: "ACCOUNT_MANAGER",
    });
    const again = await gql(
      db,
      manager.viewer,
      `mutation($t: String!) { acceptAgencyInvite(token: $t) { agency { name } } }`,
      { t: token },
    );
    expect(errorCodes(again)).toEqual(["BAD_USER_INPUT"]);
    const [c1, c2] = clients;
    await grant(c1, "CMO", { managerEmails: ["manager@example.test"] });
    await grant(c2, "CMO", { managerEmails: [admin.owner.email] });
    const seen = async (v: Viewer) =>
      (
        (await gql(db, v, `query($a: ID!) { agency(id: $a) { clients { name } } }`, { a: agencyId })).data?.agency
          .clients ?? []
      ).map((c: { name: string }) => c.name);
    expect(await seen(manager.viewer)).toEqual(expect.arrayContaining(["Client 1"]));
    expect(await seen(manager.viewer)).not.toContain("Client 2");
    expect((await readScorecard(manager.viewer, c2.workspace.id)).data?.workspace).toBeNull();
    expect((await readScorecard(manager.viewer, c1.workspace.id)).errors ?? []).toEqual([]);
    // The admin sees both (agency admins are never limited).
    expect(await seen(admin.viewer)).toEqual(expect.arrayContaining(["Client 1", "Client 2"]));
    // Removed from the agency, the manager loses its clients on the next request; the last admin stays.
    const members = await gql(
      db,
      admin.viewer,
      `query($a: ID!) { agency(id: $a) { members { id email role } auditEvents { action workspaceName role } } }`,
      { a: agencyId },
    );
    const managerRow = members.data!.agency.members.find((m: { email: string }) => m.email === "manager@example.test");
    const adminRow = members.data!.agency.members.find((m: { role: string }) => m.role === "AGENCY_ADMIN");
    expect(members.data!.agency.auditEvents).toEqual(
      expect.arrayContaining([{ action: "agencyAccess.granted", workspaceName: "Client 1", role: "CMO" }]),
    );
    const lastAdmin = await gql(
      db,
      admin.viewer,
      `mutation($id: ID!) { removeAgencyMember(id: $id) { agency { name } } }`,
      { id: adminRow.id },
    );
    expect(lastAdmin.errors?.[0].message).toMatch(/memberId/);
    const byManager = await gql(
      db,
      manager.viewer,
      `mutation($id: ID!) { removeAgencyMember(id: $id) { agency { name } } }`,
      { id: adminRow.id },
    );
    expect(errorCodes(byManager)).toEqual(["FORBIDDEN"]);
    const removed = await gql(
      db,
      admin.viewer,
      `mutation($id: ID!) { removeAgencyMember(id: $id) { agency { name } } }`,
      { id: managerRow.id },
    );
    expect(removed.errors ?? []).toEqual([]);
    expect((await readScorecard(manager.viewer, c1.workspace.id)).data?.workspace).toBeNull();
    expect(
      (await gql(db, manager.viewer, `query($a: ID!) { agency(id: $a) { name } }`, { a: agencyId })).data?.agency,
    ).toBeNull();
    await revoke(c1);
    await revoke(c2);
  });
});
