import "server-only";
import type { User } from "@/generated/prisma/client";
import { checkPassword, hashPassword, verifyPassword } from "@/lib/auth/password";
import { beginThrottledAttempt } from "@/lib/auth/verify-login";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { badInput } from "@/lib/errors/parse-input";
import { recordAccountEvent } from "@/lib/sessions/record-account-event";
import { revokeAllSessions } from "@/lib/sessions/revoke-all-sessions";

/**
 * Wrong current passwords are throttled like logins (a stolen session must not become an
 * offline-speed password oracle): 5 failures in 15 minutes per account, then RATE_LIMITED.
 */
export const PASSWORD_CHANGE_LIMIT = { maxFailures: 5, windowSeconds: 15 * 60, resetOnSuccess: true } as const;

/**
 * Replaces the password after checking the current one, and bumps session_version so that
 * every session issued before (other browsers, a stolen cookie) stops working. The caller
 * issues a fresh cookie for the browser that made the change.
 */
export async function changePassword(
  db: Database,
  {
    actorId,
    currentPassword,
    newPassword,
    ip,
  }: { actorId: string; currentPassword: string; newPassword: string; ip?: string | null },
): Promise<User> {
  const user = await db.prisma.user.findUnique({ where: { id: actorId } });
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in again");
  const attempt = await beginThrottledAttempt(
    db,
    [[`password-change:${user.id}`, PASSWORD_CHANGE_LIMIT]],
    "password checks",
  );
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    throw AppError.badInput(["currentPassword"], "CURRENT_PASSWORD_WRONG");
  }
  await attempt.succeeded();
  const problems = checkPassword(newPassword, { email: user.email, path: ["newPassword"] });
  if (problems.length > 0) throw badInput(problems);
  if (newPassword === currentPassword) throw AppError.badInput(["newPassword"], "NEW_PASSWORD_SAME");
  const passwordHash = await hashPassword(newPassword);
  const updated = await db.prisma.user.update({
    where: { id: actorId },
    data: { passwordHash, sessionVersion: { increment: 1 } },
  });
  await revokeAllSessions(db, { userId: actorId, ip, reason: "passwordChanged" });
  await recordAccountEvent(db, { userId: actorId, action: "password.changed", ip });
  return updated;
}
