import type { Invite } from "@/generated/prisma/client";
import { emailSchema } from "@/lib/accounts/account-rules";
import { actorOf } from "@/lib/audit/actor";
import { acceptInvite } from "@/lib/invites/accept-invite";
import { throttleClient } from "@/lib/auth/throttle-client";
import { createInvite } from "@/lib/invites/create-invite";
import { findInvitation, type Invitation } from "@/lib/invites/find-invitation";
import { findInvite } from "@/lib/invites/find-invite";
import { INVITE_STATES, inviteState } from "@/lib/invites/invite-state";
import { listInvites } from "@/lib/invites/list-invites";
import { revokeInvite } from "@/lib/invites/revoke-invite";
import { builder } from "../builder";
import { resolveCountedConnection } from "../connections";
import { parseTenantNodeId, parseWorkspaceId, tenantNodeId } from "../ids";
import { parseTenantNodeInput, underInput } from "../input-errors";
import { WorkspaceRef, WorkspaceRoleEnum } from "./workspace";
import type { Workspace } from "@/generated/prisma/client";

export const InviteStateEnum = builder.enumType("InviteState", { values: INVITE_STATES });

/** An invitation to join a workspace (tenant node). The token is never readable again. */
export const InviteRef = builder.node(builder.objectRef<Invite>("Invite"), {
  id: { resolve: (i) => tenantNodeId(i.workspaceId, i.id) },
  loadOne: async (id, ctx) => {
    const parsed = parseTenantNodeId(id);
    if (!parsed || !(await ctx.access(parsed.workspaceId))?.permissions.has("invite.manage")) return null;
    return findInvite(ctx.db, { workspaceId: parsed.workspaceId, inviteId: parsed.rowId });
  },
  fields: (t) => ({
    email: t.exposeString("email"),
    role: t.field({ type: WorkspaceRoleEnum, resolve: (i) => i.role as never }),
    state: t.field({ type: InviteStateEnum, resolve: (i) => inviteState(i) }),
    expiresAt: t.expose("expiresAt", { type: "DateTime" }),
    acceptedAt: t.expose("acceptedAt", { type: "DateTime", nullable: true }),
    revokedAt: t.expose("revokedAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.objectField(WorkspaceRef, "invites", (t) =>
  t.connection({
    type: InviteRef,
    nullable: true,
    description: "Invitations, newest first, in every state (invite.manage).",
    authScopes: (ws) => ({ workspace: { workspaceId: ws.id, permission: "invite.manage" } }),
    resolve: (ws, args, ctx, info) =>
      resolveCountedConnection(args, info, (page) => listInvites(ctx.db, { workspaceId: ws.id, ...page })),
  }),
);

const CreateInviteInput = builder.inputType("CreateInviteInput", {
  fields: (t) => ({
    workspaceId: t.id({ required: true }),
    email: t.string({ required: true, validate: emailSchema }),
    role: t.field({ type: WorkspaceRoleEnum, required: true }),
  }),
});

const CreateInvitePayload = builder
  .objectRef<{ invite: Invite; inviteUrl: string; emailSent: boolean }>("CreateInvitePayload")
  .implement({
    fields: (t) => ({
      invite: t.field({ type: InviteRef, resolve: (p) => p.invite }),
      inviteUrl: t.exposeString("inviteUrl", { description: "The single-use link; shown to the inviter now, never again." }),
      emailSent: t.exposeBoolean("emailSent", { description: "Whether the invitation was e-mailed (SMTP_URL set and accepted)." }),
    }),
  });

builder.mutationField("createInvite", (t) =>
  t.field({
    type: CreateInvitePayload,
    description: "Invites a person by e-mail with a role (invite.manage, signed-in user; OWNER invites need owner.manage). Expires in 7 days.",
    args: { input: t.arg({ type: CreateInviteInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]);
      const access = await ctx.requirePermission(workspaceId, "invite.manage");
      // An invite records the person who sent it; keys cannot invite.
      const viewer = ctx.requireUser();
      return underInput(() =>
        createInvite(ctx.db, {
          workspaceId,
          actorId: viewer.userId,
          canManageOwners: access.permissions.has("owner.manage"),
          baseUrl: ctx.meta.baseUrl,
          email: input.email,
          role: input.role,
        }),
      );
    },
  }),
);

const InvitePayload = builder.objectRef<{ invite: Invite }>("InvitePayload").implement({
  fields: (t) => ({ invite: t.field({ type: InviteRef, resolve: (p) => p.invite }) }),
});

const RevokeInviteInput = builder.inputType("RevokeInviteInput", {
  fields: (t) => ({ inviteId: t.id({ required: true }) }),
});

builder.mutationField("revokeInvite", (t) =>
  t.field({
    type: InvitePayload,
    description: "Revokes a pending invitation (invite.manage).",
    args: { input: t.arg({ type: RevokeInviteInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { workspaceId, rowId } = parseTenantNodeInput(String(input.inviteId), "Invite", ["input", "inviteId"]);
      await ctx.requirePermission(workspaceId, "invite.manage");
      const invite = await underInput(() => revokeInvite(ctx.db, { workspaceId, actor: actorOf(ctx.viewer!), inviteId: rowId }));
      return { invite };
    },
  }),
);

/** What an invite link shows before it is accepted: public, found by the token alone. */
const InvitationRef = builder.objectRef<Invitation>("Invitation").implement({
  fields: (t) => ({
    workspaceName: t.exposeString("workspaceName"),
    email: t.exposeString("email"),
    role: t.field({ type: WorkspaceRoleEnum, resolve: (i) => i.role as never }),
    state: t.field({ type: InviteStateEnum, resolve: (i) => i.state }),
    expiresAt: t.expose("expiresAt", { type: "DateTime" }),
  }),
});

builder.queryField("invitation", (t) =>
  t.field({
    type: InvitationRef,
    nullable: true,
    description: "Public: the invitation behind a link's token; null for an unknown token.",
    args: { token: t.arg.string({ required: true }) },
    resolve: (_root, { token }, ctx) => findInvitation(ctx.db, { token }),
  }),
);

const AcceptInviteInput = builder.inputType("AcceptInviteInput", {
  fields: (t) => ({ token: t.string({ required: true }) }),
});

const AcceptInvitePayload = builder.objectRef<{ workspace: Workspace; role: string }>("AcceptInvitePayload").implement({
  fields: (t) => ({
    workspace: t.field({ type: WorkspaceRef, resolve: (p) => p.workspace }),
    role: t.field({ type: WorkspaceRoleEnum, resolve: (p) => p.role as never }),
  }),
});

builder.mutationField("acceptInvite", (t) =>
  t.field({
    type: AcceptInvitePayload,
    description: "The signed-in user joins the workspace of an invitation addressed to their e-mail. Single use.",
    authScopes: { user: true },
    args: { input: t.arg({ type: AcceptInviteInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const viewer = ctx.requireUser();
      const attempt = await throttleClient(ctx.db, { action: "invite", ip: ctx.meta.ip });
      const { workspace, membership } = await underInput(() =>
        acceptInvite(ctx.db, { actorId: viewer.userId, actorEmail: viewer.email, token: input.token }),
      );
      await attempt.succeeded();
      return { workspace, role: membership.role };
    },
  }),
);
