import { encodeGlobalID } from "@pothos/plugin-relay";
import { actorOf } from "@/lib/audit/actor";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { findMember } from "@/lib/members/find-member";
import { leaveWorkspace } from "@/lib/members/leave-workspace";
import { listMembers } from "@/lib/members/list-members";
import type { MemberRow } from "@/lib/members/member-row";
import { removeMember } from "@/lib/members/remove-member";
import { builder } from "../builder";
import { accessIn, inWorkspace, onWorkspace } from "../authz";
import { resolveCountedConnection } from "../connections";
import { parseTenantNodeId, parseWorkspaceId, tenantNodeId } from "../ids";
import { parseTenantNodeInput, underInput } from "../input-errors";
import { UserRef } from "./account";
import { WorkspaceRef, WorkspaceRoleEnum } from "./workspace";

/** A person's membership of a workspace (tenant node "<workspaceId>.<membershipId>"). */
export const MemberRef = builder.node(builder.objectRef<MemberRow>("Member"), {
  description: "A person's membership of a workspace.",
  id: { resolve: (m) => tenantNodeId(m.workspaceId, m.id) },
  loadOne: async (id, ctx) => {
    const parsed = parseTenantNodeId(id);
    if (!parsed || !(await ctx.access(parsed.workspaceId))?.permissions.has("member.read")) return null;
    return findMember(ctx.db, { workspaceId: parsed.workspaceId, memberId: parsed.rowId });
  },
  fields: (t) => ({
    user: t.field({ description: "The person.", type: UserRef, resolve: (m) => m.user }),
    role: t.field({
      description: "Their role in this workspace (what they may see and do).",
      type: WorkspaceRoleEnum,
      resolve: (m) => m.role as never,
    }),
    joinedAt: t.expose("createdAt", { description: "When they joined.", type: "DateTime" }),
  }),
});

builder.objectField(WorkspaceRef, "members", (t) =>
  t.connection({
    type: MemberRef,
    nullable: true,
    description: "People in the workspace, oldest first (member.read).",
    authScopes: onWorkspace("member.read"),
    resolve: (ws, args, ctx, info) =>
      resolveCountedConnection(args, info, (page) => listMembers(ctx.db, { workspaceId: ws.id, ...page })),
  }),
);

const MemberPayload = builder.objectRef<{ member: MemberRow }>("MemberPayload").implement({
  description: "A membership after a change.",
  fields: (t) => ({ member: t.field({ description: "The membership.", type: MemberRef, resolve: (p) => p.member }) }),
});

const ChangeMemberRoleInput = builder.inputType("ChangeMemberRoleInput", {
  description: "A member and the role they should hold.",
  fields: (t) => ({
    memberId: t.id({ description: "The Member's global id.", required: true }),
    role: t.field({
      description: "The new role. The last OWNER cannot be demoted.",
      type: WorkspaceRoleEnum,
      required: true,
    }),
  }),
});

builder.mutationField("changeMemberRole", (t) =>
  t.field({
    type: MemberPayload,
    description:
      "Gives a member another role (member.manage; OWNER in or out needs owner.manage; one owner always stays).",
    args: {
      input: t.arg({ description: "The member and their new role.", type: ChangeMemberRoleInput, required: true }),
    },
    authScopes: inWorkspace(
      "member.manage",
      (_root, { input }) => parseTenantNodeInput(String(input.memberId), "Member", ["input", "memberId"]).workspaceId,
    ),
    resolve: async (_root, { input }, ctx) => {
      const { workspaceId, rowId } = parseTenantNodeInput(String(input.memberId), "Member", ["input", "memberId"]);
      const access = await accessIn(ctx, workspaceId);
      const member = await underInput(() =>
        changeMemberRole(ctx.db, {
          workspaceId,
          actor: actorOf(ctx.viewer!),
          canManageOwners: access.permissions.has("owner.manage"),
          memberId: rowId,
          role: input.role,
        }),
      );
      // The caller may have changed their own role: later fields of the operation re-read it.
      ctx.forgetAccess(workspaceId);
      return { member };
    },
  }),
);

const RemoveMemberInput = builder.inputType("RemoveMemberInput", {
  description: "The member to remove from the workspace.",
  fields: (t) => ({ memberId: t.id({ description: "The Member's global id.", required: true }) }),
});

builder.mutationField("removeMember", (t) =>
  t.field({
    type: MemberPayload,
    description:
      "Removes a member from the workspace (member.manage; an owner needs owner.manage; one owner always stays). Returns the removed membership.",
    args: { input: t.arg({ description: "The member to remove.", type: RemoveMemberInput, required: true }) },
    authScopes: inWorkspace(
      "member.manage",
      (_root, { input }) => parseTenantNodeInput(String(input.memberId), "Member", ["input", "memberId"]).workspaceId,
    ),
    resolve: async (_root, { input }, ctx) => {
      const { workspaceId, rowId } = parseTenantNodeInput(String(input.memberId), "Member", ["input", "memberId"]);
      const access = await accessIn(ctx, workspaceId);
      const member = await underInput(() =>
        removeMember(ctx.db, {
          workspaceId,
          actor: actorOf(ctx.viewer!),
          canManageOwners: access.permissions.has("owner.manage"),
          memberId: rowId,
        }),
      );
      ctx.forgetAccess(workspaceId);
      return { member };
    },
  }),
);

const LeaveWorkspacePayload = builder.objectRef<{ workspaceId: string }>("LeaveWorkspacePayload").implement({
  description: "The result of leaving a workspace.",
  fields: (t) => ({
    workspaceId: t.id({
      description: "Global id of the workspace left; it no longer appears in viewer.workspaces.",
      resolve: (p) => encodeGlobalID("Workspace", p.workspaceId),
    }),
  }),
});

builder.mutationField("leaveWorkspace", (t) =>
  t.field({
    type: LeaveWorkspacePayload,
    description:
      "Removes the signed-in user's own membership (any role; not API keys). The last owner cannot leave (BAD_USER_INPUT on workspaceId): make another member an owner first. Recorded as member.left.",
    args: { workspaceId: t.arg.id({ description: "The workspace to leave (global id or UUID).", required: true }) },
    authScopes: inWorkspace("workspace.read", (_root, args) =>
      parseWorkspaceId(String(args.workspaceId), ["workspaceId"]),
    ),
    resolve: async (_root, args, ctx) => {
      const viewer = ctx.requireUser();
      const workspaceId = parseWorkspaceId(String(args.workspaceId), ["workspaceId"]);
      await leaveWorkspace(ctx.db, { workspaceId, userId: viewer.userId });
      ctx.forgetAccess(workspaceId);
      return { workspaceId };
    },
  }),
);
