import "server-only";
import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { OWNER_ONLY } from "./change-member-role";
import { lockOwners } from "./lock-owners";
import { MEMBER_INCLUDE, type MemberRow } from "./member-row";

/**
 * Removes a member from a workspace (their account stays). The caller has checked
 * member.manage; removing an owner needs owner.manage, and the last owner cannot go.
 */
export async function removeMember(
  db: Database,
  {
    workspaceId,
    actor,
    canManageOwners,
    memberId,
  }: { workspaceId: string; actor: Actor; canManageOwners: boolean; memberId: string },
): Promise<MemberRow> {
  return withTenant(db, { workspaceId }, async (tx) => {
    const owners = await lockOwners(tx, workspaceId);
    const member = await tx.membership.findFirst({ where: { workspaceId, id: memberId }, include: MEMBER_INCLUDE });
    if (!member) throw AppError.notFound("Member not found");
    if (member.role === "OWNER") {
      if (!canManageOwners) throw new AppError("FORBIDDEN", OWNER_ONLY);
      if (owners.filter((id) => id !== member.id).length === 0) throw AppError.badInput(["memberId"], "LAST_OWNER");
    }
    await tx.membership.deleteMany({ where: { workspaceId, id: member.id } });
    await recordAuditEvent(tx, {
      workspaceId,
      actor,
      action: "member.removed",
      targetType: "member",
      targetId: member.id,
      data: { userId: member.userId, email: member.user.email, role: member.role },
    });
    return member;
  });
}
