import type { User } from "@/generated/prisma/client";
import { emailSchema, passwordFieldSchema, personNameSchema } from "@/lib/accounts/account-rules";
import { changePassword } from "@/lib/accounts/change-password";
import { logoutEverywhere } from "@/lib/accounts/logout-everywhere";
import { type SignUpResult, signUp } from "@/lib/accounts/sign-up";
import {
  clearSessionCookieHeader,
  encodeSessionToken,
  sessionCookieHeader,
} from "@/lib/auth/session-cookie";
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
 * A person. Not a relay node: users are global rows, and a lookup by id would let anyone
 * probe for accounts; a user is reached through the viewer or a workspace's members.
 */
export const UserRef = builder.objectRef<Pick<User, "id" | "email" | "name" | "locale" | "createdAt">>("User").implement({
  fields: (t) => ({
    id: t.exposeID("id"),
    email: t.exposeString("email"),
    name: t.exposeString("name"),
    locale: t.exposeString("locale"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

/**
 * Starts a server-side session (lib/sessions) and issues its cookie (the same one next-auth's
 * login sets) for this response.
 */
export async function startSession(
  ctx: GraphQLContext,
  user: Pick<User, "id" | "email" | "name" | "sessionVersion">,
  reason: "signIn" | "signUp" | "passwordChanged" = "signIn",
): Promise<void> {
  const session = await createSession(ctx.db, { userId: user.id, userAgent: ctx.meta.userAgent, ip: ctx.meta.ip, reason });
  const token = await encodeSessionToken({ sub: user.id, sv: user.sessionVersion, sid: session.id, email: user.email, name: user.name });
  ctx.responseCookies.push(sessionCookieHeader(token, ctx.meta.secure));
}

const SignUpInput = builder.inputType("SignUpInput", {
  fields: (t) => ({
    email: t.string({ required: true, validate: emailSchema }),
    password: t.string({ required: true, validate: passwordFieldSchema }),
    name: t.string({ required: true, validate: personNameSchema }),
    workspaceName: t.string({ required: true, validate: workspaceNameSchema }),
    currency: t.string({ description: "ISO 4217; default RUB for locale ru, else USD.", validate: currencySchema }),
    timeZone: t.string({ description: "IANA time zone; default UTC.", validate: timeZoneSchema }),
    locale: t.string({ description: '"ru" or "en" (default).', validate: localeSchema }),
  }),
});

export const SignUpPayload = builder.objectRef<SignUpResult>("SignUpPayload").implement({
  fields: (t) => ({
    user: t.field({ type: UserRef, resolve: (p) => p.user }),
    workspace: t.field({ type: WorkspaceRef, resolve: (p) => p.workspace }),
  }),
});

builder.mutationField("signUp", (t) =>
  t.field({
    type: SignUpPayload,
    description: "Public: creates the user, the workspace (with its defaults) and starts a session (SPEC §9.1).",
    args: { input: t.arg({ type: SignUpInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      await throttleClient(ctx.db, { action: "signUp", ip: ctx.meta.ip });
      const result = await underInput(() => signUp(ctx.db, { ...input, baseUrl: ctx.meta.baseUrl }));
      await startSession(ctx, result.user, "signUp");
      return result;
    },
  }),
);

const SignUpWithInviteInput = builder.inputType("SignUpWithInviteInput", {
  fields: (t) => ({
    token: t.string({ required: true }),
    name: t.string({ required: true, validate: personNameSchema }),
    password: t.string({ required: true, validate: passwordFieldSchema }),
    email: t.string({ description: "Optional; must be the invite's address when given.", validate: emailSchema }),
  }),
});

builder.mutationField("signUpWithInvite", (t) =>
  t.field({
    type: SignUpPayload,
    description: "Public: a new person creates an account from an invite link, joins the workspace and starts a session.",
    args: { input: t.arg({ type: SignUpWithInviteInput, required: true }) },
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
  fields: (t) => ({
    email: t.string({ required: true }),
    password: t.string({ required: true }),
  }),
});

const UserPayload = builder.objectRef<{ user: User }>("UserPayload").implement({
  fields: (t) => ({ user: t.field({ type: UserRef, resolve: (p) => p.user }) }),
});

builder.mutationField("login", (t) =>
  t.field({
    type: UserPayload,
    description: "Public: signs in with e-mail and password and sets the session cookie. Throttled per account and per IP.",
    args: { input: t.arg({ type: LoginInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const user = await verifyLogin(ctx.db, { email: input.email, password: input.password, ip: ctx.meta.ip });
      await startSession(ctx, user);
      return { user };
    },
  }),
);

const OkPayload = builder.objectRef<{ ok: boolean }>("OkPayload").implement({
  fields: (t) => ({ ok: t.exposeBoolean("ok") }),
});

builder.mutationField("logout", (t) =>
  t.field({
    type: OkPayload,
    description: "Ends this browser's session on the server (a copied cookie stops working too) and clears the cookie. Other sessions stay; use logoutEverywhere or revokeSession for those.",
    resolve: async (_root, _args, ctx) => {
      const viewer = ctx.viewer;
      if (viewer?.kind === "user" && viewer.sessionId) {
        await revokeSession(ctx.db, { actorId: viewer.userId, sessionId: viewer.sessionId, ip: ctx.meta.ip }).catch(() => undefined);
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
  fields: (t) => ({
    currentPassword: t.string({ required: true }),
    newPassword: t.string({ required: true, validate: passwordFieldSchema }),
  }),
});

builder.mutationField("changePassword", (t) =>
  t.field({
    type: UserPayload,
    description: "Changes the password; every other session ends, this browser gets a fresh cookie.",
    authScopes: { user: true },
    args: { input: t.arg({ type: ChangePasswordInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const user = await underInput(() => changePassword(ctx.db, { actorId: ctx.requireUser().userId, ip: ctx.meta.ip, ...input }));
      await startSession(ctx, user, "passwordChanged");
      return { user };
    },
  }),
);
