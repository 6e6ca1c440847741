import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { type Permission, permissionsOfRole, permissionsOfScopes } from "@/lib/permissions/registry";
import { isWorkspaceRole, type WorkspaceRole } from "@/lib/permissions/roles";
import { scopedReader } from "./read-as-tenant";
import { UUID } from "@/lib/uuid";

/** What the caller may do in one workspace. */
export interface WorkspaceAccess {
  workspaceId: string;
  /** The member's role — or the role an agency was granted; null for an API key. */
  role: WorkspaceRole | null;
  permissions: Set<Permission>;
  /** The agency the caller acts for here (an agency member or key through a grant); null otherwise. */
  agencyId?: string | null;
}

/**
 * The caller's own membership first, else a live grant of the workspace to an agency the caller
 * belongs to (an agency admin always; an account manager when the grant names no managers or
 * names them). Read in the workspace's tenant scope: the grants are the client's rows, the
 * agency memberships the caller's own (policy agency_members_of_user). Nothing is cached across
 * requests, so a revoked grant or changed role holds from the next request in every process.
 */
const ACCESS_SQL = `
  SELECT role, NULL::text AS agency_id, 0 AS rank FROM memberships WHERE workspace_id = $1::uuid AND user_id = $2::uuid
  UNION ALL
  SELECT g.role, g.agency_id::text, 1 FROM agency_grants g
    JOIN agency_members am ON am.agency_id = g.agency_id AND am.user_id = $2::uuid
   WHERE g.workspace_id = $1::uuid
     AND (am.role = 'AGENCY_ADMIN' OR cardinality(g.manager_user_ids) = 0 OR am.user_id = ANY (g.manager_user_ids))
  ORDER BY rank, agency_id LIMIT 1`;

/** An agency key's grant in a workspace. */
const AGENCY_KEY_ACCESS_SQL = "SELECT role FROM agency_grants WHERE workspace_id = $1::uuid AND agency_id = $2::uuid";

/**
 * The caller's access to a workspace, or null when it has none. A client-sent workspace id
 * is never trusted: a user must hold a membership or act through an agency's grant, a key must
 * belong to that workspace or to an agency it granted access.
 */
export async function findWorkspaceAccess(
  db: Database,
  viewer: Viewer | null,
  workspaceId: string,
): Promise<WorkspaceAccess | null> {
  if (!viewer || !UUID.test(workspaceId)) return null;
  if (viewer.kind === "apiKey") {
    return viewer.workspaceId === workspaceId
      ? { workspaceId, role: null, permissions: permissionsOfScopes(viewer.scopes) }
      : null;
  }
  if (viewer.kind === "agencyKey") {
    const [rows] = await scopedReader(db, { workspaceId, userId: null })([
      { text: AGENCY_KEY_ACCESS_SQL, params: [workspaceId, viewer.agencyId] },
    ]);
    const grant = rows[0] as { role: string } | undefined;
    return grant ? accessOfAgencyKey(workspaceId, grant.role, viewer.scopes, viewer.agencyId) : null;
  }
  // One round trip in the workspace's scope (this runs on every request that names a workspace).
  const [rows] = await scopedReader(db, { workspaceId, userId: viewer.userId })([
    { text: ACCESS_SQL, params: [workspaceId, viewer.userId] },
  ]);
  const row = rows[0] as { role: string; agency_id: string | null } | undefined;
  if (!row) return null;
  const access = accessOfMembership(workspaceId, row.role);
  return access && row.agency_id ? { ...access, agencyId: row.agency_id } : access;
}

/** A member's access from their membership role (null for a role this build does not know). */
export function accessOfMembership(workspaceId: string, role: string): WorkspaceAccess | null {
  return isWorkspaceRole(role) ? { workspaceId, role, permissions: permissionsOfRole(role) } : null;
}

/**
 * An agency key in a client: what its scopes allow AND what the grant's role allows — both
 * from the one permission registry, so a READ key of an agency granted SALES reads what SALES
 * reads, and never more than a READ key.
 */
export function accessOfAgencyKey(
  workspaceId: string,
  grantRole: string,
  scopes: readonly string[],
  agencyId: string,
): WorkspaceAccess | null {
  if (!isWorkspaceRole(grantRole)) return null;
  const ofRole = permissionsOfRole(grantRole);
  const permissions = new Set([...permissionsOfScopes(scopes)].filter((p) => ofRole.has(p)));
  return { workspaceId, role: null, permissions, agencyId };
}

/**
 * Access that holds `permission`, or an error: NOT_FOUND when the caller cannot see the
 * workspace at all (indistinguishable from a missing one), FORBIDDEN when it can see it but
 * may not do this.
 */
export function assertPermission(access: WorkspaceAccess | null, permission: Permission): WorkspaceAccess {
  if (!access) throw AppError.notFound("Workspace not found");
  if (!access.permissions.has(permission)) throw new AppError("FORBIDDEN", `Missing permission ${permission}`);
  return access;
}
