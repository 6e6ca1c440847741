import "server-only";
import type { Workspace } from "@/generated/prisma/client";
import type { Database } from "@/lib/db/client";
import type { WorkspaceRole } from "@/lib/permissions/roles";
import { scopedReader } from "@/lib/tenancy/read-as-tenant";
import { WORKSPACE_COLUMNS, toWorkspace } from "@/lib/workspaces/workspace-row";
import type { AgencyAccess } from "./find-agency-access";

export interface AgencyClient {
  workspace: Workspace;
  /** The role the client granted the agency. */
  role: WorkspaceRole;
  /** Account managers the grant is limited to (empty: every member). */
  managerUserIds: string[];
  agencyCreated: boolean;
  grantedAt: Date;
}

/**
 * The clients an agency caller works with: workspaces whose grant names the agency, in the
 * agency's scope — the policy workspaces_of_agency admits exactly those workspace rows (name,
 * slug, calendar), never their data. An account manager sees only grants open to every
 * member or naming them; an agency admin and an agency key see all. By name.
 */
export async function listAgencyClients(db: Database, access: AgencyAccess): Promise<AgencyClient[]> {
  const [rows] = await scopedReader(db, { workspaceId: null, userId: access.userId, agencyId: access.agencyId })([
    {
      text: `SELECT ${WORKSPACE_COLUMNS}, g.role AS grant_role, g.manager_user_ids::text[] AS manager_user_ids,
                    g.agency_created, g.created_at AS granted_at
               FROM agency_grants g JOIN workspaces w ON w.id = g.workspace_id
              WHERE g.agency_id = $1::uuid
                AND ($2::text IS NULL OR $3::text = 'AGENCY_ADMIN' OR cardinality(g.manager_user_ids) = 0 OR $2::uuid = ANY (g.manager_user_ids))
              ORDER BY lower(w.name), w.id`,
      params: [access.agencyId, access.userId, access.role],
    },
  ]);
  return rows.map((row) => ({
    workspace: toWorkspace(row),
    role: String(row.grant_role) as WorkspaceRole,
    managerUserIds: (row.manager_user_ids as string[] | null) ?? [],
    agencyCreated: Boolean(row.agency_created),
    grantedAt: row.granted_at instanceof Date ? row.granted_at : new Date(String(row.granted_at)),
  }));
}
