import "server-only";
import type { Database } from "@/lib/db/client";

export interface AccountEventRow {
  id: string;
  action: string;
  ip: string | null;
  createdAt: Date;
}

/** The latest entries of a person's account security log, newest first. */
export async function listAccountEvents(
  db: Database,
  { actorId, first = 20 }: { actorId: string; first?: number },
): Promise<AccountEventRow[]> {
  return db.prisma.accountEvent.findMany({
    where: { userId: actorId },
    orderBy: { createdAt: "desc" },
    take: Math.min(Math.max(first, 1), 100),
    select: { id: true, action: true, ip: true, createdAt: true },
  });
}
