import type { Invite } from "@/generated/prisma/client";
import { emailSchema } from "@/lib/accounts/account-rules";
import { actorOf } from "@/lib/audit/actor";
import { acceptInvite } from "@/lib/invites/accept-invite";
import { throttleClient } from "@/lib/auth/throttle-client";
import { createInvite } from "@/lib/invites/create-invite";
import { findInvitationByToken, type Invitation } from "@/lib/invites/find-invitation-by-token";
import { findInviteById } from "@/lib/invites/find-invite-by-id";
import { INVITE_STATES, inviteState } from "@/lib/invites/invite-state";
import { listInvites } from "@/lib/invites/list-invites";
import { revokeInvite } from "@/lib/invites/revoke-invite";
import { builder } from "../builder";
import { accessIn, inWorkspace, onWorkspace } from "../authz";
import { resolveCountedConnection } from "../connections";
import { parseTenantNodeId, parseWorkspaceId, tenantNodeId } from "../ids";
import { parseTenantNodeInput, underInput } from "../input-errors";
import { WorkspaceRef, WorkspaceRoleEnum } from "./workspace";
import type { Workspace } from "@/generated/prisma/client";

export const InviteStateEnum = builder.enumType("InviteState", {
  description: "Where an invitation stands.",
  values: {
    ACCEPTED: { description: "Someone accepted it; the link no longer works." },
    EXPIRED: { description: "Its expiry passed before anyone accepted it." },
    PENDING: { description: "Sent and still acceptable." },
    REVOKED: { description: "A member withdrew it." },
  } satisfies Record<(typeof INVITE_STATES)[number], { description: string }>,
});

/** An invitation to join a workspace (tenant node). The token is never readable again. */
export const InviteRef = builder.node(builder.objectRef<Invite>("Invite"), {
  description: "An invitation to a workspace, as its members see it.",
  id: { resolve: (i) => tenantNodeId(i.workspaceId, i.id) },
  loadOne: async (id, ctx) => {
    const parsed = parseTenantNodeId(id);
    if (!parsed || !(await ctx.access(parsed.workspaceId))?.permissions.has("invite.manage")) return null;
    return findInviteById(ctx.db, { workspaceId: parsed.workspaceId, inviteId: parsed.rowId });
  },
  fields: (t) => ({
    email: t.exposeString("email", { description: "The invitee's e-mail address." }),
    role: t.field({
      description: "The role accepting grants.",
      type: WorkspaceRoleEnum,
      resolve: (i) => i.role as never,
    }),
    state: t.field({
      description: "Pending, accepted, revoked or expired.",
      type: InviteStateEnum,
      resolve: (i) => inviteState(i),
    }),
    expiresAt: t.expose("expiresAt", { description: "When the link stops working.", type: "DateTime" }),
    acceptedAt: t.expose("acceptedAt", {
      description: "When it was accepted; null otherwise.",
      type: "DateTime",
      nullable: true,
    }),
    revokedAt: t.expose("revokedAt", {
      description: "When a member revoked it; null otherwise.",
      type: "DateTime",
      nullable: true,
    }),
    createdAt: t.expose("createdAt", { description: "When it was sent.", type: "DateTime" }),
  }),
});

builder.objectField(WorkspaceRef, "invites", (t) =>
  t.connection({
    type: InviteRef,
    nullable: true,
    description: "Invitations, newest first, in every state (invite.manage).",
    authScopes: onWorkspace("invite.manage"),
    resolve: (ws, args, ctx, info) =>
      resolveCountedConnection(args, info, (page) => listInvites(ctx.db, { workspaceId: ws.id, ...page })),
  }),
);

const CreateInviteInput = builder.inputType("CreateInviteInput", {
  description: "Who to invite to a workspace, and with which role.",
  fields: (t) => ({
    workspaceId: t.id({ description: "The workspace to invite into (global id or UUID).", required: true }),
    email: t.string({
      description: "The invitee's e-mail address; the invitation is sent there.",
      required: true,
      validate: emailSchema,
    }),
    role: t.field({ description: "The role the invitee gets on accepting.", type: WorkspaceRoleEnum, required: true }),
  }),
});

const CreateInvitePayload = builder
  .objectRef<{ invite: Invite; inviteUrl: string; emailSent: boolean }>("CreateInvitePayload")
  .implement({
    description: "A new invitation; the link is e-mailed, never returned.",
    fields: (t) => ({
      invite: t.field({
        description: "The invitation as the workspace sees it.",
        type: InviteRef,
        resolve: (p) => p.invite,
      }),
      inviteUrl: t.exposeString("inviteUrl", {
        description: "The single-use link; shown to the inviter now, never again.",
      }),
      emailSent: t.exposeBoolean("emailSent", {
        description: "Whether the invitation was e-mailed (SMTP_URL set and accepted).",
      }),
    }),
  });

builder.mutationField("createInvite", (t) =>
  t.field({
    type: CreateInvitePayload,
    description:
      "Invites a person by e-mail with a role (invite.manage, signed-in user; OWNER invites need owner.manage). Expires in 7 days.",
    args: {
      input: t.arg({ description: "Who to invite, and with which role.", type: CreateInviteInput, required: true }),
    },
    authScopes: inWorkspace("invite.manage", (_root, { input }) =>
      parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]),
    ),
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]);
      const access = await accessIn(ctx, workspaceId);
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
  description: "An invitation after a change.",
  fields: (t) => ({ invite: t.field({ description: "The invitation.", type: InviteRef, resolve: (p) => p.invite }) }),
});

const RevokeInviteInput = builder.inputType("RevokeInviteInput", {
  description: "The invitation to withdraw.",
  fields: (t) => ({ inviteId: t.id({ description: "The Invite's global id.", required: true }) }),
});

builder.mutationField("revokeInvite", (t) =>
  t.field({
    type: InvitePayload,
    description: "Revokes a pending invitation (invite.manage).",
    args: { input: t.arg({ description: "The invitation to withdraw.", type: RevokeInviteInput, required: true }) },
    authScopes: inWorkspace(
      "invite.manage",
      (_root, { input }) => parseTenantNodeInput(String(input.inviteId), "Invite", ["input", "inviteId"]).workspaceId,
    ),
    resolve: async (_root, { input }, ctx) => {
      const { workspaceId, rowId } = parseTenantNodeInput(String(input.inviteId), "Invite", ["input", "inviteId"]);
      const invite = await underInput(() =>
        revokeInvite(ctx.db, { workspaceId, actor: actorOf(ctx.viewer!), inviteId: rowId }),
      );
      return { invite };
    },
  }),
);

/** What an invite link shows before it is accepted: public, found by the token alone. */
const InvitationRef = builder.objectRef<Invitation>("Invitation").implement({
  description: "An invitation as its recipient sees it through the link (before accepting).",
  fields: (t) => ({
    workspaceName: t.exposeString("workspaceName", { description: "The name of the workspace the invitation is for." }),
    email: t.exposeString("email", { description: "The address the invitation was sent to." }),
    role: t.field({
      description: "The role accepting grants.",
      type: WorkspaceRoleEnum,
      resolve: (i) => i.role as never,
    }),
    state: t.field({
      description: "Whether the invitation can still be accepted.",
      type: InviteStateEnum,
      resolve: (i) => i.state,
    }),
    expiresAt: t.expose("expiresAt", { description: "When the link stops working.", type: "DateTime" }),
  }),
});

builder.queryField("invitation", (t) =>
  t.field({
    type: InvitationRef,
    nullable: true,
    description: "Public: the invitation behind a link's token; null for an unknown token.",
    args: { token: t.arg.string({ description: "The token from the invitation link.", required: true }) },
    resolve: (_root, { token }, ctx) => findInvitationByToken(ctx.db, { token }),
  }),
);

const AcceptInviteInput = builder.inputType("AcceptInviteInput", {
  description: "An invitation to accept as the signed-in user.",
  fields: (t) => ({ token: t.string({ description: "The token from the invitation link.", required: true }) }),
});

const AcceptInvitePayload = builder.objectRef<{ workspace: Workspace; role: string }>("AcceptInvitePayload").implement({
  description: "The membership an accepted invitation created.",
  fields: (t) => ({
    workspace: t.field({
      description: "The workspace the caller has joined.",
      type: WorkspaceRef,
      resolve: (p) => p.workspace,
    }),
    role: t.field({
      description: "The role the invitation granted in the workspace.",
      type: WorkspaceRoleEnum,
      resolve: (p) => p.role as never,
    }),
  }),
});

builder.mutationField("acceptInvite", (t) =>
  t.field({
    type: AcceptInvitePayload,
    description: "The signed-in user joins the workspace of an invitation addressed to their e-mail. Single use.",
    authScopes: { user: true },
    args: { input: t.arg({ description: "The invitation to accept.", type: AcceptInviteInput, required: true }) },
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
