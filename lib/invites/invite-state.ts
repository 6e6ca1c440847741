export const INVITE_STATES = ["PENDING", "ACCEPTED", "REVOKED", "EXPIRED"] as const;
export type InviteState = (typeof INVITE_STATES)[number];

/** An invite's state; a used invite stays ACCEPTED even after it would have expired. */
export function inviteState(
  invite: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now: Date = new Date(),
): InviteState {
  if (invite.acceptedAt) return "ACCEPTED";
  if (invite.revokedAt) return "REVOKED";
  if (invite.expiresAt.getTime() <= now.getTime()) return "EXPIRED";
  return "PENDING";
}

/** Why an invite cannot be used, worded for the person holding the link. */
export const INVITE_UNUSABLE: Record<Exclude<InviteState, "PENDING">, string> = {
  ACCEPTED: "This invitation has already been used",
  REVOKED: "This invitation has been revoked; ask for a new one",
  EXPIRED: "This invitation has expired; ask for a new one",
};

export const INVITE_INVALID = "This invitation link is not valid";
