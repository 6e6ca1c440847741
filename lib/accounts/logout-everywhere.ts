import type { User } from "@/generated/prisma/client";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

/**
 * Revokes every session of a user: sessions are stateless JWTs carrying session_version
 * (`sv`), and viewerFromSessionToken refuses a token whose `sv` is not the current one.
 */
export async function logoutEverywhere(db: Database, { actorId }: { actorId: string }): Promise<User> {
  try {
    return await db.prisma.user.update({ where: { id: actorId }, data: { sessionVersion: { increment: 1 } } });
  } catch (error) {
    if ((error as { code?: string }).code === "P2025") throw new AppError("UNAUTHENTICATED", "Sign in again");
    throw error;
  }
}
