import "server-only";
import type { Membership, Workspace } from "@/generated/prisma/client";
import type { Database } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/is-unique-violation";
import { AppError } from "@/lib/errors/app-error";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { assertInvitationUsable, claimInvite } from "./claim-invite";
import { findInvitationByToken } from "./find-invitation-by-token";

/**
 * A signed-in person joins a workspace with an invite link. The invite must be addressed
 * to their e-mail: a forwarded or leaked link is useless to anyone else.
 */
export async function acceptInvite(
  db: Database,
  { actorId, actorEmail, token }: { actorId: string; actorEmail: string; token: string },
): Promise<{ workspace: Workspace; membership: Membership }> {
  const invitation = assertInvitationUsable(await findInvitationByToken(db, { token }));
  if (invitation.email !== actorEmail.toLowerCase()) {
    throw AppError.badInput(["token"], "INVITE_FOR_OTHER_EMAIL", { email: invitation.email });
  }
  try {
    return await withTenant(db, { workspaceId: invitation.workspaceId, userId: actorId }, (tx) =>
      claimInvite(tx, { invitation, userId: actorId }),
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw AppError.badInput(["token"], "ALREADY_IN_WORKSPACE");
    throw error;
  }
}
