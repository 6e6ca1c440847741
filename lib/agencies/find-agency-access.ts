import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import {
  type AgencyPermission,
  type AgencyRole,
  agencyPermissionsOfRole,
  agencyPermissionsOfScopes,
  isAgencyRole,
} from "@/lib/permissions/registry";
import { scopedReader } from "@/lib/tenancy/read-as-tenant";
import { UUID } from "@/lib/uuid";

/** What the caller may do in one agency. */
export interface AgencyAccess {
  agencyId: string;
  /** The member's agency role; null for an agency API key. */
  role: AgencyRole | null;
  /** The signed-in member's user id; null for a key. */
  userId: string | null;
  permissions: Set<AgencyPermission>;
}

/**
 * The caller's access to an agency, or null (not a member, another agency's key, a workspace
 * key, no caller, not a UUID): callers answer null / NOT_FOUND, like a missing agency. Read
 * in the agency's scope from the caller's own membership row; never cached across requests.
 */
export async function findAgencyAccess(
  db: Database,
  viewer: Viewer | null,
  agencyId: string,
): Promise<AgencyAccess | null> {
  if (!viewer || !UUID.test(agencyId)) return null;
  const id = agencyId.toLowerCase();
  if (viewer.kind === "agencyKey") {
    return viewer.agencyId === id
      ? { agencyId: id, role: null, userId: null, permissions: agencyPermissionsOfScopes(viewer.scopes) }
      : null;
  }
  if (viewer.kind !== "user") return null;
  const [rows] = await scopedReader(db, { workspaceId: null, userId: viewer.userId, agencyId: id })([
    {
      text: "SELECT role FROM agency_members WHERE agency_id = $1::uuid AND user_id = $2::uuid",
      params: [id, viewer.userId],
    },
  ]);
  const role = (rows[0] as { role: string } | undefined)?.role;
  return role && isAgencyRole(role)
    ? { agencyId: id, role, userId: viewer.userId, permissions: agencyPermissionsOfRole(role) }
    : null;
}

/** Access holding `permission`, else NOT_FOUND (cannot see the agency) or FORBIDDEN. */
export function assertAgencyPermission(access: AgencyAccess | null, permission: AgencyPermission): AgencyAccess {
  if (!access) throw AppError.notFound("Agency not found");
  if (!access.permissions.has(permission)) throw new AppError("FORBIDDEN", `Missing agency permission ${permission}`);
  return access;
}
