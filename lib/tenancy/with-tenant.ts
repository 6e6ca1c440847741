import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Database } from "@/lib/db/client";

export type Tx = Prisma.TransactionClient;

export interface TenantScope {
  /** The workspace every statement in the transaction is confined to (RLS). */
  workspaceId: string | null;
  /** The acting user, for the "my workspaces / my memberships" policies. */
  userId?: string | null;
  /** The agency whose own rows (members, invites, keys, audit) the transaction works on. */
  agencyId?: string | null;
}

/**
 * Runs `fn` in one transaction whose tenant is set with set_config(…, true): the setting dies
 * with the transaction, so a pooled connection can never carry it to the next request.
 * Every tenant read and write goes through here; RLS then rejects anything outside the tenant.
 */
export async function withTenant<T>(db: Database, scope: TenantScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT set_config('app.workspace_id', ${scope.workspaceId ?? ""}, true), set_config('app.user_id', ${scope.userId ?? ""}, true), set_config('app.agency_id', ${scope.agencyId ?? ""}, true)`;
    return fn(tx);
  });
}
