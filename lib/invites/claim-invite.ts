import "server-only";
import type { Membership, Workspace } from "@/generated/prisma/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors/app-error";
import type { Tx } from "@/lib/tenancy/with-tenant";
import type { Invitation } from "./find-invitation-by-token";
import { inviteState } from "./invite-state";

/** Refuses an invite that is not PENDING, with the reason, on the `token` field. */
export function assertInvitationUsable(invitation: Invitation | null): Invitation {
  if (!invitation) throw AppError.badInput(["token"], "INVITE_INVALID");
  if (invitation.state !== "PENDING") throw AppError.badInput(["token"], `INVITE_${invitation.state}`);
  return invitation;
}

/**
 * Uses an invite for `userId` inside the invite's tenant transaction: marks it accepted with
 * one conditional UPDATE (… WHERE accepted_at IS NULL AND revoked_at IS NULL AND not expired
 * RETURNING), so of two simultaneous accepts exactly one wins, then adds the membership.
 */
export async function claimInvite(
  tx: Tx,
  { invitation, userId }: { invitation: Invitation; userId: string },
): Promise<{ workspace: Workspace; membership: Membership }> {
  const { workspaceId, inviteId } = invitation;
  const alreadyMember = await tx.membership.findFirst({ where: { workspaceId, userId }, select: { id: true } });
  if (alreadyMember) throw AppError.badInput(["token"], "ALREADY_IN_WORKSPACE");
  const claimed = await tx.$queryRaw<{ role: string }[]>`
    UPDATE invites SET accepted_at = now(), accepted_user_id = ${userId}::uuid
    WHERE workspace_id = ${workspaceId}::uuid AND id = ${inviteId}::uuid
      AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
    RETURNING role`;
  if (claimed.length === 0) {
    // Lost a race, or the state changed since the lookup: say what it is now.
    const now = await tx.invite.findFirst({ where: { workspaceId, id: inviteId } });
    const state = now ? inviteState(now) : "REVOKED";
    throw AppError.badInput(["token"], state === "PENDING" ? "INVITE_INVALID" : `INVITE_${state}`);
  }
  const role = claimed[0].role;
  const membership = await tx.membership.create({ data: { workspaceId, userId, role } });
  const actor = { kind: "user", userId } as const;
  await recordAuditEvent(tx, {
    workspaceId,
    actor,
    action: "invite.accepted",
    targetType: "invite",
    targetId: inviteId,
    data: { email: invitation.email, role },
  });
  await recordAuditEvent(tx, {
    workspaceId,
    actor,
    action: "member.joined",
    targetType: "member",
    targetId: membership.id,
    data: { userId, role, via: "invite" },
  });
  const workspace = await tx.workspace.findFirstOrThrow({ where: { id: workspaceId } });
  return { workspace, membership };
}
