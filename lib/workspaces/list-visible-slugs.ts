import "server-only";
import type { Database } from "@/lib/db/client";
import { findAgencyAccess } from "@/lib/agencies/find-agency-access";
import { listAgencyClients } from "@/lib/agencies/list-agency-clients";
import { listUserAgencies } from "@/lib/agencies/list-user-agencies";
import { listUserWorkspaces } from "./list-user-workspaces";

/**
 * The slugs of every workspace a person can open — their memberships and the clients of their
 * agencies, exactly the list the app's URLs `/w/<slug>` resolve through
 * (app/(app)/_lib/load.ts) — by workspace id. A slug must be unique only here: checking a
 * chosen slug against this list tells the person nothing they cannot already see (a global
 * check confirmed other tenants' workspaces: issue 16, item 11).
 */
export async function listVisibleSlugs(db: Database, { userId }: { userId: string }): Promise<Map<string, string>> {
  const slugs = new Map<string, string>();
  for (const { workspace } of await listUserWorkspaces(db, { userId })) slugs.set(workspace.id, workspace.slug);
  for (const { agency } of await listUserAgencies(db, { userId })) {
    const access = await findAgencyAccess(db, { kind: "user", userId, email: "", name: "", locale: "en" }, agency.id);
    if (!access) continue;
    for (const { workspace } of await listAgencyClients(db, access)) slugs.set(workspace.id, workspace.slug);
  }
  return slugs;
}

/** Slugs a workspace may not take: those of the other workspaces `userId` can open. */
export async function slugsTakenFor(
  db: Database,
  { userId, exceptWorkspaceId }: { userId: string | null; exceptWorkspaceId?: string },
): Promise<Set<string>> {
  if (!userId) return new Set();
  const taken = new Set<string>();
  for (const [id, slug] of await listVisibleSlugs(db, { userId })) if (id !== exceptWorkspaceId) taken.add(slug);
  return taken;
}
