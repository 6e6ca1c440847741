import "server-only";
import type { User } from "@/generated/prisma/client";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { revokeAllSessions } from "@/lib/sessions/revoke-all-sessions";

/**
 * Revokes every session of a user: every session row is revoked, and session_version (`sv`
 * in the cookie) is bumped as well, so a token is refused on either count.
 */
export async function logoutEverywhere(
  db: Database,
  { actorId, ip }: { actorId: string; ip?: string | null },
): Promise<User> {
  try {
    const user = await db.prisma.user.update({ where: { id: actorId }, data: { sessionVersion: { increment: 1 } } });
    await revokeAllSessions(db, { userId: actorId, ip, reason: "logoutEverywhere" });
    return user;
  } catch (error) {
    if ((error as { code?: string }).code === "P2025") throw new AppError("UNAUTHENTICATED", "Sign in again");
    throw error;
  }
}
