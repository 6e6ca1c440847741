import "server-only";
import { z } from "zod";
import type { Invite } from "@/generated/prisma/client";
import { emailSchema } from "@/lib/accounts/account-rules";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/errors/parse-input";
import { sendMail } from "@/lib/mail/send-mail";
import { WORKSPACE_ROLES } from "@/lib/permissions/roles";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { inviteEmail } from "./invite-email";
import { INVITE_TTL_MS, generateInviteToken } from "./invite-token";

export const createInviteInputSchema = z.object({
  email: emailSchema,
  role: z.enum(WORKSPACE_ROLES),
});

export interface CreatedInvite {
  invite: Invite;
  /** The link with the clear token: shown to the inviter once, e-mailed, never stored. */
  inviteUrl: string;
  emailSent: boolean;
}

/**
 * Invites a person by e-mail with a role. The caller has checked invite.manage; inviting an
 * OWNER also needs owner.manage. A newer invite to the same address replaces (revokes) a
 * pending one, so only the latest link works.
 */
export async function createInvite(
  db: Database,
  input: {
    workspaceId: string;
    actorId: string;
    canManageOwners: boolean;
    baseUrl: string;
    email: string;
    role: string;
  },
): Promise<CreatedInvite> {
  const { workspaceId, actorId, canManageOwners, baseUrl } = input;
  const { email, role } = parseInput(createInviteInputSchema, { email: input.email, role: input.role });
  if (role === "OWNER" && !canManageOwners) throw new AppError("FORBIDDEN", "Only an owner can invite another owner");
  const { token, tokenHash } = generateInviteToken();
  const inviteUrl = `${baseUrl.replace(/\/+$/, "")}/invite/${token}`;

  const { invite, workspace, inviter } = await withTenant(db, { workspaceId, userId: actorId }, async (tx) => {
    const alreadyMember = await tx.membership.findFirst({
      where: { workspaceId, user: { email } },
      select: { id: true },
    });
    if (alreadyMember) throw AppError.badInput(["email"], "ALREADY_WORKSPACE_MEMBER");
    const replaced = await tx.invite.updateMany({
      where: { workspaceId, email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const invite = await tx.invite.create({
      data: {
        workspaceId,
        email,
        role,
        tokenHash,
        invitedByUserId: actorId,
        expiresAt: new Date(Date.now() + INVITE_TTL_MS),
      },
    });
    await recordAuditEvent(tx, {
      workspaceId,
      actor: { kind: "user", userId: actorId },
      action: "invite.created",
      targetType: "invite",
      targetId: invite.id,
      data: { email, role, expiresAt: invite.expiresAt.toISOString(), replacedPending: replaced.count },
    });
    const workspace = await tx.workspace.findFirstOrThrow({
      where: { id: workspaceId },
      select: { name: true, locale: true },
    });
    const inviter = await tx.user.findUniqueOrThrow({ where: { id: actorId }, select: { name: true } });
    return { invite, workspace, inviter };
  });

  // After commit: a mail server problem never undoes the invite (the link is shown anyway).
  const emailSent = await sendMail(
    inviteEmail({
      to: email,
      workspaceName: workspace.name,
      inviterName: inviter.name,
      role,
      inviteUrl,
      expiresAt: invite.expiresAt,
      locale: workspace.locale,
    }),
  );
  return { invite, inviteUrl, emailSent };
}
