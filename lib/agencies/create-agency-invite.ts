import "server-only";
import { z } from "zod";
import { emailSchema } from "@/lib/accounts/account-rules";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/errors/parse-input";
import { INVITE_TTL_MS, generateInviteToken } from "@/lib/invites/invite-token";
import { sendMail } from "@/lib/mail/send-mail";
import { AGENCY_ROLES } from "@/lib/permissions/registry";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { recordAgencyAuditEvent } from "./record-agency-audit-event";

const inputSchema = z.object({ email: emailSchema, role: z.enum(AGENCY_ROLES) });

export interface CreatedAgencyInvite {
  inviteId: string;
  email: string;
  role: string;
  expiresAt: Date;
  /** The link with the clear token: shown once, e-mailed, never stored. */
  inviteUrl: string;
  emailSent: boolean;
}

/**
 * Invites a person into the agency as AGENCY_ADMIN or ACCOUNT_MANAGER — single-use, expiring
 * links like workspace invites (lib/invites). A newer invite to the same address revokes a
 * pending one. The caller has checked agency.manage.
 */
export async function createAgencyInvite(
  db: Database,
  input: { agencyId: string; actorId: string; baseUrl: string; email: string; role: string; locale: "ru" | "en" },
): Promise<CreatedAgencyInvite> {
  const { email, role } = parseInput(inputSchema, { email: input.email, role: input.role });
  const { token, tokenHash } = generateInviteToken();
  const inviteUrl = `${input.baseUrl.replace(/\/+$/, "")}/agency-invite/${token}`;
  const result = await withTenant(
    db,
    { workspaceId: null, userId: input.actorId, agencyId: input.agencyId },
    async (tx) => {
      const [member] = await tx.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM agency_members m JOIN users u ON u.id = m.user_id WHERE m.agency_id = ${input.agencyId}::uuid AND u.email = ${email}`;
      if (member.n > 0) throw AppError.badInput(["email"], "ALREADY_AGENCY_MEMBER");
      await tx.agencyInvite.updateMany({
        where: { agencyId: input.agencyId, email, acceptedAt: null, revokedAt: null },
        data: { revokedAt: new Date() },
      });
      const invite = await tx.agencyInvite.create({
        data: {
          agencyId: input.agencyId,
          email,
          role,
          tokenHash,
          invitedByUserId: input.actorId,
          expiresAt: new Date(Date.now() + INVITE_TTL_MS),
        },
      });
      await recordAgencyAuditEvent(tx, {
        agencyId: input.agencyId,
        actor: { kind: "user", userId: input.actorId },
        action: "agencyInvite.created",
        targetType: "invite",
        targetId: invite.id,
        data: { email, role },
      });
      const agency = await tx.agency.findUniqueOrThrow({ where: { id: input.agencyId }, select: { name: true } });
      return { invite, agencyName: agency.name };
    },
  );
  const ru = input.locale === "ru";
  const emailSent = await sendMail({
    to: email,
    subject: ru
      ? `Приглашение в агентство «${result.agencyName}» в Throughline`
      : `You are invited to the ${result.agencyName} agency on Throughline`,
    text: ru
      ? `Вас пригласили в агентство «${result.agencyName}». Принять приглашение: ${inviteUrl}\n\nСсылка одноразовая и действует 7 дней.`
      : `You are invited to the ${result.agencyName} agency. Accept the invitation: ${inviteUrl}\n\nThe link works once and expires in 7 days.`,
  });
  return { inviteId: result.invite.id, email, role, expiresAt: result.invite.expiresAt, inviteUrl, emailSent };
}
