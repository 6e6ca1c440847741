import "server-only";
import type { Database } from "@/lib/db/client";
import { type InviteState, inviteState } from "./invite-state";
import { hashInviteToken, isWellFormedInviteToken } from "./invite-token";

/** What the holder of an invite link may see before accepting. */
export interface Invitation {
  inviteId: string;
  workspaceId: string;
  workspaceName: string;
  email: string;
  role: string;
  expiresAt: Date;
  state: InviteState;
}

/**
 * The invite behind a link's token, or null. Runs before any tenant is known, so it goes
 * through the SECURITY DEFINER door find_invite_by_token_hash, which opens only for the
 * hash of a real token.
 */
export async function findInvitationByToken(db: Database, { token }: { token: string }): Promise<Invitation | null> {
  if (!isWellFormedInviteToken(token)) return null;
  const { rows } = await db.sql.query<{
    invite_id: string;
    workspace_id: string;
    workspace_name: string;
    email: string;
    role: string;
    expires_at: Date | string;
    accepted_at: Date | string | null;
    revoked_at: Date | string | null;
  }>("SELECT * FROM find_invite_by_token_hash($1)", [hashInviteToken(token)]);
  const row = rows[0];
  if (!row) return null;
  const toDate = (v: Date | string | null) => (v === null ? null : v instanceof Date ? v : new Date(v));
  const invite = {
    acceptedAt: toDate(row.accepted_at),
    revokedAt: toDate(row.revoked_at),
    expiresAt: toDate(row.expires_at)!,
  };
  return {
    inviteId: row.invite_id,
    workspaceId: row.workspace_id,
    workspaceName: row.workspace_name,
    email: row.email,
    role: row.role,
    expiresAt: invite.expiresAt,
    state: inviteState(invite),
  };
}
