import "server-only";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { recordAccountEvent } from "./record-account-event";

/**
 * Ends one of the caller's own sessions ("sign out this device", or logout of this one).
 * Another person's session id answers like a missing one.
 */
export async function revokeSession(
  db: Database,
  { actorId, sessionId, ip }: { actorId: string; sessionId: string; ip?: string | null },
): Promise<void> {
  const { count } = await db.prisma.userSession.updateMany({
    where: { id: sessionId, userId: actorId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw AppError.notFound("Session not found");
  await recordAccountEvent(db, { userId: actorId, action: "session.revoked", sessionId, ip });
}
