import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { lockOwners } from "./lock-owners";
import { MEMBER_INCLUDE, type MemberRow } from "./member-row";

export const LAST_OWNER_CANNOT_LEAVE = "You are the last owner: make another member an owner before you leave";

/**
 * Removes the signed-in user's own membership (their account stays; the workspace
 * disappears from their list). Any member may leave, except the last owner: owners are
 * locked first (lockOwners), so two owners leaving at once cannot both pass the check.
 * A user who is not a member gets NOT_FOUND, like a workspace that does not exist.
 */
export async function leaveWorkspace(
  db: Database,
  { workspaceId, userId }: { workspaceId: string; userId: string },
): Promise<MemberRow> {
  return withTenant(db, { workspaceId }, async (tx) => {
    const owners = await lockOwners(tx, workspaceId);
    const member = await tx.membership.findFirst({ where: { workspaceId, userId }, include: MEMBER_INCLUDE });
    if (!member) throw AppError.notFound("Workspace not found");
    if (member.role === "OWNER" && owners.filter((id) => id !== member.id).length === 0) {
      throw AppError.badInput(["workspaceId"], "LAST_OWNER_CANNOT_LEAVE");
    }
    await tx.membership.deleteMany({ where: { workspaceId, id: member.id } });
    await recordAuditEvent(tx, {
      workspaceId,
      actor: { kind: "user", userId },
      action: "member.left",
      targetType: "member",
      targetId: member.id,
      data: { userId, email: member.user.email, role: member.role },
    });
    return member;
  });
}
