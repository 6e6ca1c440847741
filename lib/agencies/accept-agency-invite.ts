import "server-only";
import type { Database } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/is-unique-violation";
import { AppError } from "@/lib/errors/app-error";
import { hashInviteToken, isWellFormedInviteToken } from "@/lib/invites/invite-token";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { recordAgencyAuditEvent } from "./record-agency-audit-event";

/**
 * A signed-in person joins an agency with an invite link addressed to their e-mail. The
 * token is found through the SECURITY DEFINER door find_agency_invite_by_token_hash (the
 * agency is unknown until then); everything else runs in the agency's scope. Returns the
 * agency id. An unknown, used, revoked or expired link is BAD_USER_INPUT on `token`.
 */
export async function acceptAgencyInvite(
  db: Database,
  input: { actorId: string; actorEmail: string; token: string },
): Promise<string> {
  const unusable = () => AppError.badInput(["token"], "INVITE_NO_LONGER_VALID");
  if (!isWellFormedInviteToken(input.token)) throw unusable();
  const rows = await db.sql.query<{
    invite_id: string;
    agency_id: string;
    email: string;
    role: string;
    expires_at: Date;
    accepted_at: Date | null;
    revoked_at: Date | null;
  }>(
    "SELECT invite_id::text, agency_id::text, email, role, expires_at, accepted_at, revoked_at FROM find_agency_invite_by_token_hash($1)",
    [hashInviteToken(input.token)],
  );
  const invite = rows.rows[0];
  if (!invite || invite.accepted_at || invite.revoked_at || new Date(invite.expires_at).getTime() <= Date.now())
    throw unusable();
  if (invite.email !== input.actorEmail.toLowerCase()) {
    throw AppError.badInput(["token"], "INVITE_FOR_OTHER_EMAIL", { email: invite.email });
  }
  try {
    await withTenant(db, { workspaceId: null, userId: input.actorId, agencyId: invite.agency_id }, async (tx) => {
      const claimed = await tx.agencyInvite.updateMany({
        where: { agencyId: invite.agency_id, id: invite.invite_id, acceptedAt: null, revokedAt: null },
        data: { acceptedAt: new Date(), acceptedUserId: input.actorId },
      });
      if (claimed.count !== 1) throw unusable();
      await tx.$executeRaw`INSERT INTO agency_members (agency_id, user_id, role) VALUES (${invite.agency_id}::uuid, ${input.actorId}::uuid, ${invite.role})`;
      await recordAgencyAuditEvent(tx, {
        agencyId: invite.agency_id,
        actor: { kind: "user", userId: input.actorId },
        action: "agencyMember.joined",
        targetType: "member",
        targetId: input.actorId,
        data: { role: invite.role, inviteId: invite.invite_id },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw AppError.badInput(["token"], "ALREADY_IN_AGENCY");
    throw error;
  }
  return invite.agency_id;
}
