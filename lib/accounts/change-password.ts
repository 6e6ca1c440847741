import type { User } from "@/generated/prisma/client";
import { checkPassword, hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { badInput } from "@/lib/errors/parse-input";

/**
 * Replaces the password after checking the current one, and bumps session_version so that
 * every session issued before (other browsers, a stolen cookie) stops working. The caller
 * issues a fresh cookie for the browser that made the change.
 */
export async function changePassword(
  db: Database,
  { actorId, currentPassword, newPassword }: { actorId: string; currentPassword: string; newPassword: string },
): Promise<User> {
  const user = await db.prisma.user.findUnique({ where: { id: actorId } });
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in again");
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    throw AppError.badInput(["currentPassword"], "Current password is incorrect");
  }
  const problems = checkPassword(newPassword, { email: user.email, path: ["newPassword"] });
  if (problems.length > 0) throw badInput(problems);
  if (newPassword === currentPassword) throw AppError.badInput(["newPassword"], "New password must differ from the current one");
  const passwordHash = await hashPassword(newPassword);
  return db.prisma.user.update({
    where: { id: actorId },
    data: { passwordHash, sessionVersion: { increment: 1 } },
  });
}
