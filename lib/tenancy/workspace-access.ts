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
  /** The member's role; null for an API key. */
  role: WorkspaceRole | null;
  permissions: Set<Permission>;
}


/**
 * The caller's access to a workspace, or null when it has none. A client-sent workspace id
 * is never trusted: a user must hold a membership, a key must belong to that workspace.
 */
export async function findWorkspaceAccess(db: Database, viewer: Viewer | null, workspaceId: string): Promise<WorkspaceAccess | null> {
  if (!viewer || !UUID.test(workspaceId)) return null;
  if (viewer.kind === "apiKey") {
    return viewer.workspaceId === workspaceId
      ? { workspaceId, role: null, permissions: permissionsOfScopes(viewer.scopes) }
      : null;
  }
  // One round trip in the workspace's scope (this runs on every request that names a workspace).
  const [rows] = await scopedReader(db, { workspaceId, userId: viewer.userId })([
    { text: "SELECT role FROM memberships WHERE workspace_id = $1::uuid AND user_id = $2::uuid", params: [workspaceId, viewer.userId] },
  ]);
  const membership = rows[0] as { role: string } | undefined;
  return membership ? accessOfMembership(workspaceId, membership.role) : null;
}

/** A member's access from their membership role (null for a role this build does not know). */
export function accessOfMembership(workspaceId: string, role: string): WorkspaceAccess | null {
  return isWorkspaceRole(role) ? { workspaceId, role, permissions: permissionsOfRole(role) } : null;
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
