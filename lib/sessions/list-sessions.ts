import "server-only";
import type { Database } from "@/lib/db/client";
import { sessionSettings } from "./session-settings";

export interface SessionRow {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string;
  ip: string | null;
}

/** A person's live sessions (not revoked, not idle, not expired), most recently used first. */
export async function listSessions(db: Database, { actorId }: { actorId: string }): Promise<SessionRow[]> {
  const { idleSeconds } = sessionSettings();
  return db.prisma.userSession.findMany({
    where: {
      userId: actorId,
      revokedAt: null,
      expiresAt: { gt: new Date() },
      lastSeenAt: { gt: new Date(Date.now() - idleSeconds * 1000) },
    },
    orderBy: { lastSeenAt: "desc" },
    take: 100,
    select: { id: true, createdAt: true, lastSeenAt: true, expiresAt: true, userAgent: true, ip: true },
  });
}
