import "server-only";
import type { AuditEvent, Prisma } from "@/generated/prisma/client";
import type { Database } from "@/lib/db/client";
import { type Page, type PageRequest, readPage } from "@/lib/db/page";
import { withTenant } from "@/lib/tenancy/with-tenant";

export type AuditEventRow = AuditEvent & { actorName: string | null };

/**
 * A page of a workspace's audit log, newest first, with the acting person's name.
 * `actions` (when given) keeps only those actions, e.g. ["member.left", "member.removed"];
 * the total count uses the same filter.
 */
export async function listAuditEvents(
  db: Database,
  { workspaceId, actions, ...page }: { workspaceId: string; actions?: readonly string[] | null } & PageRequest,
): Promise<Page<AuditEventRow>> {
  const where: Prisma.AuditEventWhereInput = actions ? { workspaceId, action: { in: [...actions] } } : { workspaceId };
  return withTenant(db, { workspaceId }, async (tx) => {
    const { rows: events, totalCount } = await readPage(page, {
      rows: (skip, take) =>
        tx.auditEvent.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip, take }),
      count: () => tx.auditEvent.count({ where }),
    });
    const userIds = [...new Set(events.map((e) => e.actorUserId).filter((id): id is string => id !== null))];
    const users = userIds.length
      ? await tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } })
      : [];
    const names = new Map(users.map((u) => [u.id, u.name]));
    return {
      rows: events.map((e) => ({ ...e, actorName: e.actorUserId ? (names.get(e.actorUserId) ?? null) : null })),
      totalCount,
    };
  });
}
