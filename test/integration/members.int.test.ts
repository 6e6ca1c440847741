import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { addMember, createKey, createWorkspaceWithOwner } from "./factories";
import { type TestDatabase, errorCodes, gql, openTestDatabase } from "./harness";
import { encodeGlobalID } from "@pothos/plugin-relay";

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
}, 300_000);
afterAll(async () => db?.close());

const memberGid = (workspaceId: string, membershipId: string) =>
  encodeGlobalID("Member", `${workspaceId}.${membershipId}`);

const MEMBERS = `query ($id: ID!) { workspace(id: $id) { members(first: 50) { edges { node { id role user { email name } } } } } }`;
const CHANGE = `mutation ($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { member { id role user { email } } } }`;
const REMOVE = `mutation ($input: RemoveMemberInput!) { removeMember(input: $input) { member { id role } } }`;

async function roleOf(workspaceId: string, membershipId: string): Promise<string | null> {
  const m = await withTenant(db, { workspaceId }, (tx) =>
    tx.membership.findFirst({ where: { workspaceId, id: membershipId } }),
  );
  return m?.role ?? null;
}

async function ownerMembershipId(workspaceId: string, userId: string): Promise<string> {
  const m = await withTenant(db, { workspaceId }, (tx) =>
    tx.membership.findFirstOrThrow({ where: { workspaceId, userId } }),
  );
  return m.id;
}

describe("Workspace.members", () => {
  it("lists members with roles for member.read (owner, CMO)", async () => {
    const { workspace, owner, viewer } = await createWorkspaceWithOwner(db);
    const smm = await addMember(db, workspace.id, "SMM");
    const cmo = await addMember(db, workspace.id, "CMO");
    for (const v of [viewer, cmo.viewer]) {
      const r = await gql(db, v, MEMBERS, { id: workspace.id });
      expect(r.errors).toBeUndefined();
      const nodes = r.data!.workspace.members.edges.map((e: { node: { role: string; user: { email: string } } }) => [
        e.node.user.email,
        e.node.role,
      ]);
      expect(nodes).toEqual([
        [owner.email, "OWNER"],
        [smm.user.email, "SMM"],
        [cmo.user.email, "CMO"],
      ]);
    }
  });

  it("is FORBIDDEN to roles without member.read (SMM) and to a READ key", async () => {
    const { workspace, owner } = await createWorkspaceWithOwner(db);
    const smm = await addMember(db, workspace.id, "SMM");
    expect(errorCodes(await gql(db, smm.viewer, MEMBERS, { id: workspace.id }))).toEqual(["FORBIDDEN"]);
    const key = await createKey(db, { workspaceId: workspace.id, actorId: owner.id, scopes: ["READ"] });
    expect(errorCodes(await gql(db, key.viewer, MEMBERS, { id: workspace.id }))).toEqual(["FORBIDDEN"]);
  });

  it("shows nothing of another workspace: workspace(id) and node(id) are null", async () => {
    const a = await createWorkspaceWithOwner(db);
    const b = await createWorkspaceWithOwner(db);
    const r = await gql(db, b.viewer, MEMBERS, { id: a.workspace.id });
    expect(r.errors).toBeUndefined();
    expect(r.data?.workspace).toBeNull();
    const id = memberGid(a.workspace.id, await ownerMembershipId(a.workspace.id, a.owner.id));
    const node = await gql(db, b.viewer, `query ($id: ID!) { node(id: $id) { id ... on Member { role } } }`, { id });
    expect(node.data?.node).toBeNull();
    const own = await gql(db, a.viewer, `query ($id: ID!) { node(id: $id) { id ... on Member { role } } }`, { id });
    expect(own.data?.node).toEqual({ id, role: "OWNER" });
    // Forged: B's workspace with A's membership row.
    const forged = memberGid(b.workspace.id, await ownerMembershipId(a.workspace.id, a.owner.id));
    expect(
      (await gql(db, b.viewer, `query ($id: ID!) { node(id: $id) { id } }`, { id: forged })).data?.node,
    ).toBeNull();
  });

  it("hides member nodes from a member without member.read", async () => {
    const { workspace, owner } = await createWorkspaceWithOwner(db);
    const smm = await addMember(db, workspace.id, "SMM");
    const id = memberGid(workspace.id, await ownerMembershipId(workspace.id, owner.id));
    expect((await gql(db, smm.viewer, `query ($id: ID!) { node(id: $id) { id } }`, { id })).data?.node).toBeNull();
  });
});

describe("changeMemberRole", () => {
  it("lets an admin change a specialist's role and records it", async () => {
    const { workspace } = await createWorkspaceWithOwner(db);
    const admin = await addMember(db, workspace.id, "ADMIN");
    const smm = await addMember(db, workspace.id, "SMM");
    const r = await gql(db, admin.viewer, CHANGE, {
      input: { memberId: memberGid(workspace.id, smm.membership.id), role: "PERFORMANCE" },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data?.changeMemberRole.member).toMatchObject({ role: "PERFORMANCE", user: { email: smm.user.email } });
    const event = await withTenant(db, { workspaceId: workspace.id }, (tx) =>
      tx.auditEvent.findFirstOrThrow({ where: { workspaceId: workspace.id, action: "member.roleChanged" } }),
    );
    expect(event).toMatchObject({
      actorUserId: admin.user.id,
      targetId: smm.membership.id,
      data: { from: "SMM", to: "PERFORMANCE" },
    });
  });

  it("is FORBIDDEN to roles without member.manage (CMO, SMM)", async () => {
    const { workspace } = await createWorkspaceWithOwner(db);
    const target = await addMember(db, workspace.id, "CONTENT");
    for (const role of ["CMO", "SMM"] as const) {
      const m = await addMember(db, workspace.id, role);
      const r = await gql(db, m.viewer, CHANGE, {
        input: { memberId: memberGid(workspace.id, target.membership.id), role: "ADMIN" },
      });
      expect(errorCodes(r)).toEqual(["FORBIDDEN"]);
    }
    expect(await roleOf(workspace.id, target.membership.id)).toBe("CONTENT");
  });

  it("lets only an owner grant or revoke OWNER", async () => {
    const { workspace, owner, viewer } = await createWorkspaceWithOwner(db);
    const admin = await addMember(db, workspace.id, "ADMIN");
    const other = await addMember(db, workspace.id, "SALES");
    const ownerMid = await ownerMembershipId(workspace.id, owner.id);
    expect(
      errorCodes(
        await gql(db, admin.viewer, CHANGE, {
          input: { memberId: memberGid(workspace.id, other.membership.id), role: "OWNER" },
        }),
      ),
    ).toEqual(["FORBIDDEN"]);
    expect(
      errorCodes(
        await gql(db, admin.viewer, CHANGE, {
          input: { memberId: memberGid(workspace.id, admin.membership.id), role: "OWNER" },
        }),
      ),
    ).toEqual(["FORBIDDEN"]);
    expect(
      errorCodes(
        await gql(db, admin.viewer, CHANGE, { input: { memberId: memberGid(workspace.id, ownerMid), role: "ADMIN" } }),
      ),
    ).toEqual(["FORBIDDEN"]);
    expect(await roleOf(workspace.id, ownerMid)).toBe("OWNER");
    const granted = await gql(db, viewer, CHANGE, {
      input: { memberId: memberGid(workspace.id, other.membership.id), role: "OWNER" },
    });
    expect(granted.data?.changeMemberRole.member.role).toBe("OWNER");
  });

  it("never demotes the last owner", async () => {
    const { workspace, owner, viewer } = await createWorkspaceWithOwner(db);
    const ownerMid = await ownerMembershipId(workspace.id, owner.id);
    const r = await gql(db, viewer, CHANGE, { input: { memberId: memberGid(workspace.id, ownerMid), role: "ADMIN" } });
    expect(errorCodes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors?.[0].extensions?.fieldErrors).toMatchObject([
      { path: ["input", "role"], message: "A workspace must keep at least one owner" },
    ]);
    expect(await roleOf(workspace.id, ownerMid)).toBe("OWNER");
  });

  it("lets two concurrent demotions of the only two owners succeed at most once", async () => {
    const { workspace, owner, viewer } = await createWorkspaceWithOwner(db);
    const second = await addMember(db, workspace.id, "OWNER");
    const firstMid = await ownerMembershipId(workspace.id, owner.id);
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all([
        gql(db, viewer, CHANGE, { input: { memberId: memberGid(workspace.id, second.membership.id), role: "ADMIN" } }),
        gql(db, second.viewer, CHANGE, { input: { memberId: memberGid(workspace.id, firstMid), role: "ADMIN" } }),
      ]);
      const succeeded = results.filter((r) => !r.errors);
      expect(succeeded).toHaveLength(1);
      expect(results.flatMap(errorCodes).every((c) => c === "BAD_USER_INPUT" || c === "FORBIDDEN")).toBe(true);
      const owners = await withTenant(db, { workspaceId: workspace.id }, (tx) =>
        tx.membership.count({ where: { workspaceId: workspace.id, role: "OWNER" } }),
      );
      expect(owners).toBe(1);
      // Restore two owners for the next round.
      const demoted = (await roleOf(workspace.id, firstMid)) === "OWNER" ? second.membership.id : firstMid;
      await withTenant(db, { workspaceId: workspace.id }, (tx) =>
        tx.membership.update({ where: { id: demoted }, data: { role: "OWNER" } }),
      );
    }
  });

  it("answers NOT_FOUND for another workspace's member and leaves it unchanged", async () => {
    const a = await createWorkspaceWithOwner(db);
    const b = await createWorkspaceWithOwner(db);
    const smm = await addMember(db, a.workspace.id, "SMM");
    const r = await gql(db, b.viewer, CHANGE, {
      input: { memberId: memberGid(a.workspace.id, smm.membership.id), role: "ADMIN" },
    });
    expect(errorCodes(r)).toEqual(["NOT_FOUND"]);
    const forged = await gql(db, b.viewer, CHANGE, {
      input: { memberId: memberGid(b.workspace.id, smm.membership.id), role: "ADMIN" },
    });
    expect(errorCodes(forged)).toEqual(["NOT_FOUND"]);
    expect(await roleOf(a.workspace.id, smm.membership.id)).toBe("SMM");
  });

  it("rejects a malformed member id on its field", async () => {
    const { viewer } = await createWorkspaceWithOwner(db);
    const r = await gql(db, viewer, CHANGE, { input: { memberId: "nonsense", role: "ADMIN" } });
    expect(errorCodes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors?.[0].extensions?.fieldErrors).toMatchObject([
      { path: ["input", "memberId"], message: "is not a Member id" },
    ]);
  });

  it("lets an ADMIN-scope key change roles but not touch owners", async () => {
    const { workspace, owner } = await createWorkspaceWithOwner(db);
    const key = await createKey(db, { workspaceId: workspace.id, actorId: owner.id, scopes: ["ADMIN"] });
    const smm = await addMember(db, workspace.id, "SMM");
    const ok = await gql(db, key.viewer, CHANGE, {
      input: { memberId: memberGid(workspace.id, smm.membership.id), role: "CONTENT" },
    });
    expect(ok.data?.changeMemberRole.member.role).toBe("CONTENT");
    const event = await withTenant(db, { workspaceId: workspace.id }, (tx) =>
      tx.auditEvent.findFirstOrThrow({ where: { workspaceId: workspace.id, action: "member.roleChanged" } }),
    );
    expect(event).toMatchObject({ actorUserId: null, actorApiKeyId: key.apiKey.id });
    const denied = await gql(db, key.viewer, CHANGE, {
      input: { memberId: memberGid(workspace.id, smm.membership.id), role: "OWNER" },
    });
    expect(errorCodes(denied)).toEqual(["FORBIDDEN"]);
  });
});

describe("removeMember", () => {
  it("removes a member for an admin, who then loses access", async () => {
    const { workspace } = await createWorkspaceWithOwner(db);
    const admin = await addMember(db, workspace.id, "ADMIN");
    const smm = await addMember(db, workspace.id, "SMM");
    const r = await gql(db, admin.viewer, REMOVE, { input: { memberId: memberGid(workspace.id, smm.membership.id) } });
    expect(r.errors).toBeUndefined();
    expect(r.data?.removeMember.member.role).toBe("SMM");
    expect(await roleOf(workspace.id, smm.membership.id)).toBeNull();
    expect(
      (await gql(db, smm.viewer, `query ($id: ID!) { workspace(id: $id) { id } }`, { id: workspace.id })).data
        ?.workspace,
    ).toBeNull();
    const event = await withTenant(db, { workspaceId: workspace.id }, (tx) =>
      tx.auditEvent.findFirstOrThrow({ where: { workspaceId: workspace.id, action: "member.removed" } }),
    );
    expect(event).toMatchObject({ actorUserId: admin.user.id, data: { email: smm.user.email, role: "SMM" } });
  });

  it("is FORBIDDEN to a CMO; an admin cannot remove an owner; the last owner stays", async () => {
    const { workspace, owner, viewer } = await createWorkspaceWithOwner(db);
    const cmo = await addMember(db, workspace.id, "CMO");
    const admin = await addMember(db, workspace.id, "ADMIN");
    const ownerMid = await ownerMembershipId(workspace.id, owner.id);
    expect(
      errorCodes(
        await gql(db, cmo.viewer, REMOVE, { input: { memberId: memberGid(workspace.id, admin.membership.id) } }),
      ),
    ).toEqual(["FORBIDDEN"]);
    expect(
      errorCodes(await gql(db, admin.viewer, REMOVE, { input: { memberId: memberGid(workspace.id, ownerMid) } })),
    ).toEqual(["FORBIDDEN"]);
    const last = await gql(db, viewer, REMOVE, { input: { memberId: memberGid(workspace.id, ownerMid) } });
    expect(errorCodes(last)).toEqual(["BAD_USER_INPUT"]);
    expect(last.errors?.[0].extensions?.fieldErrors).toMatchObject([
      { path: ["input", "memberId"], message: "A workspace must keep at least one owner" },
    ]);
    expect(await roleOf(workspace.id, ownerMid)).toBe("OWNER");
    expect(await roleOf(workspace.id, admin.membership.id)).toBe("ADMIN");
  });

  it("answers NOT_FOUND for another workspace's member and leaves it in place", async () => {
    const a = await createWorkspaceWithOwner(db);
    const b = await createWorkspaceWithOwner(db);
    const smm = await addMember(db, a.workspace.id, "SMM");
    expect(
      errorCodes(
        await gql(db, b.viewer, REMOVE, { input: { memberId: memberGid(a.workspace.id, smm.membership.id) } }),
      ),
    ).toEqual(["NOT_FOUND"]);
    expect(
      errorCodes(
        await gql(db, b.viewer, REMOVE, { input: { memberId: memberGid(b.workspace.id, smm.membership.id) } }),
      ),
    ).toEqual(["NOT_FOUND"]);
    expect(await roleOf(a.workspace.id, smm.membership.id)).toBe("SMM");
  });
});

describe("leaveWorkspace", () => {
  const LEAVE = `mutation ($w: ID!) { leaveWorkspace(workspaceId: $w) { workspaceId } }`;
  const VIEWER = `{ viewer { workspaces { role workspace { id } } } }`;
  const workspaceGid = (id: string) => encodeGlobalID("Workspace", id);

  it("removes the caller's own membership: the workspace disappears for them; recorded as member.left", async () => {
    const a = await createWorkspaceWithOwner(db);
    const b = await createWorkspaceWithOwner(db);
    const content = await addMember(db, a.workspace.id, "CONTENT");
    await withTenant(db, { workspaceId: b.workspace.id }, (tx) =>
      tx.membership.create({ data: { workspaceId: b.workspace.id, userId: content.user.id, role: "SMM" } }),
    );
    const before = await gql(db, content.viewer, VIEWER);
    expect(before.data!.viewer.workspaces).toHaveLength(2);

    const r = await gql(db, content.viewer, LEAVE, { w: workspaceGid(a.workspace.id) });
    expect(r.errors).toBeUndefined();
    expect(r.data?.leaveWorkspace).toEqual({ workspaceId: workspaceGid(a.workspace.id) });

    expect(await roleOf(a.workspace.id, content.membership.id)).toBeNull();
    const after = await gql(db, content.viewer, VIEWER);
    expect(after.data!.viewer.workspaces).toEqual([{ role: "SMM", workspace: { id: workspaceGid(b.workspace.id) } }]);
    expect(
      (await gql(db, content.viewer, `query ($id: ID!) { workspace(id: $id) { id } }`, { id: a.workspace.id })).data
        ?.workspace,
    ).toBeNull();
    expect(
      (await gql(db, content.viewer, `query ($id: ID!) { node(id: $id) { id } }`, { id: workspaceGid(a.workspace.id) }))
        .data?.node,
    ).toBeNull();
    expect(errorCodes(await gql(db, content.viewer, LEAVE, { w: a.workspace.id }))).toEqual(["NOT_FOUND"]);

    const event = await withTenant(db, { workspaceId: a.workspace.id }, (tx) =>
      tx.auditEvent.findFirstOrThrow({ where: { workspaceId: a.workspace.id, action: "member.left" } }),
    );
    expect(event).toMatchObject({
      actorUserId: content.user.id,
      targetId: content.membership.id,
      data: { email: content.user.email, role: "CONTENT" },
    });
    // The owner finds it through the audit filter too.
    const log = await gql(
      db,
      a.viewer,
      `query ($id: ID!) { workspace(id: $id) { auditEvents(actions: ["member.left"]) { totalCount edges { node { actorName } } } } }`,
      { id: a.workspace.id },
    );
    expect(log.data!.workspace.auditEvents).toEqual({
      totalCount: 1,
      edges: [{ node: { actorName: content.user.name } }],
    });
  });

  it("refuses the last owner with BAD_USER_INPUT on workspaceId; an owner with a co-owner may leave", async () => {
    const { workspace, owner, viewer } = await createWorkspaceWithOwner(db);
    const ownerMid = await ownerMembershipId(workspace.id, owner.id);
    const last = await gql(db, viewer, LEAVE, { w: workspaceGid(workspace.id) });
    expect(errorCodes(last)).toEqual(["BAD_USER_INPUT"]);
    expect(last.errors?.[0].extensions?.fieldErrors).toMatchObject([
      { path: ["workspaceId"], message: "You are the last owner: make another member an owner before you leave" },
    ]);
    expect(await roleOf(workspace.id, ownerMid)).toBe("OWNER");

    const second = await addMember(db, workspace.id, "OWNER");
    expect((await gql(db, viewer, LEAVE, { w: workspace.id })).errors).toBeUndefined();
    expect(await roleOf(workspace.id, ownerMid)).toBeNull();
    expect(errorCodes(await gql(db, second.viewer, LEAVE, { w: workspace.id }))).toEqual(["BAD_USER_INPUT"]);
    expect(await roleOf(workspace.id, second.membership.id)).toBe("OWNER");
  });

  it("lets only one of the last two owners leave when both try at once", async () => {
    for (let round = 0; round < 3; round++) {
      const { workspace, owner, viewer } = await createWorkspaceWithOwner(db);
      const second = await addMember(db, workspace.id, "OWNER");
      const results = await Promise.all([
        gql(db, viewer, LEAVE, { w: workspace.id }),
        gql(db, second.viewer, LEAVE, { w: workspace.id }),
      ]);
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      expect(results.flatMap(errorCodes)).toEqual(["BAD_USER_INPUT"]);
      const owners = await withTenant(db, { workspaceId: workspace.id }, (tx) =>
        tx.membership.findMany({ where: { workspaceId: workspace.id, role: "OWNER" } }),
      );
      expect(owners).toHaveLength(1);
      expect([owner.id, second.user.id]).toContain(owners[0].userId);
    }
  });

  it("is for signed-in people: an API key is FORBIDDEN, no session is UNAUTHENTICATED, a non-member gets NOT_FOUND", async () => {
    const a = await createWorkspaceWithOwner(db);
    const b = await createWorkspaceWithOwner(db);
    const key = await createKey(db, {
      workspaceId: a.workspace.id,
      actorId: a.owner.id,
      scopes: ["READ", "WRITE_METRICS", "ADMIN"],
    });
    const smm = await addMember(db, a.workspace.id, "SMM");
    expect(errorCodes(await gql(db, key.viewer, LEAVE, { w: a.workspace.id }))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await gql(db, null, LEAVE, { w: a.workspace.id }))).toEqual(["UNAUTHENTICATED"]);
    expect(errorCodes(await gql(db, b.viewer, LEAVE, { w: a.workspace.id }))).toEqual(["NOT_FOUND"]);
    const bad = await gql(db, smm.viewer, LEAVE, { w: "nonsense" });
    expect(bad.errors?.[0].extensions?.fieldErrors).toMatchObject([
      { path: ["workspaceId"], message: "is not a workspace id" },
    ]);
    expect(await roleOf(a.workspace.id, smm.membership.id)).toBe("SMM");
  });

  it("takes effect for the rest of the same operation: a later mutation on that workspace is NOT_FOUND", async () => {
    const { workspace } = await createWorkspaceWithOwner(db);
    const admin = await addMember(db, workspace.id, "ADMIN");
    const r = await gql(
      db,
      admin.viewer,
      `mutation ($w: ID!) {
        leaveWorkspace(workspaceId: $w) { workspaceId }
        createInvite(input: { workspaceId: $w, email: "after-leaving@example.test", role: SMM }) { __typename }
      }`,
      { w: workspace.id },
    );
    // createInvite is non-null, so its error nulls `data`; the leave itself has committed.
    expect(errorCodes(r)).toEqual(["NOT_FOUND"]);
    expect(r.errors?.[0].path).toEqual(["createInvite"]);
    expect(await roleOf(workspace.id, admin.membership.id)).toBeNull();
    const invites = await withTenant(db, { workspaceId: workspace.id }, (tx) =>
      tx.invite.count({ where: { workspaceId: workspace.id } }),
    );
    expect(invites).toBe(0);
  });
});

describe("User implements Node (node(id:) with User.id, tenant-safe)", () => {
  const NODE = `query ($id: ID!) { node(id: $id) { __typename id ... on User { email name } } }`;

  it("User.id keeps its bare UUID and node(User.id) returns the user to those who may read the members of a shared workspace", async () => {
    const { workspace, owner, viewer } = await createWorkspaceWithOwner(db);
    const smm = await addMember(db, workspace.id, "SMM");
    const cmo = await addMember(db, workspace.id, "CMO");
    const listed = await gql(
      db,
      viewer,
      `query ($id: ID!) { workspace(id: $id) { members(first: 10) { edges { node { user { id email } } } } } }`,
      { id: workspace.id },
    );
    const ids = listed.data!.workspace.members.edges.map((e: { node: { user: { id: string } } }) => e.node.user.id);
    expect(ids).toEqual([owner.id, smm.user.id, cmo.user.id]);
    // The owner and the CMO (member.read) find the SMM by User.id; the encoded form works too.
    for (const v of [viewer, cmo.viewer]) {
      const r = await gql(db, v, NODE, { id: smm.user.id });
      expect(r.errors).toBeUndefined();
      expect(r.data!.node).toEqual({ __typename: "User", id: smm.user.id, email: smm.user.email, name: smm.user.name });
    }
    expect((await gql(db, viewer, NODE, { id: encodeGlobalID("User", smm.user.id) })).data!.node.email).toBe(
      smm.user.email,
    );
    // Anyone finds themselves; the SMM (no member.read) finds no one else.
    expect((await gql(db, smm.viewer, NODE, { id: smm.user.id })).data!.node.email).toBe(smm.user.email);
    expect((await gql(db, smm.viewer, NODE, { id: owner.id })).data!.node).toBeNull();
    // A key of the workspace with ADMIN (member.read) finds members; a READ key does not.
    const admin = await createKey(db, { workspaceId: workspace.id, actorId: owner.id, scopes: ["ADMIN"] });
    const read = await createKey(db, { workspaceId: workspace.id, actorId: owner.id, scopes: ["READ"] });
    expect((await gql(db, admin.viewer, NODE, { id: smm.user.id })).data!.node.email).toBe(smm.user.email);
    expect((await gql(db, read.viewer, NODE, { id: smm.user.id })).data!.node).toBeNull();
  });

  it("someone sharing no workspace, an unknown UUID and a workspace's id answer null, like a missing user", async () => {
    const a = await createWorkspaceWithOwner(db);
    const b = await createWorkspaceWithOwner(db);
    const bKey = await createKey(db, {
      workspaceId: b.workspace.id,
      actorId: b.owner.id,
      scopes: ["READ", "WRITE_METRICS", "ADMIN"],
    });
    for (const v of [b.viewer, bKey.viewer]) {
      const r = await gql(db, v, NODE, { id: a.owner.id });
      expect(r.errors).toBeUndefined();
      expect(r.data!.node).toBeNull();
    }
    expect((await gql(db, a.viewer, NODE, { id: "00000000-0000-4000-8000-00000000dead" })).data!.node).toBeNull();
    expect((await gql(db, a.viewer, NODE, { id: a.workspace.id })).data!.node).toBeNull();
    // Leaving the shared workspace hides a former colleague again.
    const mate = await addMember(db, b.workspace.id, "CMO");
    expect((await gql(db, mate.viewer, NODE, { id: b.owner.id })).data!.node.email).toBe(b.owner.email);
    await withTenant(db, { workspaceId: b.workspace.id }, (tx) =>
      tx.membership.delete({ where: { id: mate.membership.id } }),
    );
    expect((await gql(db, mate.viewer, NODE, { id: b.owner.id })).data!.node).toBeNull();
  });
});
