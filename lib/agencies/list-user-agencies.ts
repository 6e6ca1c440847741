import "server-only";
import type { Database } from "@/lib/db/client";
import { scopedReader } from "@/lib/tenancy/read-as-tenant";
import { AGENCY_COLUMNS, type AgencyRow, toAgency } from "./agency-row";

export interface UserAgency {
  agency: AgencyRow;
  role: string;
}

/**
 * The agencies a user belongs to, oldest membership first: a scope naming only the user, where
 * the "of user" policies admit their own agency memberships and those agencies' rows.
 */
export async function listUserAgencies(db: Database, { userId }: { userId: string }): Promise<UserAgency[]> {
  const [rows] = await scopedReader(db, { workspaceId: null, userId })([
    {
      text: `SELECT m.role, ${AGENCY_COLUMNS} FROM agency_members m JOIN agencies a ON a.id = m.agency_id
              WHERE m.user_id = $1::uuid ORDER BY m.created_at, m.id`,
      params: [userId],
    },
  ]);
  return rows.map((row) => ({ agency: toAgency(row), role: String(row.role) }));
}
