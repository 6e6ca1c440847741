import "server-only";
import type { Invite } from "@/generated/prisma/client";
import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { withTenant } from "@/lib/tenancy/with-tenant";

/**
 * Revokes an invite so its link stops working. Revoking twice is harmless; a used invite
 * cannot be revoked (remove the member instead). The caller has checked invite.manage.
 */
export async function revokeInvite(
  db: Database,
  { workspaceId, actor, inviteId }: { workspaceId: string; actor: Actor; inviteId: string },
): Promise<Invite> {
  return withTenant(db, { workspaceId }, async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM invites WHERE workspace_id = ${workspaceId}::uuid AND id = ${inviteId}::uuid FOR UPDATE`;
    if (!row) throw AppError.notFound("Invite not found");
    const invite = await tx.invite.findFirstOrThrow({ where: { workspaceId, id: inviteId } });
    if (invite.acceptedAt) throw AppError.badInput(["inviteId"], "INVITE_ALREADY_USED");
    if (invite.revokedAt) return invite;
    const revoked = await tx.invite.update({ where: { id: inviteId }, data: { revokedAt: new Date() } });
    await recordAuditEvent(tx, {
      workspaceId,
      actor,
      action: "invite.revoked",
      targetType: "invite",
      targetId: inviteId,
      data: { email: invite.email, role: invite.role },
    });
    return revoked;
  });
}
