import "server-only";
import type { User } from "@/generated/prisma/client";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/tenancy/with-tenant";

export type VisibleUser = Pick<User, "id" | "email" | "name" | "locale" | "createdAt">;

/**
 * A user by id, only when they are a member of one of `workspaceIds` (the workspaces where the
 * caller may read members); otherwise null — a user of another tenant, and a user who does not
 * exist, look the same. Each workspace is asked in its own tenant transaction (RLS hides other
 * workspaces' memberships), stopping at the first that has them.
 */
export async function findVisibleUser(
  db: Database,
  { userId, workspaceIds }: { userId: string; workspaceIds: string[] },
): Promise<VisibleUser | null> {
  for (const workspaceId of workspaceIds) {
    const membership = await withTenant(db, { workspaceId }, (tx) =>
      tx.membership.findFirst({
        where: { workspaceId, userId },
        select: { user: { select: { id: true, email: true, name: true, locale: true, createdAt: true } } },
      }),
    );
    if (membership) return membership.user;
  }
  return null;
}
