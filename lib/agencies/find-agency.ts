import "server-only";
import type { Database } from "@/lib/db/client";
import { scopedReader } from "@/lib/tenancy/read-as-tenant";
import { AGENCY_COLUMNS, type AgencyRow, toAgency } from "./agency-row";

/** The agency's row, read in its own scope. The caller has checked access. */
export async function findAgency(db: Database, { agencyId }: { agencyId: string }): Promise<AgencyRow | null> {
  const [rows] = await scopedReader(db, { workspaceId: null, userId: null, agencyId })([
    { text: `SELECT ${AGENCY_COLUMNS} FROM agencies a WHERE a.id = $1::uuid`, params: [agencyId] },
  ]);
  return rows[0] ? toAgency(rows[0]) : null;
}
