import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE, viewerFromSessionToken } from "@/lib/auth/session-cookie";
import { verifyLogin } from "@/lib/auth/verify-login";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { onWorkspaceCreated } from "@/lib/workspaces/on-workspace-created";
import {
  FACTORY_PASSWORD,
  addMember,
  countRowsAsOwner,
  createKey,
  createWorkspaceWithOwner,
  rowIdOf,
  uniqueEmail,
  viewerOf,
} from "./factories";
import { type GqlResult, type TestDatabase, errorCodes, gql, openTestDatabase } from "./harness";

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
}, 300_000);
afterAll(async () => db?.close());

const SIGN_UP = `mutation ($input: SignUpInput!) {
  signUp(input: $input) { user { id email name locale } workspace { id name slug currency timeZone locale fiscalYearStartMonth viewerRole } }
}`;

function sessionTokenOf(result: GqlResult): string | undefined {
  for (const header of result.context.responseCookies) {
    const match = new RegExp(`^${SESSION_COOKIE.replace(".", "\\.")}=([^;]*)`).exec(header);
    if (match) return match[1];
  }
  return undefined;
}

function fieldErrors(result: GqlResult): { path: (string | number)[]; message: string }[] {
  return (result.errors?.[0]?.extensions?.fieldErrors as { path: (string | number)[]; message: string }[]) ?? [];
}

const usersCount = () => countRowsAsOwner(db, "users");
const workspacesCount = () => countRowsAsOwner(db, "workspaces");

describe("signUp", () => {
  it("creates user, workspace, OWNER membership and audit events, and starts a session", async () => {
    const email = uniqueEmail("Signup").toUpperCase();
    const result = await gql(db, null, SIGN_UP, {
      input: { email, password: "a sturdy passphrase", name: "Anna", workspaceName: "Ромашка Маркетинг", locale: "ru" },
    });
    expect(result.errors).toBeUndefined();
    const { user, workspace } = result.data!.signUp;
    expect(user).toMatchObject({ email: email.toLowerCase(), name: "Anna", locale: "ru" });
    expect(workspace).toMatchObject({
      name: "Ромашка Маркетинг",
      currency: "RUB",
      timeZone: "UTC",
      locale: "ru",
      fiscalYearStartMonth: 1,
    });
    expect(workspace.slug).toMatch(/^romashka-marketing/);
    // The cookie is the session: it decodes to this user.
    const token = sessionTokenOf(result);
    expect(result.context.responseCookies[0]).toMatch(/HttpOnly; SameSite=Lax/);
    const viewer = await viewerFromSessionToken(db, token);
    expect(viewer).toMatchObject({ kind: "user", userId: user.id });
    // The owner sees the workspace with role OWNER.
    const ws = await gql(db, viewer, `query ($id: ID!) { workspace(id: $id) { viewerRole } }`, { id: workspace.id });
    expect(ws.data?.workspace).toEqual({ viewerRole: "OWNER" });
    const workspaceId = rowIdOf(workspace.id);
    const events = await withTenant(db, { workspaceId }, (tx) =>
      tx.auditEvent.findMany({ where: { workspaceId }, orderBy: { action: "asc" } }),
    );
    expect(events.map((e) => e.action)).toEqual(["member.joined", "workspace.created"]);
    expect(events.every((e) => e.actorUserId === user.id)).toBe(true);
  });

  it("defaults to USD/UTC/en and accepts explicit settings, normalizing case", async () => {
    const plain = await gql(db, null, SIGN_UP, {
      input: { email: uniqueEmail(), password: "a sturdy passphrase", name: "B", workspaceName: "Beta" },
    });
    expect(plain.data?.signUp.workspace).toMatchObject({ currency: "USD", timeZone: "UTC", locale: "en" });
    const explicit = await gql(db, null, SIGN_UP, {
      input: {
        email: uniqueEmail(),
        password: "a sturdy passphrase",
        name: "C",
        workspaceName: "Gamma",
        currency: "eur",
        timeZone: "europe/berlin",
        locale: "en",
      },
    });
    expect(explicit.errors).toBeUndefined();
    expect(explicit.data?.signUp.workspace).toMatchObject({ currency: "EUR", timeZone: "Europe/Berlin" });
  });

  it("gives two people's workspaces with the same name the same slug (slugs are unique per person: issue 16)", async () => {
    const a = await gql(db, null, SIGN_UP, {
      input: { email: uniqueEmail(), password: "a sturdy passphrase", name: "D", workspaceName: "Same Name Co" },
    });
    const b = await gql(db, null, SIGN_UP, {
      input: { email: uniqueEmail(), password: "a sturdy passphrase", name: "E", workspaceName: "Same Name Co" },
    });
    expect(a.data?.signUp.workspace.slug).toBe("same-name-co");
    expect(b.data?.signUp.workspace.slug).toBe("same-name-co");
  });

  it("runs the on-workspace-created hooks inside the transaction (a failing hook rolls everything back)", async () => {
    const seen: string[] = [];
    const ok = async (_tx: unknown, workspaceId: string) => void seen.push(workspaceId);
    onWorkspaceCreated.push(ok);
    try {
      const r = await gql(db, null, SIGN_UP, {
        input: { email: uniqueEmail(), password: "a sturdy passphrase", name: "H", workspaceName: "Hooked" },
      });
      expect(seen).toEqual([rowIdOf(r.data?.signUp.workspace.id)]);
    } finally {
      onWorkspaceCreated.splice(onWorkspaceCreated.indexOf(ok), 1);
    }
    const failing = async () => {
      throw new Error("hook failed");
    };
    onWorkspaceCreated.push(failing);
    const [users, workspaces] = [await usersCount(), await workspacesCount()];
    try {
      const r = await gql(db, null, SIGN_UP, {
        input: { email: uniqueEmail(), password: "a sturdy passphrase", name: "H", workspaceName: "Hooked 2" },
      });
      expect(errorCodes(r)).toEqual(["INTERNAL_SERVER_ERROR"]);
    } finally {
      onWorkspaceCreated.splice(onWorkspaceCreated.indexOf(failing), 1);
    }
    expect([await usersCount(), await workspacesCount()]).toEqual([users, workspaces]);
  });

  const bad: [string, Record<string, unknown>, (string | number)[], RegExp][] = [
    ["short password", { password: "x7#kq2!" }, ["input", "password"], /at least 8/],
    ["too-long password", { password: "k".repeat(129) }, ["input", "password"], /at most 128/],
    ["common password", { password: "Password123" }, ["input", "password"], /too common/],
    [
      "password equal to the e-mail",
      { email: "same.as.pw@example.test", password: "Same.As.Pw@example.test" },
      ["input", "password"],
      /e-mail/,
    ],
    ["invalid e-mail", { email: "not-an-email" }, ["input", "email"], /valid e-mail/],
    ["invalid currency", { currency: "XYZ" }, ["input", "currency"], /ISO 4217/],
    ["invalid time zone", { timeZone: "Mars/Olympus" }, ["input", "timeZone"], /IANA/],
    ["invalid locale", { locale: "de" }, ["input", "locale"], /ru.*en/],
    ["empty workspace name", { workspaceName: "  " }, ["input", "workspaceName"], /required/],
  ];
  it.each(bad)("rejects %s with BAD_USER_INPUT on the field, writing nothing", async (_label, patch, path, message) => {
    const [users, workspaces] = [await usersCount(), await workspacesCount()];
    const result = await gql(db, null, SIGN_UP, {
      input: { email: uniqueEmail(), password: "a sturdy passphrase", name: "F", workspaceName: "Fails", ...patch },
    });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(fieldErrors(result)).toMatchObject([{ path, message: expect.stringMatching(message) }]);
    expect(result.context.responseCookies).toEqual([]);
    expect([await usersCount(), await workspacesCount()]).toEqual([users, workspaces]);
  });

  it("allows a 64-character password", async () => {
    const r = await gql(db, null, SIGN_UP, {
      input: { email: uniqueEmail(), password: "Long-".repeat(12) + "pass", name: "L", workspaceName: "Long" },
    });
    expect(r.errors).toBeUndefined();
  });

  it("rejects a duplicate e-mail (any case) on input.email, writing nothing", async () => {
    const { owner } = await createWorkspaceWithOwner(db);
    const [users, workspaces] = [await usersCount(), await workspacesCount()];
    const result = await gql(db, null, SIGN_UP, {
      input: { email: owner.email.toUpperCase(), password: "a sturdy passphrase", name: "Dup", workspaceName: "Dup" },
    });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(fieldErrors(result)).toMatchObject([
      { path: ["input", "email"], message: expect.stringMatching(/already exists/) },
    ]);
    expect([await usersCount(), await workspacesCount()]).toEqual([users, workspaces]);
  });
});

const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { user { id email } } }`;

describe("login", () => {
  it("signs in with the right password and sets the same session cookie", async () => {
    const { owner } = await createWorkspaceWithOwner(db);
    const result = await gql(db, null, LOGIN, {
      input: { email: owner.email.toUpperCase(), password: FACTORY_PASSWORD },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.login.user).toEqual({ id: owner.id, email: owner.email });
    expect(await viewerFromSessionToken(db, sessionTokenOf(result))).toMatchObject({ userId: owner.id });
  });

  it("answers UNAUTHENTICATED alike for a wrong password and an unknown e-mail", async () => {
    const { owner } = await createWorkspaceWithOwner(db);
    const wrong = await gql(db, null, LOGIN, { input: { email: owner.email, password: "not the password" } });
    const unknown = await gql(db, null, LOGIN, { input: { email: uniqueEmail(), password: "not the password" } });
    expect(errorCodes(wrong)).toEqual(["UNAUTHENTICATED"]);
    expect(errorCodes(unknown)).toEqual(["UNAUTHENTICATED"]);
    expect(wrong.errors?.[0].message).toBe(unknown.errors?.[0].message);
    expect(wrong.context.responseCookies).toEqual([]);
  });

  it("throttles an account after 5 failures in 15 minutes, even for the right password", async () => {
    const { owner } = await createWorkspaceWithOwner(db);
    for (let i = 0; i < 5; i++) {
      await expect(
        verifyLogin(db, { email: owner.email, password: `wrong ${i}`, ip: `10.0.0.${i}` }),
      ).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    }
    const limited = await gql(db, null, LOGIN, { input: { email: owner.email, password: FACTORY_PASSWORD } });
    expect(errorCodes(limited)).toEqual(["RATE_LIMITED"]);
    const retryAfter = limited.errors?.[0].extensions?.retryAfter as number;
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(limited.context.responseCookies).toEqual([]);
    // Once the failures are older than the window, the right password works again.
    await db.sql.query("UPDATE login_attempts SET attempted_at = attempted_at - interval '16 minutes' WHERE key = $1", [
      `account:${owner.email}`,
    ]);
    await expect(verifyLogin(db, { email: owner.email, password: FACTORY_PASSWORD, ip: null })).resolves.toMatchObject({
      id: owner.id,
    });
  });

  it("starts counting afresh after a successful login", async () => {
    const { owner } = await createWorkspaceWithOwner(db);
    for (let i = 0; i < 4; i++)
      await verifyLogin(db, { email: owner.email, password: "wrong", ip: null }).catch(() => undefined);
    await verifyLogin(db, { email: owner.email, password: FACTORY_PASSWORD, ip: null });
    for (let i = 0; i < 4; i++)
      await verifyLogin(db, { email: owner.email, password: "wrong", ip: null }).catch(() => undefined);
    await expect(verifyLogin(db, { email: owner.email, password: FACTORY_PASSWORD, ip: null })).resolves.toMatchObject({
      id: owner.id,
    });
  });

  it("throttles an IP after 30 failures across accounts", async () => {
    const ip = "203.0.113.77";
    for (let i = 0; i < 30; i++) {
      await expect(
        verifyLogin(db, { email: uniqueEmail("spray"), password: "wrong password", ip }),
      ).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    }
    const { owner } = await createWorkspaceWithOwner(db);
    await expect(verifyLogin(db, { email: owner.email, password: FACTORY_PASSWORD, ip })).rejects.toMatchObject({
      code: "RATE_LIMITED",
      retryAfter: expect.any(Number),
    });
    // Another address is not affected.
    await expect(
      verifyLogin(db, { email: owner.email, password: FACTORY_PASSWORD, ip: "203.0.113.78" }),
    ).resolves.toMatchObject({ id: owner.id });
  }, 120_000);
});

describe("logout, logoutEverywhere, changePassword", () => {
  it("logout clears the cookie", async () => {
    const result = await gql(db, null, `mutation { logout { ok } }`);
    expect(result.data?.logout.ok).toBe(true);
    expect(result.context.responseCookies).toEqual([expect.stringMatching(/^tl\.session=; .*Max-Age=0/)]);
  });

  it("logoutEverywhere revokes every earlier session", async () => {
    const { owner, viewer } = await createWorkspaceWithOwner(db);
    const login = await gql(db, null, LOGIN, { input: { email: owner.email, password: FACTORY_PASSWORD } });
    const oldToken = sessionTokenOf(login);
    expect(await viewerFromSessionToken(db, oldToken)).not.toBeNull();
    const result = await gql(db, viewer, `mutation { logoutEverywhere { ok } }`);
    expect(result.data?.logoutEverywhere.ok).toBe(true);
    expect(await viewerFromSessionToken(db, oldToken)).toBeNull();
  });

  it("logoutEverywhere needs a signed-in user", async () => {
    expect(errorCodes(await gql(db, null, `mutation { logoutEverywhere { ok } }`))).toEqual(["UNAUTHENTICATED"]);
    const { workspace, owner } = await createWorkspaceWithOwner(db);
    const key = await createKey(db, { workspaceId: workspace.id, actorId: owner.id, scopes: ["ADMIN"] });
    expect(errorCodes(await gql(db, key.viewer, `mutation { logoutEverywhere { ok } }`))).toEqual(["FORBIDDEN"]);
  });

  const CHANGE = `mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { user { id } } }`;

  it("changePassword needs the current password, revokes old sessions and re-issues this one", async () => {
    const { owner, viewer } = await createWorkspaceWithOwner(db);
    const oldToken = sessionTokenOf(
      await gql(db, null, LOGIN, { input: { email: owner.email, password: FACTORY_PASSWORD } }),
    );
    const wrong = await gql(db, viewer, CHANGE, {
      input: { currentPassword: "nope nope", newPassword: "brand new passphrase" },
    });
    expect(errorCodes(wrong)).toEqual(["BAD_USER_INPUT"]);
    expect(fieldErrors(wrong)).toMatchObject([
      { path: ["input", "currentPassword"], message: "Current password is incorrect" },
    ]);
    expect(await viewerFromSessionToken(db, oldToken)).not.toBeNull();

    const weak = await gql(db, viewer, CHANGE, {
      input: { currentPassword: FACTORY_PASSWORD, newPassword: "qwerty123" },
    });
    expect(fieldErrors(weak)).toMatchObject([
      { path: ["input", "newPassword"], message: expect.stringMatching(/too common/) },
    ]);

    const ok = await gql(db, viewer, CHANGE, {
      input: { currentPassword: FACTORY_PASSWORD, newPassword: "brand new passphrase" },
    });
    expect(ok.errors).toBeUndefined();
    expect(await viewerFromSessionToken(db, oldToken)).toBeNull();
    expect(await viewerFromSessionToken(db, sessionTokenOf(ok))).toMatchObject({ userId: owner.id });
    await expect(verifyLogin(db, { email: owner.email, password: FACTORY_PASSWORD, ip: null })).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
    await expect(
      verifyLogin(db, { email: owner.email, password: "brand new passphrase", ip: null }),
    ).resolves.toMatchObject({ id: owner.id });
  });

  it("changePassword throttles wrong current passwords like logins: the 6th try in 15 minutes is refused, right or wrong", async () => {
    const { owner, viewer } = await createWorkspaceWithOwner(db);
    for (let i = 0; i < 5; i++) {
      const wrong = await gql(db, viewer, CHANGE, {
        input: { currentPassword: `guess number ${i}`, newPassword: "brand new passphrase" },
      });
      expect(errorCodes(wrong)).toEqual(["BAD_USER_INPUT"]);
    }
    const limited = await gql(db, viewer, CHANGE, {
      input: { currentPassword: FACTORY_PASSWORD, newPassword: "brand new passphrase" },
    });
    expect(errorCodes(limited)).toEqual(["RATE_LIMITED"]);
    expect(limited.errors![0].extensions!.retryAfter).toBeGreaterThan(0);
    // Nothing changed: the old password still logs in.
    await expect(verifyLogin(db, { email: owner.email, password: FACTORY_PASSWORD, ip: null })).resolves.toMatchObject({
      id: owner.id,
    });
  });

  it("changePassword needs a signed-in user", async () => {
    const result = await gql(db, null, CHANGE, {
      input: { currentPassword: "x", newPassword: "brand new passphrase" },
    });
    expect(errorCodes(result)).toEqual(["UNAUTHENTICATED"]);
  });
});

const CREATE_WS = `mutation ($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { workspace { id name currency timeZone locale fiscalYearStartMonth viewerRole } } }`;

describe("createWorkspace", () => {
  it("makes the signed-in user OWNER of another workspace; both are listed to switch between", async () => {
    const { viewer, workspace: first } = await createWorkspaceWithOwner(db);
    const result = await gql(db, viewer, CREATE_WS, {
      input: { name: "Second brand", currency: "KZT", timeZone: "Asia/Almaty", fiscalYearStartMonth: 4 },
    });
    expect(result.errors).toBeUndefined();
    const second = result.data!.createWorkspace.workspace;
    expect(second).toMatchObject({
      name: "Second brand",
      currency: "KZT",
      timeZone: "Asia/Almaty",
      fiscalYearStartMonth: 4,
      viewerRole: "OWNER",
    });
    const list = await gql(db, viewer, `{ viewer { workspaces { workspace { id } role } } }`);
    expect(rowIdOf(list.data?.viewer.workspaces[0].workspace.id)).toBe(first.id);
    expect(list.data?.viewer.workspaces).toEqual([
      { workspace: { id: expect.any(String) }, role: "OWNER" },
      { workspace: { id: second.id }, role: "OWNER" },
    ]);
  });

  it("refuses anonymous callers and API keys", async () => {
    expect(errorCodes(await gql(db, null, CREATE_WS, { input: { name: "X" } }))).toEqual(["UNAUTHENTICATED"]);
    const { workspace, owner } = await createWorkspaceWithOwner(db);
    const key = await createKey(db, { workspaceId: workspace.id, actorId: owner.id, scopes: ["ADMIN"] });
    expect(errorCodes(await gql(db, key.viewer, CREATE_WS, { input: { name: "X" } }))).toEqual(["FORBIDDEN"]);
  });

  it("rejects bad settings on their field, writing nothing", async () => {
    const { viewer } = await createWorkspaceWithOwner(db);
    const before = await workspacesCount();
    const r = await gql(db, viewer, CREATE_WS, { input: { name: "Y", fiscalYearStartMonth: 13 } });
    expect(fieldErrors(r)).toMatchObject([
      { path: ["input", "fiscalYearStartMonth"], message: expect.stringMatching(/1–12/) },
    ]);
    expect(await workspacesCount()).toBe(before);
  });
});

const UPDATE_WS = `mutation ($input: UpdateWorkspaceInput!) { updateWorkspace(input: $input) { workspace { id name slug currency timeZone fiscalYearStartMonth locale } } }`;

describe("updateWorkspace", () => {
  it("changes settings for an admin and records what changed", async () => {
    const { workspace } = await createWorkspaceWithOwner(db);
    const admin = await addMember(db, workspace.id, "ADMIN");
    const slug = `renamed-${workspace.id.slice(0, 8)}`;
    const result = await gql(db, admin.viewer, UPDATE_WS, {
      input: {
        workspaceId: workspace.id,
        name: "Renamed",
        slug,
        currency: "RUB",
        timeZone: "Europe/Moscow",
        fiscalYearStartMonth: 7,
        locale: "ru",
      },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.updateWorkspace.workspace).toMatchObject({
      name: "Renamed",
      slug,
      currency: "RUB",
      timeZone: "Europe/Moscow",
      fiscalYearStartMonth: 7,
      locale: "ru",
    });
    const event = await withTenant(db, { workspaceId: workspace.id }, (tx) =>
      tx.auditEvent.findFirstOrThrow({ where: { workspaceId: workspace.id, action: "workspace.updated" } }),
    );
    expect(event.actorUserId).toBe(admin.user.id);
    expect(event.data).toMatchObject({
      changes: { name: { from: workspace.name, to: "Renamed" }, fiscalYearStartMonth: { from: 1, to: 7 } },
    });
  });

  it("accepts a key with the ADMIN scope but not one with READ (scope too small)", async () => {
    const { workspace, owner } = await createWorkspaceWithOwner(db);
    const admin = await createKey(db, { workspaceId: workspace.id, actorId: owner.id, scopes: ["ADMIN"] });
    const read = await createKey(db, {
      workspaceId: workspace.id,
      actorId: owner.id,
      scopes: ["READ", "WRITE_METRICS"],
    });
    const ok = await gql(db, admin.viewer, UPDATE_WS, { input: { workspaceId: workspace.id, name: "By key" } });
    expect(ok.data?.updateWorkspace.workspace.name).toBe("By key");
    const denied = await gql(db, read.viewer, UPDATE_WS, { input: { workspaceId: workspace.id, name: "Nope" } });
    expect(errorCodes(denied)).toEqual(["FORBIDDEN"]);
  });

  it("refuses roles without workspace.update (SMM, CMO)", async () => {
    const { workspace } = await createWorkspaceWithOwner(db);
    for (const role of ["SMM", "CMO"] as const) {
      const m = await addMember(db, workspace.id, role);
      expect(
        errorCodes(await gql(db, m.viewer, UPDATE_WS, { input: { workspaceId: workspace.id, name: "Nope" } })),
      ).toEqual(["FORBIDDEN"]);
    }
    const after = await withTenant(db, { workspaceId: workspace.id }, (tx) =>
      tx.workspace.findFirstOrThrow({ where: { id: workspace.id } }),
    );
    expect(after.name).toBe(workspace.name);
  });

  it("answers NOT_FOUND to another workspace's owner and leaves the row unchanged", async () => {
    const a = await createWorkspaceWithOwner(db);
    const b = await createWorkspaceWithOwner(db);
    const result = await gql(db, b.viewer, UPDATE_WS, { input: { workspaceId: a.workspace.id, name: "Hijacked" } });
    expect(errorCodes(result)).toEqual(["NOT_FOUND"]);
    const after = await withTenant(db, { workspaceId: a.workspace.id }, (tx) =>
      tx.workspace.findFirstOrThrow({ where: { id: a.workspace.id } }),
    );
    expect(after).toEqual(a.workspace);
  });

  it("rejects a taken slug, a bad slug, currency and time zone on their fields", async () => {
    const b = await createWorkspaceWithOwner(db);
    // Taken among the workspaces b can open (another tenant's slug is no conflict: abuse-slugs.int).
    const a = await gql(
      db,
      b.viewer,
      `mutation { createWorkspace(input: { name: "B second" }) { workspace { slug } } }`,
    );
    const taken = await gql(db, b.viewer, UPDATE_WS, {
      input: { workspaceId: b.workspace.id, slug: a.data!.createWorkspace.workspace.slug },
    });
    expect(fieldErrors(taken)).toMatchObject([{ path: ["input", "slug"], message: expect.stringMatching(/taken/) }]);
    for (const [field, value] of [
      ["slug", "Bad Slug!"],
      ["currency", "EURO"],
      ["timeZone", "Europe/Atlantis"],
      ["locale", "fr"],
    ] as const) {
      const r = await gql(db, b.viewer, UPDATE_WS, { input: { workspaceId: b.workspace.id, [field]: value } });
      expect(errorCodes(r)).toEqual(["BAD_USER_INPUT"]);
      expect(fieldErrors(r).map((e) => e.path)).toEqual([["input", field]]);
    }
    const after = await withTenant(db, { workspaceId: b.workspace.id }, (tx) =>
      tx.workspace.findFirstOrThrow({ where: { id: b.workspace.id } }),
    );
    expect(after).toEqual(b.workspace);
  });
});

describe("viewer after sign-up", () => {
  it("a factory member is a real user", async () => {
    const { workspace } = await createWorkspaceWithOwner(db);
    const m = await addMember(db, workspace.id, "SMM");
    expect(viewerOf(m.user)).toEqual(m.viewer);
    const r = await gql(db, m.viewer, `{ viewer { email workspaces { role } } }`);
    expect(r.data?.viewer).toEqual({ email: m.user.email, workspaces: [{ role: "SMM" }] });
  });
});
