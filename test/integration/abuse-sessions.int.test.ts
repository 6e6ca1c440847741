import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeGraphQLHttp } from "@/graphql/http-handler";
import { PEER_ADDRESS_HEADER } from "@/lib/http/client-address";
import { type TestDatabase, openTestDatabase } from "./harness";
import { createWorkspaceWithOwner, uniqueEmail } from "./factories";
import { mailText, startSmtpInbox } from "./smtp-inbox";

/**
 * The abuse suite, sessions part (issue 16): logout revokes the session on the server (a
 * cookie captured before keeps working for 30 days on the old code), idle and absolute
 * limits, "sign out this device", password reset by e-mail (real SMTP), and the account
 * security log.
 */
let db: TestDatabase;
let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
beforeAll(async () => {
  inbox = await startSmtpInbox();
  process.env.SMTP_URL = inbox.url;
  db = await openTestDatabase();
}, 300_000);
afterAll(async () => {
  await db?.close();
  await inbox?.close();
});

async function call(query: string, variables: Record<string, unknown> = {}, cookie?: string, peer = "192.0.2.50") {
  const res = await executeGraphQLHttp(
    new Request("http://localhost/api/graphql", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        [PEER_ADDRESS_HEADER]: peer,
        "user-agent": "AbuseSuite/1.0",
        ...(cookie ? { cookie } : {}),
      },
      body: JSON.stringify({ query, variables }),
    }),
    async () => db,
  );
  const setCookie = res.headers.get("set-cookie");
  const body = (await res.json()) as { data?: any; errors?: { message: string; extensions: { code: string } }[] };
  return { ...body, cookie: setCookie ? setCookie.split(";")[0] : undefined };
}

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { user { id } } }`;
const VIEWER = `{ viewer { userId sessions { id current userAgent } securityEvents { action } } }`;

async function login(email: string, password: string) {
  const r = await call(LOGIN, { input: { email, password } });
  expect(r.errors).toBeUndefined();
  return r.cookie!;
}

describe("abuse: sessions are server-side", () => {
  it("a cookie captured before logout stops working after it", async () => {
    const a = await createWorkspaceWithOwner(db);
    const cookie = await login(a.owner.email, a.password);
    const captured = cookie;
    expect((await call(VIEWER, {}, cookie)).data.viewer.userId).toBe(a.owner.id);
    await call(`mutation { logout { ok } }`, {}, cookie);
    expect((await call(VIEWER, {}, captured)).data.viewer).toBeNull();
  });

  it("an idle session and one past its absolute lifetime are signed out", async () => {
    const a = await createWorkspaceWithOwner(db);
    const idle = await login(a.owner.email, a.password);
    const old = await login(a.owner.email, a.password);
    const sessions = (await call(VIEWER, {}, idle)).data.viewer.sessions as { id: string; current: boolean }[];
    const idleId = sessions.find((s) => s.current)!.id;
    const oldId = (await call(VIEWER, {}, old)).data.viewer.sessions.find((s: { current: boolean }) => s.current).id;
    await db.sql.query("UPDATE user_sessions SET last_seen_at = now() - interval '13 hours' WHERE id = $1::uuid", [
      idleId,
    ]);
    await db.sql.query("UPDATE user_sessions SET expires_at = now() - interval '1 second' WHERE id = $1::uuid", [
      oldId,
    ]);
    expect((await call(VIEWER, {}, idle)).data.viewer).toBeNull();
    expect((await call(VIEWER, {}, old)).data.viewer).toBeNull();
  });

  it("lists the sessions and signs out another device; another person's session is NOT_FOUND", async () => {
    const a = await createWorkspaceWithOwner(db);
    const laptop = await login(a.owner.email, a.password);
    const phone = await login(a.owner.email, a.password);
    const listed = (await call(VIEWER, {}, laptop)).data.viewer.sessions as {
      id: string;
      current: boolean;
      userAgent: string;
    }[];
    expect(listed).toHaveLength(2); // the laptop and the phone
    expect(listed.filter((s) => s.current)).toHaveLength(1);
    expect(listed[0].userAgent).toBe("AbuseSuite/1.0");
    const phoneId = (await call(VIEWER, {}, phone)).data.viewer.sessions.find(
      (s: { current: boolean }) => s.current,
    ).id;
    const b = await createWorkspaceWithOwner(db);
    const intruder = await login(b.owner.email, b.password);
    const foreign = await call(`mutation($id: ID!) { revokeSession(id: $id) { ok } }`, { id: phoneId }, intruder);
    expect(foreign.errors?.[0].extensions.code).toBe("NOT_FOUND");
    expect((await call(VIEWER, {}, phone)).data.viewer.userId).toBe(a.owner.id);
    expect(
      (await call(`mutation($id: ID!) { revokeSession(id: $id) { ok } }`, { id: phoneId }, laptop)).data.revokeSession
        .ok,
    ).toBe(true);
    expect((await call(VIEWER, {}, phone)).data.viewer).toBeNull();
    expect((await call(VIEWER, {}, laptop)).data.viewer.userId).toBe(a.owner.id);
    const events = (await call(VIEWER, {}, laptop)).data.viewer.securityEvents.map((e: { action: string }) => e.action);
    expect(events).toContain("session.revoked");
    expect(events).toContain("signIn");
  });

  it("failed sign-ins over the limit go to the account log", async () => {
    const a = await createWorkspaceWithOwner(db);
    for (let i = 0; i < 6; i++)
      await call(LOGIN, { input: { email: a.owner.email, password: "wrong password" } }, undefined, "192.0.2.60");
    const { rows } = await db.sql.query<{ action: string }>(
      "SELECT action FROM account_events WHERE user_id = $1::uuid",
      [a.owner.id],
    );
    expect(rows.map((r) => r.action)).toContain("signIn.throttled");
  });
});

describe("abuse: password reset by e-mail", () => {
  const REQUEST = `mutation($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) { ok } }`;
  const RESET = `mutation($input: ResetPasswordInput!) { resetPassword(input: $input) { ok } }`;

  it("answers the same for an unknown address, mails a single-use link stored hashed, and ends every session", async () => {
    const a = await createWorkspaceWithOwner(db, { locale: "ru" });
    const other = await login(a.owner.email, a.password);
    const unknown = await call(REQUEST, { input: { email: uniqueEmail("ghost") } }, undefined, "192.0.2.70");
    const known = await call(REQUEST, { input: { email: a.owner.email } }, undefined, "192.0.2.70");
    expect(unknown).toEqual(known);
    const mail = await inbox.waitFor((m) => m.to.includes(a.owner.email) && /reset-password\//.test(mailText(m)));
    expect(mailText(mail)).toMatch(/Чтобы задать новый пароль/);
    const token = /reset-password\/([A-Za-z0-9_-]+)/.exec(mailText(mail))![1];
    const { rows } = await db.sql.query<{ token_hash: string }>(
      "SELECT token_hash FROM password_resets WHERE user_id = $1::uuid",
      [a.owner.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).not.toContain(token);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);

    const weak = await call(RESET, { input: { token, password: "aaaaaaaa" } });
    expect(weak.errors?.[0].extensions.code).toBe("BAD_USER_INPUT");
    const ok = await call(RESET, { input: { token, password: "new violet harbour 77" } });
    expect(ok.data?.resetPassword.ok).toBe(true);
    expect((await call(VIEWER, {}, other)).data.viewer).toBeNull();
    const again = await call(RESET, { input: { token, password: "another violet harbour 78" } });
    expect(again.errors?.[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(
      (await call(LOGIN, { input: { email: a.owner.email, password: a.password } }, undefined, "192.0.2.71"))
        .errors?.[0].extensions.code,
    ).toBe("UNAUTHENTICATED");
    expect(
      (
        await call(
          LOGIN,
          { input: { email: a.owner.email, password: "new violet harbour 77" } },
          undefined,
          "192.0.2.71",
        )
      ).errors,
    ).toBeUndefined();
    const { rows: log } = await db.sql.query<{ action: string }>(
      "SELECT action FROM account_events WHERE user_id = $1::uuid",
      [a.owner.id],
    );
    expect(log.map((r) => r.action)).toEqual(
      expect.arrayContaining(["password.resetRequested", "password.reset", "session.revokedAll"]),
    );
  });

  it("an expired link is refused; requests are throttled per address", async () => {
    const a = await createWorkspaceWithOwner(db);
    await call(REQUEST, { input: { email: a.owner.email } }, undefined, "192.0.2.80");
    const mail = await inbox.waitFor((m) => m.to.includes(a.owner.email));
    const token = /reset-password\/([A-Za-z0-9_-]+)/.exec(mailText(mail))![1];
    await db.sql.query("UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE user_id = $1::uuid", [
      a.owner.id,
    ]);
    expect(
      (await call(RESET, { input: { token, password: "new violet harbour 77" } })).errors?.[0].extensions.code,
    ).toBe("BAD_USER_INPUT");
    const codes: string[] = [];
    for (let i = 0; i < 3; i++)
      codes.push(
        (await call(REQUEST, { input: { email: a.owner.email } }, undefined, `192.0.2.${90 + i}`)).errors?.[0]
          ?.extensions.code ?? "OK",
      );
    expect(codes).toEqual(["OK", "OK", "RATE_LIMITED"]);
  });
});
