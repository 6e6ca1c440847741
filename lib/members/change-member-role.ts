import "server-only";
import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { WorkspaceRole } from "@/lib/permissions/roles";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { lockOwners } from "./lock-owners";
import { MEMBER_INCLUDE, type MemberRow } from "./member-row";

export const LAST_OWNER = "A workspace must keep at least one owner";
export const OWNER_ONLY = "Only an owner can grant or revoke the owner role";

/**
 * Gives a member another role. The caller has checked member.manage; granting or revoking
 * OWNER additionally needs owner.manage (`canManageOwners`), and the last owner cannot be
 * demoted (owners are locked first, see lockOwners).
 */
export async function changeMemberRole(
  db: Database,
  {
    workspaceId,
    actor,
    canManageOwners,
    memberId,
    role,
  }: {
    workspaceId: string;
    actor: Actor;
    canManageOwners: boolean;
    memberId: string;
    role: WorkspaceRole;
  },
): Promise<MemberRow> {
  return withTenant(db, { workspaceId }, async (tx) => {
    const owners = await lockOwners(tx, workspaceId);
    const member = await tx.membership.findFirst({ where: { workspaceId, id: memberId }, include: MEMBER_INCLUDE });
    if (!member) throw AppError.notFound("Member not found");
    if (member.role === role) return member;
    if ((member.role === "OWNER" || role === "OWNER") && !canManageOwners) throw new AppError("FORBIDDEN", OWNER_ONLY);
    if (member.role === "OWNER" && owners.filter((id) => id !== member.id).length === 0) {
      throw AppError.badInput(["role"], "LAST_OWNER");
    }
    const updated = await tx.membership.update({ where: { id: member.id }, data: { role }, include: MEMBER_INCLUDE });
    await recordAuditEvent(tx, {
      workspaceId,
      actor,
      action: "member.roleChanged",
      targetType: "member",
      targetId: member.id,
      data: { userId: member.userId, email: member.user.email, from: member.role, to: role },
    });
    return updated;
  });
}
