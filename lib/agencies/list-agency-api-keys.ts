import "server-only";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { type AgencyApiKeyRow, toAgencyApiKey } from "./agency-api-key-row";

/** The agency's keys, newest first (the caller has checked agency.manage). */
export async function listAgencyApiKeys(db: Database, { agencyId }: { agencyId: string }): Promise<AgencyApiKeyRow[]> {
  const rows = await withTenant(db, { workspaceId: null, agencyId }, (tx) =>
    tx.agencyApiKey.findMany({ where: { agencyId }, orderBy: [{ createdAt: "desc" }, { id: "asc" }] }),
  );
  return rows.map(toAgencyApiKey);
}
