import type { AuditEvent } from "@/generated/prisma/client";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/tenancy/with-tenant";

export type AuditEventRow = AuditEvent & { actorName: string | null };

/** A page of a workspace's audit log, newest first, with the acting person's name. */
export async function listAuditEvents(
  db: Database,
  { workspaceId, offset, limit }: { workspaceId: string; offset: number; limit: number },
): Promise<AuditEventRow[]> {
  return withTenant(db, { workspaceId }, async (tx) => {
    const events = await tx.auditEvent.findMany({
      where: { workspaceId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: offset,
      take: limit,
    });
    const userIds = [...new Set(events.map((e) => e.actorUserId).filter((id): id is string => id !== null))];
    const users = userIds.length ? await tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [];
    const names = new Map(users.map((u) => [u.id, u.name]));
    return events.map((e) => ({ ...e, actorName: e.actorUserId ? (names.get(e.actorUserId) ?? null) : null }));
  });
}
