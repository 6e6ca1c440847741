import "server-only";
import type { Database } from "@/lib/db/client";
import { recordAccountEvent } from "./record-account-event";

/** Ends every session of a person (log out everywhere, password change or reset). */
export async function revokeAllSessions(
  db: Database,
  {
    userId,
    ip,
    reason,
  }: { userId: string; ip?: string | null; reason: "logoutEverywhere" | "passwordChanged" | "passwordReset" },
): Promise<number> {
  const { count } = await db.prisma.userSession.updateMany({
    where: { userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  await recordAccountEvent(db, { userId, action: "session.revokedAll", ip, data: { reason, sessions: count } });
  return count;
}
