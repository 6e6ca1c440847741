import "server-only";
import type { Database } from "@/lib/db/client";
import { scopedReader } from "@/lib/tenancy/read-as-tenant";

export interface AgencyMemberRow {
  id: string;
  agencyId: string;
  userId: string;
  name: string;
  email: string;
  role: string;
  createdAt: Date;
}

/** The agency's members, oldest first, in the agency's scope. */
export async function listAgencyMembers(db: Database, { agencyId }: { agencyId: string }): Promise<AgencyMemberRow[]> {
  const [rows] = await scopedReader(db, { workspaceId: null, userId: null, agencyId })([
    {
      text: `SELECT m.id::text, m.user_id::text AS user_id, u.name, u.email, m.role, m.created_at
               FROM agency_members m JOIN users u ON u.id = m.user_id WHERE m.agency_id = $1::uuid ORDER BY m.created_at, m.id`,
      params: [agencyId],
    },
  ]);
  return rows.map((r) => ({
    id: String(r.id),
    agencyId,
    userId: String(r.user_id),
    name: String(r.name),
    email: String(r.email),
    role: String(r.role),
    createdAt: new Date(r.created_at as string | Date),
  }));
}
