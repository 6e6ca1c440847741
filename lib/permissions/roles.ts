/**
 * Workspace roles of SPEC §3. The order is the display order; it is not a hierarchy —
 * what a role may do is decided only by `lib/permissions/registry.ts`.
 */
export const WORKSPACE_ROLES = [
  "OWNER",
  "ADMIN",
  "CMO",
  "PERFORMANCE",
  "SMM",
  "CONTENT",
  "SALES",
  "CLIENT_VIEWER",
] as const;

export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

export function isWorkspaceRole(value: string): value is WorkspaceRole {
  return (WORKSPACE_ROLES as readonly string[]).includes(value);
}
