import "server-only";
import type { Database } from "@/lib/db/client";
import { scopedReader } from "@/lib/tenancy/read-as-tenant";

export interface WorkspaceGrant {
  workspaceId: string;
  agencyId: string;
  agencyName: string;
  role: string;
  managerEmails: string[];
  agencyCreated: boolean;
  grantedAt: Date;
  updatedAt: Date;
}

/**
 * The agencies a workspace granted access to, in its own tenant scope (the policy
 * agencies_of_client admits the names of exactly those agencies), oldest first.
 */
export async function listWorkspaceGrants(
  db: Database,
  { workspaceId }: { workspaceId: string },
): Promise<WorkspaceGrant[]> {
  const [rows] = await scopedReader(db, { workspaceId, userId: null })([
    {
      text: `SELECT g.agency_id::text AS agency_id, a.name AS agency_name, g.role, g.agency_created, g.created_at, g.updated_at,
                    coalesce((SELECT array_agg(u.email ORDER BY u.email) FROM users u WHERE u.id = ANY (g.manager_user_ids)), '{}') AS manager_emails
               FROM agency_grants g JOIN agencies a ON a.id = g.agency_id
              WHERE g.workspace_id = $1::uuid ORDER BY g.created_at, g.id`,
      params: [workspaceId],
    },
  ]);
  return rows.map((r) => ({
    workspaceId,
    agencyId: String(r.agency_id),
    agencyName: String(r.agency_name),
    role: String(r.role),
    managerEmails: (r.manager_emails as string[] | null) ?? [],
    agencyCreated: Boolean(r.agency_created),
    grantedAt: new Date(r.created_at as string | Date),
    updatedAt: new Date(r.updated_at as string | Date),
  }));
}
