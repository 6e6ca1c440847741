import "server-only";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { UUID } from "@/lib/uuid";
import { recordAgencyAuditEvent } from "./record-agency-audit-event";

/**
 * Removes a person from the agency (the caller has checked agency.manage). They lose every
 * client of the agency on their next request. The last agency admin stays (BAD_USER_INPUT on
 * memberId): an agency is never left without someone to manage it. A member of another agency
 * answers NOT_FOUND.
 */
export async function removeAgencyMember(
  db: Database,
  input: { agencyId: string; actorId: string; memberId: string },
): Promise<void> {
  if (!UUID.test(input.memberId)) throw AppError.notFound("Member not found");
  await withTenant(db, { workspaceId: null, agencyId: input.agencyId }, async (tx) => {
    // Lock the agency's admins first, so two admins removing each other cannot both succeed.
    const admins = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text FROM agency_members WHERE agency_id = ${input.agencyId}::uuid AND role = 'AGENCY_ADMIN' FOR UPDATE`;
    const [member] = await tx.$queryRaw<{ id: string; user_id: string; role: string }[]>`
      SELECT id::text, user_id::text, role FROM agency_members WHERE agency_id = ${input.agencyId}::uuid AND id = ${input.memberId}::uuid`;
    if (!member) throw AppError.notFound("Member not found");
    if (member.role === "AGENCY_ADMIN" && admins.length <= 1)
      throw AppError.badInput(["memberId"], "LAST_AGENCY_ADMIN");
    await tx.$executeRaw`DELETE FROM agency_members WHERE agency_id = ${input.agencyId}::uuid AND id = ${input.memberId}::uuid`;
    await recordAgencyAuditEvent(tx, {
      agencyId: input.agencyId,
      actor: { kind: "user", userId: input.actorId },
      action: "agencyMember.removed",
      targetType: "member",
      targetId: member.user_id,
      data: { role: member.role },
    });
  });
}
