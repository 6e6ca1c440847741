import { encodeGlobalID } from "@pothos/plugin-relay";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE, viewerFromSessionToken } from "@/lib/auth/session-cookie";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { addMember, countRowsAsOwner, createKey, createWorkspaceWithOwner, rowIdOf, uniqueEmail } from "./factories";
import { type GqlResult, type TestDatabase, errorCodes, gql, openTestDatabase } from "./harness";
import type { UserViewer } from "./factories";

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
}, 300_000);
afterAll(async () => db?.close());

const CREATE = `mutation ($input: CreateInviteInput!) {
  createInvite(input: $input) { inviteUrl emailSent invite { id email role state expiresAt } }
}`;
const REVOKE = `mutation ($input: RevokeInviteInput!) { revokeInvite(input: $input) { invite { id state revokedAt } } }`;
const INVITES = `query ($id: ID!) { workspace(id: $id) { invites(first: 20) { edges { node { id email role state } } } } }`;
const INVITATION = `query ($token: String!) { invitation(token: $token) { workspaceName email role state expiresAt } }`;
const ACCEPT = `mutation ($input: AcceptInviteInput!) { acceptInvite(input: $input) { role workspace { id viewerRole } } }`;
const SIGN_UP_INVITE = `mutation ($input: SignUpWithInviteInput!) { signUpWithInvite(input: $input) { user { id email name } workspace { id viewerRole } } }`;

const tokenOf = (url: string) => url.split("/invite/")[1];
const fieldErrors = (r: GqlResult) => r.errors?.[0]?.extensions?.fieldErrors;

async function invite(viewer: UserViewer, workspaceId: string, role = "SMM", email = uniqueEmail("invitee")) {
  const r = await gql(db, viewer, CREATE, { input: { workspaceId, email, role } });
  expect(r.errors).toBeUndefined();
  const { invite: inv, inviteUrl } = r.data!.createInvite;
  return { id: inv.id as string, email, token: tokenOf(inviteUrl), url: inviteUrl as string };
}

async function inviteRow(workspaceId: string, inviteGid: string) {
  return withTenant(db, { workspaceId }, (tx) =>
    tx.invite.findFirst({ where: { workspaceId, id: rowIdOf(inviteGid) } }),
  );
}

describe("createInvite", () => {
  it("creates a pending 7-day invite, stores only the token's hash and returns the link", async () => {
    const { workspace, viewer, owner } = await createWorkspaceWithOwner(db);
    const email = uniqueEmail("New.Person").toUpperCase();
    const r = await gql(db, viewer, CREATE, { input: { workspaceId: workspace.id, email, role: "SMM" } });
    expect(r.errors).toBeUndefined();
    const payload = r.data!.createInvite;
    expect(payload.invite).toMatchObject({ email: email.toLowerCase(), role: "SMM", state: "PENDING" });
    expect(payload.emailSent).toBe(false); // no SMTP_URL in tests
    expect(payload.inviteUrl).toMatch(/^http:\/\/localhost:3000\/invite\/[A-Za-z0-9_-]{43}$/);
    const days = (new Date(payload.invite.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    const row = await inviteRow(workspace.id, payload.invite.id);
    const token = tokenOf(payload.inviteUrl);
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.tokenHash).not.toContain(token);
    expect(row!.invitedByUserId).toBe(owner.id);
    const event = await withTenant(db, { workspaceId: workspace.id }, (tx) =>
      tx.auditEvent.findFirstOrThrow({ where: { workspaceId: workspace.id, action: "invite.created" } }),
    );
    expect(JSON.stringify(event.data)).not.toContain(token);
  });

  it("replaces an earlier pending invite to the same address", async () => {
    const { workspace, viewer } = await createWorkspaceWithOwner(db);
    const first = await invite(viewer, workspace.id, "SMM", uniqueEmail("twice"));
    const second = await invite(viewer, workspace.id, "CONTENT", first.email);
    expect((await gql(db, null, INVITATION, { token: first.token })).data?.invitation.state).toBe("REVOKED");
    expect((await gql(db, null, INVITATION, { token: second.token })).data?.invitation).toMatchObject({
      state: "PENDING",
      role: "CONTENT",
    });
  });

  it("is FORBIDDEN to SMM and CMO; an admin cannot invite an owner; keys cannot invite", async () => {
    const { workspace, owner } = await createWorkspaceWithOwner(db);
    const before = await countRowsAsOwner(db, "invites");
    for (const role of ["SMM", "CMO"] as const) {
      const m = await addMember(db, workspace.id, role);
      expect(
        errorCodes(
          await gql(db, m.viewer, CREATE, { input: { workspaceId: workspace.id, email: uniqueEmail(), role: "SMM" } }),
        ),
      ).toEqual(["FORBIDDEN"]);
    }
    const admin = await addMember(db, workspace.id, "ADMIN");
    expect(
      errorCodes(
        await gql(db, admin.viewer, CREATE, {
          input: { workspaceId: workspace.id, email: uniqueEmail(), role: "OWNER" },
        }),
      ),
    ).toEqual(["FORBIDDEN"]);
    const key = await createKey(db, { workspaceId: workspace.id, actorId: owner.id, scopes: ["ADMIN"] });
    expect(
      errorCodes(
        await gql(db, key.viewer, CREATE, { input: { workspaceId: workspace.id, email: uniqueEmail(), role: "SMM" } }),
      ),
    ).toEqual(["FORBIDDEN"]);
    expect(await countRowsAsOwner(db, "invites")).toBe(before);
    // An admin may invite any non-owner role.
    expect(
      (
        await gql(db, admin.viewer, CREATE, {
          input: { workspaceId: workspace.id, email: uniqueEmail(), role: "ADMIN" },
        })
      ).errors,
    ).toBeUndefined();
  });

  it("answers NOT_FOUND in another workspace, writing nothing", async () => {
    const a = await createWorkspaceWithOwner(db);
    const b = await createWorkspaceWithOwner(db);
    const before = await countRowsAsOwner(db, "invites");
    const r = await gql(db, b.viewer, CREATE, {
      input: { workspaceId: a.workspace.id, email: uniqueEmail(), role: "ADMIN" },
    });
    expect(errorCodes(r)).toEqual(["NOT_FOUND"]);
    expect(await countRowsAsOwner(db, "invites")).toBe(before);
  });

  it("rejects a bad e-mail and an existing member on input.email", async () => {
    const { workspace, viewer } = await createWorkspaceWithOwner(db);
    const smm = await addMember(db, workspace.id, "SMM");
    const before = await countRowsAsOwner(db, "invites");
    const bad = await gql(db, viewer, CREATE, { input: { workspaceId: workspace.id, email: "nope", role: "SMM" } });
    expect(fieldErrors(bad)).toMatchObject([{ path: ["input", "email"], message: "Enter a valid e-mail address" }]);
    const member = await gql(db, viewer, CREATE, {
      input: { workspaceId: workspace.id, email: smm.user.email, role: "SMM" },
    });
    expect(errorCodes(member)).toEqual(["BAD_USER_INPUT"]);
    expect(fieldErrors(member)).toMatchObject([
      { path: ["input", "email"], message: expect.stringMatching(/already a member/) },
    ]);
    expect(await countRowsAsOwner(db, "invites")).toBe(before);
  });
});

describe("Workspace.invites and node(id)", () => {
  it("lists invites in every state for invite.manage", async () => {
    const { workspace, viewer } = await createWorkspaceWithOwner(db);
    const pending = await invite(viewer, workspace.id);
    const revoked = await invite(viewer, workspace.id);
    await gql(db, viewer, REVOKE, { input: { inviteId: revoked.id } });
    const expired = await invite(viewer, workspace.id);
    await withTenant(db, { workspaceId: workspace.id }, (tx) =>
      tx.invite.update({ where: { id: rowIdOf(expired.id) }, data: { expiresAt: new Date(Date.now() - 1000) } }),
    );
    const r = await gql(db, viewer, INVITES, { id: workspace.id });
    const states = Object.fromEntries(
      r.data!.workspace.invites.edges.map((e: { node: { id: string; state: string } }) => [e.node.id, e.node.state]),
    );
    expect(states).toEqual({ [pending.id]: "PENDING", [revoked.id]: "REVOKED", [expired.id]: "EXPIRED" });
  });

  it("is FORBIDDEN to a CMO and invisible across workspaces", async () => {
    const a = await createWorkspaceWithOwner(db);
    const b = await createWorkspaceWithOwner(db);
    const cmo = await addMember(db, a.workspace.id, "CMO");
    expect(errorCodes(await gql(db, cmo.viewer, INVITES, { id: a.workspace.id }))).toEqual(["FORBIDDEN"]);
    const inv = await invite(a.viewer, a.workspace.id);
    expect((await gql(db, b.viewer, INVITES, { id: a.workspace.id })).data?.workspace).toBeNull();
    const NODE = `query ($id: ID!) { node(id: $id) { id ... on Invite { email } } }`;
    expect((await gql(db, a.viewer, NODE, { id: inv.id })).data?.node).toEqual({ id: inv.id, email: inv.email });
    expect((await gql(db, b.viewer, NODE, { id: inv.id })).data?.node).toBeNull();
    expect((await gql(db, cmo.viewer, NODE, { id: inv.id })).data?.node).toBeNull();
    const forged = encodeGlobalID("Invite", `${b.workspace.id}.${rowIdOf(inv.id)}`);
    expect((await gql(db, b.viewer, NODE, { id: forged })).data?.node).toBeNull();
  });
});

describe("revokeInvite", () => {
  it("revokes a pending invite (idempotently) so its link stops working", async () => {
    const { workspace, viewer } = await createWorkspaceWithOwner(db);
    const inv = await invite(viewer, workspace.id);
    const r = await gql(db, viewer, REVOKE, { input: { inviteId: inv.id } });
    expect(r.data?.revokeInvite.invite.state).toBe("REVOKED");
    const again = await gql(db, viewer, REVOKE, { input: { inviteId: inv.id } });
    expect(again.data?.revokeInvite.invite.revokedAt).toBe(r.data?.revokeInvite.invite.revokedAt);
    expect((await gql(db, null, INVITATION, { token: inv.token })).data?.invitation.state).toBe("REVOKED");
  });

  it("is FORBIDDEN to an SMM, NOT_FOUND across workspaces, and refuses a used invite", async () => {
    const a = await createWorkspaceWithOwner(db);
    const b = await createWorkspaceWithOwner(db);
    const smm = await addMember(db, a.workspace.id, "SMM");
    const inv = await invite(a.viewer, a.workspace.id);
    expect(errorCodes(await gql(db, smm.viewer, REVOKE, { input: { inviteId: inv.id } }))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await gql(db, b.viewer, REVOKE, { input: { inviteId: inv.id } }))).toEqual(["NOT_FOUND"]);
    const forged = encodeGlobalID("Invite", `${b.workspace.id}.${rowIdOf(inv.id)}`);
    expect(errorCodes(await gql(db, b.viewer, REVOKE, { input: { inviteId: forged } }))).toEqual(["NOT_FOUND"]);
    expect((await inviteRow(a.workspace.id, inv.id))!.revokedAt).toBeNull();
    await gql(db, null, SIGN_UP_INVITE, { input: { token: inv.token, name: "Used", password: "a sturdy passphrase" } });
    const used = await gql(db, a.viewer, REVOKE, { input: { inviteId: inv.id } });
    expect(fieldErrors(used)).toMatchObject([
      { path: ["input", "inviteId"], message: expect.stringMatching(/already been used/) },
    ]);
  });
});

describe("invitation(token)", () => {
  it("shows workspace, role, e-mail and state to anyone holding the link; null for unknown tokens", async () => {
    const { workspace, viewer } = await createWorkspaceWithOwner(db, { workspaceName: "Invite Co" });
    const inv = await invite(viewer, workspace.id, "CMO");
    const r = await gql(db, null, INVITATION, { token: inv.token });
    expect(r.data?.invitation).toMatchObject({
      workspaceName: "Invite Co",
      email: inv.email,
      role: "CMO",
      state: "PENDING",
    });
    expect((await gql(db, null, INVITATION, { token: "x".repeat(43) })).data?.invitation).toBeNull();
    expect((await gql(db, null, INVITATION, { token: "short" })).data?.invitation).toBeNull();
  });
});

describe("acceptInvite", () => {
  it("adds the signed-in invitee with the invited role, once", async () => {
    const { workspace, viewer } = await createWorkspaceWithOwner(db);
    const other = await createWorkspaceWithOwner(db);
    const inv = await invite(viewer, workspace.id, "PERFORMANCE", other.owner.email);
    const r = await gql(db, other.viewer, ACCEPT, { input: { token: inv.token } });
    expect(r.errors).toBeUndefined();
    expect(r.data?.acceptInvite).toEqual({
      role: "PERFORMANCE",
      workspace: { id: expect.any(String), viewerRole: "PERFORMANCE" },
    });
    expect(rowIdOf(r.data?.acceptInvite.workspace.id)).toBe(workspace.id);
    expect((await gql(db, null, INVITATION, { token: inv.token })).data?.invitation.state).toBe("ACCEPTED");
    const again = await gql(db, other.viewer, ACCEPT, { input: { token: inv.token } });
    expect(fieldErrors(again)).toMatchObject([
      { path: ["input", "token"], message: "This invitation has already been used" },
    ]);
    const events = await withTenant(db, { workspaceId: workspace.id }, (tx) =>
      tx.auditEvent.findMany({
        where: { workspaceId: workspace.id, actorUserId: other.owner.id },
        orderBy: { action: "asc" },
      }),
    );
    expect(events.map((e) => e.action)).toEqual(["invite.accepted", "member.joined"]);
  });

  it("refuses a signed-in user with another e-mail, an anonymous caller, and an existing member", async () => {
    const { workspace, viewer } = await createWorkspaceWithOwner(db);
    const stranger = await createWorkspaceWithOwner(db);
    const inv = await invite(viewer, workspace.id);
    const wrong = await gql(db, stranger.viewer, ACCEPT, { input: { token: inv.token } });
    expect(fieldErrors(wrong)).toMatchObject([{ path: ["input", "token"], message: expect.stringMatching(/is for/) }]);
    expect(errorCodes(await gql(db, null, ACCEPT, { input: { token: inv.token } }))).toEqual(["UNAUTHENTICATED"]);
    const smm = await addMember(db, workspace.id, "SMM");
    const dup = await invite(viewer, workspace.id, "CMO", uniqueEmail());
    await withTenant(db, { workspaceId: workspace.id }, (tx) =>
      tx.invite.update({ where: { id: rowIdOf(dup.id) }, data: { email: smm.user.email } }),
    );
    const member = await gql(db, smm.viewer, ACCEPT, { input: { token: dup.token } });
    expect(fieldErrors(member)).toMatchObject([
      { path: ["input", "token"], message: "You are already a member of this workspace" },
    ]);
    expect((await inviteRow(workspace.id, inv.id))!.acceptedAt).toBeNull();
    expect((await inviteRow(workspace.id, dup.id))!.acceptedAt).toBeNull();
  });

  it("refuses expired, revoked and unknown tokens with precise messages, changing nothing", async () => {
    const { workspace, viewer } = await createWorkspaceWithOwner(db);
    const invitee = await createWorkspaceWithOwner(db);
    const expired = await invite(viewer, workspace.id, "SMM", invitee.owner.email);
    await withTenant(db, { workspaceId: workspace.id }, (tx) =>
      tx.invite.update({ where: { id: rowIdOf(expired.id) }, data: { expiresAt: new Date(Date.now() - 1000) } }),
    );
    const memberships = await countRowsAsOwner(db, "memberships");
    const r1 = await gql(db, invitee.viewer, ACCEPT, { input: { token: expired.token } });
    expect(fieldErrors(r1)).toMatchObject([
      { path: ["input", "token"], message: "This invitation has expired; ask for a new one" },
    ]);
    const revoked = await invite(viewer, workspace.id, "SMM", invitee.owner.email);
    await gql(db, viewer, REVOKE, { input: { inviteId: revoked.id } });
    const r2 = await gql(db, invitee.viewer, ACCEPT, { input: { token: revoked.token } });
    expect(fieldErrors(r2)).toMatchObject([
      { path: ["input", "token"], message: "This invitation has been revoked; ask for a new one" },
    ]);
    const r3 = await gql(db, invitee.viewer, ACCEPT, { input: { token: "A".repeat(43) } });
    expect(fieldErrors(r3)).toMatchObject([{ path: ["input", "token"], message: "This invitation link is not valid" }]);
    expect(await countRowsAsOwner(db, "memberships")).toBe(memberships);
  });

  it("lets only one of two simultaneous accepts win", async () => {
    const { workspace, viewer } = await createWorkspaceWithOwner(db);
    const invitee = await createWorkspaceWithOwner(db);
    const inv = await invite(viewer, workspace.id, "SMM", invitee.owner.email);
    const results = await Promise.all([
      gql(db, invitee.viewer, ACCEPT, { input: { token: inv.token } }),
      gql(db, invitee.viewer, ACCEPT, { input: { token: inv.token } }),
    ]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.flatMap(errorCodes)).toEqual(["BAD_USER_INPUT"]);
    const count = await withTenant(db, { workspaceId: workspace.id }, (tx) =>
      tx.membership.count({ where: { workspaceId: workspace.id, userId: invitee.owner.id } }),
    );
    expect(count).toBe(1);
  });
});

describe("signUpWithInvite", () => {
  it("creates the account with the invite's e-mail, joins with the role and starts a session", async () => {
    const { workspace, viewer } = await createWorkspaceWithOwner(db, { locale: "ru" });
    const inv = await invite(viewer, workspace.id, "SMM");
    const r = await gql(db, null, SIGN_UP_INVITE, {
      input: { token: inv.token, name: "Sam", password: "a sturdy passphrase", email: inv.email.toUpperCase() },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data?.signUpWithInvite.user).toMatchObject({ email: inv.email, name: "Sam" });
    const cookie = r.context.responseCookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    const me = await viewerFromSessionToken(db, cookie.split(";")[0].split("=")[1]);
    expect(me).toMatchObject({ userId: r.data?.signUpWithInvite.user.id, locale: "ru" });
    const ws = await gql(db, me, `query ($id: ID!) { workspace(id: $id) { viewerRole } }`, { id: workspace.id });
    expect(ws.data?.workspace.viewerRole).toBe("SMM");
    // Single use.
    const again = await gql(db, null, SIGN_UP_INVITE, {
      input: { token: inv.token, name: "Sam 2", password: "a sturdy passphrase" },
    });
    expect(fieldErrors(again)).toMatchObject([
      { path: ["input", "token"], message: "This invitation has already been used" },
    ]);
  });

  it("rejects a different e-mail, an existing account, a weak password and a revoked invite, writing nothing", async () => {
    const { workspace, viewer, owner } = await createWorkspaceWithOwner(db);
    const inv = await invite(viewer, workspace.id);
    const users = await countRowsAsOwner(db, "users");
    const otherEmail = await gql(db, null, SIGN_UP_INVITE, {
      input: { token: inv.token, name: "X", password: "a sturdy passphrase", email: uniqueEmail() },
    });
    expect(fieldErrors(otherEmail)).toMatchObject([
      { path: ["input", "email"], message: `This invitation is for ${inv.email}` },
    ]);
    const weak = await gql(db, null, SIGN_UP_INVITE, { input: { token: inv.token, name: "X", password: "letmein1" } });
    expect(fieldErrors(weak)).toMatchObject([
      { path: ["input", "password"], message: expect.stringMatching(/too common/) },
    ]);
    const existing = await createWorkspaceWithOwner(db);
    const forExisting = await invite(viewer, workspace.id, "SMM", existing.owner.email);
    const taken = await gql(db, null, SIGN_UP_INVITE, {
      input: { token: forExisting.token, name: "X", password: "a sturdy passphrase" },
    });
    expect(fieldErrors(taken)).toMatchObject([
      { path: ["input", "token"], message: expect.stringMatching(/already exists; sign in/) },
    ]);
    await gql(db, viewer, REVOKE, { input: { inviteId: inv.id } });
    const revoked = await gql(db, null, SIGN_UP_INVITE, {
      input: { token: inv.token, name: "X", password: "a sturdy passphrase" },
    });
    expect(fieldErrors(revoked)).toMatchObject([
      { path: ["input", "token"], message: expect.stringMatching(/revoked/) },
    ]);
    expect(await countRowsAsOwner(db, "users")).toBe(users + 1); // only `existing`'s owner
    // No refused sign-up joined the workspace: its one membership is still the owner's.
    const members = await countRowsAsOwner(db, "memberships", "workspace_id = $1::uuid", [workspace.id]);
    const ownerMemberships = await countRowsAsOwner(
      db,
      "memberships",
      "workspace_id = $1::uuid AND user_id = $2::uuid",
      [workspace.id, owner.id],
    );
    expect([members, ownerMemberships]).toEqual([1, 1]);
  });
});
