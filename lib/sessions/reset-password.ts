import "server-only";
import { checkPassword, hashPassword } from "@/lib/auth/password";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { badInput } from "@/lib/errors/parse-input";
import { hashResetToken } from "./request-password-reset";
import { recordAccountEvent } from "./record-account-event";
import { revokeAllSessions } from "./revoke-all-sessions";

export const INVALID_RESET_TOKEN = "This reset link is invalid, used or expired; ask for a new one";

/**
 * Sets a new password with a reset token: the token is claimed atomically (one UPDATE that
 * marks it used only while unused and unexpired — two concurrent uses cannot both win), the
 * password must pass the same rules as at sign-up, and every session of the person ends
 * (session version bumped, every session row revoked). The person then signs in anew.
 */
export async function resetPassword(
  db: Database,
  { token, password, ip }: { token: string; password: string; ip?: string | null },
): Promise<void> {
  const tokenHash = hashResetToken(token ?? "");
  const pending = await db.prisma.passwordReset.findUnique({
    where: { tokenHash },
    select: { userId: true, usedAt: true, expiresAt: true, user: { select: { email: true } } },
  });
  if (!pending || pending.usedAt || pending.expiresAt <= new Date())
    throw AppError.badInput(["token"], "RESET_TOKEN_INVALID");
  const problems = checkPassword(password, { email: pending.user.email });
  if (problems.length > 0) throw badInput(problems);
  const passwordHash = await hashPassword(password);
  const { count } = await db.prisma.passwordReset.updateMany({
    where: { tokenHash, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  if (count !== 1) throw AppError.badInput(["token"], "RESET_TOKEN_INVALID");
  await db.prisma.user.update({
    where: { id: pending.userId },
    data: { passwordHash, sessionVersion: { increment: 1 } },
  });
  // Other links sent before this one stop working too.
  await db.prisma.passwordReset.updateMany({
    where: { userId: pending.userId, usedAt: null },
    data: { usedAt: new Date() },
  });
  await revokeAllSessions(db, { userId: pending.userId, ip, reason: "passwordReset" });
  await recordAccountEvent(db, { userId: pending.userId, action: "password.reset", ip });
}
