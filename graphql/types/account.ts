import type { User } from "@/generated/prisma/client";
import { type VisibleUser, findVisibleUser } from "@/lib/members/find-visible-user";
import { UUID } from "@/lib/uuid";
import { listUserWorkspaces } from "@/lib/workspaces/list-user-workspaces";
import { emailSchema, passwordFieldSchema, personNameSchema } from "@/lib/accounts/account-rules";
import { changePassword } from "@/lib/accounts/change-password";
import { logoutEverywhere } from "@/lib/accounts/logout-everywhere";
import { type SignUpResult, signUp } from "@/lib/accounts/sign-up";
import { clearSessionCookieHeader, encodeSessionToken, sessionCookieHeader } from "@/lib/auth/session-cookie";
import { throttleClient } from "@/lib/auth/throttle-client";
import { verifyLogin } from "@/lib/auth/verify-login";
import { createSession } from "@/lib/sessions/create-session";
import { revokeSession } from "@/lib/sessions/revoke-session";
import { signUpWithInvite } from "@/lib/invites/sign-up-with-invite";
import { currencySchema, localeSchema, timeZoneSchema, workspaceNameSchema } from "@/lib/workspaces/workspace-settings";
import { builder } from "../builder";
import type { GraphQLContext } from "../context";
import { underInput } from "../input-errors";
import { WorkspaceRef } from "./workspace";

/**
 * A person, and a relay Node whose id is the bare user UUID (see graphql/builder.ts: User.id
 * keeps the value it always had). node(id:) finds a user only for a caller who may read the
 * members of a workspace the user belongs to (or the user themselves); anyone else gets null,
 * as for an id that does not exist — users are global rows, and a lookup must not let anyone
 * probe for accounts.
 */
export const UserRef = builder.node(builder.objectRef<VisibleUser>("User"), {
  description: "A person with an account. Visible to themselves and to members of a workspace they share.",
  id: { resolve: (u) => u.id, description: "The user's id (a UUID; also their global id for `node(id:)`)." },
  loadOne: async (id, ctx) => findUserNode(ctx, id),
  fields: (t) => ({
    email: t.exposeString("email", { description: "The person's e-mail address (their login)." }),
    name: t.exposeString("name", { description: "The person's name." }),
    locale: t.exposeString("locale", { description: "The person's language: ru or en." }),
    createdAt: t.expose("createdAt", { description: "When the account was created.", type: "DateTime" }),
  }),
});

/** node(id:) of a User: see UserRef. */
async function findUserNode(ctx: GraphQLContext, userId: string): Promise<VisibleUser | null> {
  if (!UUID.test(userId)) return null;
  const viewer = ctx.viewer;
  if (viewer?.kind === "user" && viewer.userId === userId) {
    return ctx.db.prisma.user.findUnique({
      where: { id: userId },
      select: { id: true, email: true, name: true, locale: true, createdAt: true },
    });
  }
  let candidates: string[] = [];
  if (viewer?.kind === "user") {
    const mine = await listUserWorkspaces(ctx.db, { userId: viewer.userId });
    for (const { workspace, role } of mine) ctx.knowMembership(workspace, role);
    candidates = mine.map((m) => m.workspace.id);
  } else if (viewer?.kind === "apiKey") {
    candidates = [viewer.workspaceId];
  }
  const readable: string[] = [];
  for (const workspaceId of candidates)
    if ((await ctx.access(workspaceId))?.permissions.has("member.read")) readable.push(workspaceId);
  return findVisibleUser(ctx.db, { userId, workspaceIds: readable });
}

/**
 * Starts a server-side session (lib/sessions) and issues its cookie (the same one next-auth's
 * login sets) for this response.
 */
export async function startSession(
  ctx: GraphQLContext,
  user: Pick<User, "id" | "email" | "name" | "sessionVersion">,
  reason: "signIn" | "signUp" | "passwordChanged" = "signIn",
): Promise<void> {
  const session = await createSession(ctx.db, {
    userId: user.id,
    userAgent: ctx.meta.userAgent,
    ip: ctx.meta.ip,
    reason,
  });
  const token = await encodeSessionToken({
    sub: user.id,
    sv: user.sessionVersion,
    sid: session.id,
    email: user.email,
    name: user.name,
  });
  ctx.responseCookies.push(sessionCookieHeader(token, ctx.meta.secure));
}

const SignUpInput = builder.inputType("SignUpInput", {
  description: "A new account with its first workspace (SPEC §9.1).",
  fields: (t) => ({
    email: t.string({
      description: "The account's e-mail address (also the login).",
      required: true,
      validate: emailSchema,
    }),
    password: t.string({
      description: "The password (checked for length and strength).",
      required: true,
      validate: passwordFieldSchema,
    }),
    name: t.string({
      description: "The person's name as other members see it.",
      required: true,
      validate: personNameSchema,
    }),
    workspaceName: t.string({
      description: "The name of the workspace created with the account.",
      required: true,
      validate: workspaceNameSchema,
    }),
    currency: t.string({ description: "ISO 4217; default RUB for locale ru, else USD.", validate: currencySchema }),
    timeZone: t.string({ description: "IANA time zone; default UTC.", validate: timeZoneSchema }),
    locale: t.string({ description: '"ru" or "en" (default).', validate: localeSchema }),
  }),
});

export const SignUpPayload = builder.objectRef<SignUpResult>("SignUpPayload").implement({
  description: "The new account and its workspace; the session cookie is set on the response.",
  fields: (t) => ({
    user: t.field({ description: "The new user.", type: UserRef, resolve: (p) => p.user }),
    workspace: t.field({
      description: "The new workspace, with the default KPI tree and role scorecards.",
      type: WorkspaceRef,
      resolve: (p) => p.workspace,
    }),
  }),
});

builder.mutationField("signUp", (t) =>
  t.field({
    type: SignUpPayload,
    description: "Public: creates the user, the workspace (with its defaults) and starts a session (SPEC §9.1).",
    args: { input: t.arg({ description: "The account and its first workspace.", type: SignUpInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      await throttleClient(ctx.db, { action: "signUp", ip: ctx.meta.ip });
      const result = await underInput(() => signUp(ctx.db, { ...input, baseUrl: ctx.meta.baseUrl }));
      await startSession(ctx, result.user, "signUp");
      return result;
    },
  }),
);

const SignUpWithInviteInput = builder.inputType("SignUpWithInviteInput", {
  description: "A new account created through an invitation link (joins that workspace instead of creating one).",
  fields: (t) => ({
    token: t.string({
      description: "The token from the invitation link; the invitation's e-mail becomes the login.",
      required: true,
    }),
    name: t.string({
      description: "The person's name as other members see it.",
      required: true,
      validate: personNameSchema,
    }),
    password: t.string({
      description: "The password (checked for length and strength).",
      required: true,
      validate: passwordFieldSchema,
    }),
    email: t.string({ description: "Optional; must be the invite's address when given.", validate: emailSchema }),
  }),
});

builder.mutationField("signUpWithInvite", (t) =>
  t.field({
    type: SignUpPayload,
    description:
      "Public: a new person creates an account from an invite link, joins the workspace and starts a session.",
    args: {
      input: t.arg({
        description: "The account and the invitation it accepts.",
        type: SignUpWithInviteInput,
        required: true,
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      const attempt = await throttleClient(ctx.db, { action: "invite", ip: ctx.meta.ip });
      const result = await underInput(() => signUpWithInvite(ctx.db, input));
      await attempt.succeeded();
      await startSession(ctx, result.user, "signUp");
      return result;
    },
  }),
);

const LoginInput = builder.inputType("LoginInput", {
  description: "E-mail and password of an account.",
  fields: (t) => ({
    email: t.string({ description: "The account's e-mail address.", required: true }),
    password: t.string({ description: "The account's password.", required: true }),
  }),
});

const UserPayload = builder.objectRef<{ user: User }>("UserPayload").implement({
  description: "An account after a change.",
  fields: (t) => ({ user: t.field({ description: "The user.", type: UserRef, resolve: (p) => p.user }) }),
});

builder.mutationField("login", (t) =>
  t.field({
    type: UserPayload,
    description:
      "Public: signs in with e-mail and password and sets the session cookie. Throttled per account and per IP.",
    args: { input: t.arg({ description: "E-mail and password.", type: LoginInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const user = await verifyLogin(ctx.db, { email: input.email, password: input.password, ip: ctx.meta.ip });
      await startSession(ctx, user);
      return { user };
    },
  }),
);

const OkPayload = builder.objectRef<{ ok: boolean }>("OkPayload").implement({
  description: "The outcome of an operation that returns nothing else.",
  fields: (t) => ({
    ok: t.exposeBoolean("ok", { description: "Always true when the operation succeeded (failures are errors)." }),
  }),
});

builder.mutationField("logout", (t) =>
  t.field({
    type: OkPayload,
    description:
      "Ends this browser's session on the server (a copied cookie stops working too) and clears the cookie. Other sessions stay; use logoutEverywhere or revokeSession for those.",
    resolve: async (_root, _args, ctx) => {
      const viewer = ctx.viewer;
      if (viewer?.kind === "user" && viewer.sessionId) {
        await revokeSession(ctx.db, { actorId: viewer.userId, sessionId: viewer.sessionId, ip: ctx.meta.ip }).catch(
          () => undefined,
        );
      }
      ctx.responseCookies.push(clearSessionCookieHeader());
      return { ok: true };
    },
  }),
);

builder.mutationField("logoutEverywhere", (t) =>
  t.field({
    type: OkPayload,
    description: "Ends every session of the signed-in user, in every browser (this one included).",
    authScopes: { user: true },
    resolve: async (_root, _args, ctx) => {
      await logoutEverywhere(ctx.db, { actorId: ctx.requireUser().userId, ip: ctx.meta.ip });
      ctx.responseCookies.push(clearSessionCookieHeader());
      return { ok: true };
    },
  }),
);

const ChangePasswordInput = builder.inputType("ChangePasswordInput", {
  description: "The current password (proof of identity) and the new one.",
  fields: (t) => ({
    currentPassword: t.string({ description: "The password the account has now.", required: true }),
    newPassword: t.string({
      description: "The new password (checked for length and strength).",
      required: true,
      validate: passwordFieldSchema,
    }),
  }),
});

builder.mutationField("changePassword", (t) =>
  t.field({
    type: UserPayload,
    description: "Changes the password; every other session ends, this browser gets a fresh cookie.",
    authScopes: { user: true },
    args: {
      input: t.arg({ description: "The current and the new password.", type: ChangePasswordInput, required: true }),
    },
    resolve: async (_root, { input }, ctx) => {
      const user = await underInput(() =>
        changePassword(ctx.db, { actorId: ctx.requireUser().userId, ip: ctx.meta.ip, ...input }),
      );
      await startSession(ctx, user, "passwordChanged");
      return { user };
    },
  }),
);
