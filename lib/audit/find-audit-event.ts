import "server-only";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/tenancy/with-tenant";
import type { AuditEventRow } from "./list-audit-events";

/** One audit event of a workspace by id, or null (also for another workspace's id). */
export async function findAuditEvent(
  db: Database,
  { workspaceId, auditEventId }: { workspaceId: string; auditEventId: string },
): Promise<AuditEventRow | null> {
  return withTenant(db, { workspaceId }, async (tx) => {
    const event = await tx.auditEvent.findFirst({ where: { workspaceId, id: auditEventId } });
    if (!event) return null;
    const user = event.actorUserId
      ? await tx.user.findUnique({ where: { id: event.actorUserId }, select: { name: true } })
      : null;
    return { ...event, actorName: user?.name ?? null };
  });
}
