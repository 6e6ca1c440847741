import { z } from "zod";
import { listAccountEvents, type AccountEventRow } from "@/lib/sessions/list-account-events";
import { listSessions, type SessionRow } from "@/lib/sessions/list-sessions";
import { requestPasswordReset } from "@/lib/sessions/request-password-reset";
import { resetPassword } from "@/lib/sessions/reset-password";
import { revokeSession } from "@/lib/sessions/revoke-session";
import { UUID } from "@/lib/uuid";
import { AppError } from "@/lib/errors/app-error";
import { builder } from "../builder";
import { underInput } from "../input-errors";
import { ViewerRef } from "./viewer";

/** Sessions, the account security log and password reset (issue 16). */
const SessionRef = builder.objectRef<SessionRow & { current: boolean }>("Session").implement({
  description: "One signed-in browser of the viewer (a server-side session).",
  fields: (t) => ({
    id: t.exposeID("id", { description: "Pass to revokeSession to sign that browser out." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the person signed in there." }),
    lastSeenAt: t.expose("lastSeenAt", { type: "DateTime", description: "Its latest request (to the minute)." }),
    expiresAt: t.expose("expiresAt", {
      type: "DateTime",
      description: "When it ends at the latest (absolute lifetime).",
    }),
    userAgent: t.exposeString("userAgent", { description: "The browser's User-Agent at sign-in." }),
    ip: t.exposeString("ip", { nullable: true, description: "The client address at sign-in." }),
    current: t.exposeBoolean("current", { description: "This is the browser making the request." }),
  }),
});

const AccountEventRef = builder.objectRef<AccountEventRow>("AccountEvent").implement({
  description: "An entry of the viewer's account security log.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "The entry's id." }),
    action: t.exposeString("action", {
      description:
        "signIn, signIn.throttled, session.revoked, session.revokedAll, password.changed, password.resetRequested or password.reset.",
    }),
    ip: t.exposeString("ip", { nullable: true, description: "The client address." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it happened." }),
  }),
});

builder.objectField(ViewerRef, "sessions", (t) =>
  t.field({
    type: [SessionRef],
    description: "The viewer's live sessions, most recently used first (empty for an API key).",
    resolve: async (v, _args, ctx) => {
      if (v.kind !== "user") return [];
      const rows = await listSessions(ctx.db, { actorId: v.userId });
      return rows.map((r) => ({ ...r, current: r.id === v.sessionId }));
    },
  }),
);

builder.objectField(ViewerRef, "securityEvents", (t) =>
  t.field({
    type: [AccountEventRef],
    description: "The latest entries of the viewer's account security log, newest first (empty for an API key).",
    args: { first: t.arg.int({ description: "How many (1–100, default 20)." }) },
    resolve: (v, args, ctx) =>
      v.kind === "user" ? listAccountEvents(ctx.db, { actorId: v.userId, first: args.first ?? 20 }) : [],
  }),
);

const OkRef = builder.objectRef<{ ok: boolean }>("SessionOkPayload").implement({
  description: "The outcome of a session or password-reset mutation.",
  fields: (t) => ({ ok: t.exposeBoolean("ok", { description: "Always true when there is no error." }) }),
});

builder.mutationField("revokeSession", (t) =>
  t.field({
    type: OkRef,
    description:
      "Signs one of the viewer's browsers out (\"sign out this device\"). Another person's session is NOT_FOUND.",
    authScopes: { user: true },
    args: { id: t.arg.id({ required: true, description: "Session.id" }) },
    resolve: async (_root, args, ctx) => {
      const viewer = ctx.requireUser();
      const id = String(args.id);
      if (!UUID.test(id)) throw AppError.notFound("Session not found");
      await revokeSession(ctx.db, { actorId: viewer.userId, sessionId: id, ip: ctx.meta.ip });
      return { ok: true };
    },
  }),
);

const RequestPasswordResetInput = builder.inputType("RequestPasswordResetInput", {
  description: "The e-mail address of the account whose password was forgotten.",
  fields: (t) => ({
    email: t.string({ required: true, description: "The account's e-mail.", validate: z.string().max(320) }),
  }),
});

builder.mutationField("requestPasswordReset", (t) =>
  t.field({
    type: OkRef,
    description:
      "Public: e-mails a single-use reset link valid for an hour when the address has an account. Answers the same either way; throttled per address and per client.",
    args: {
      input: t.arg({
        description: "The address to send the reset link to.",
        type: RequestPasswordResetInput,
        required: true,
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      await requestPasswordReset(ctx.db, { email: input.email, ip: ctx.meta.ip, baseUrl: ctx.meta.baseUrl });
      return { ok: true };
    },
  }),
);

const ResetPasswordInput = builder.inputType("ResetPasswordInput", {
  description: "A reset link's token and the new password.",
  fields: (t) => ({
    token: t.string({ required: true, description: "The token of the e-mailed link.", validate: z.string().max(200) }),
    password: t.string({
      required: true,
      description: "The new password (same rules as at sign-up).",
      validate: z.string().max(1024),
    }),
  }),
});

builder.mutationField("resetPassword", (t) =>
  t.field({
    type: OkRef,
    description:
      "Public: sets a new password with a reset token (single use) and ends every session of the account; sign in afterwards.",
    args: {
      input: t.arg({
        description: "The token from the e-mail and the new password.",
        type: ResetPasswordInput,
        required: true,
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      await underInput(() => resetPassword(ctx.db, { token: input.token, password: input.password, ip: ctx.meta.ip }));
      return { ok: true };
    },
  }),
);
