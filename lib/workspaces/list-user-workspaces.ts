import "server-only";
import type { Workspace } from "@/generated/prisma/client";
import type { Database } from "@/lib/db/client";
import { scopedReader } from "@/lib/tenancy/read-as-tenant";
import { toWorkspace } from "./workspace-row";

export interface UserWorkspace {
  workspace: Workspace;
  role: string;
}

/**
 * The workspaces a user belongs to, with their role in each, oldest membership first. Runs in
 * a scope that names no workspace, where only the "of user" policies apply (see the platform
 * migration), through app_user_workspaces() — a SECURITY INVOKER function, so row-level
 * security applies as to a plain statement, but its plan is made once per connection (see
 * migration 20261127000100_viewer_workspaces). One round trip: every page's shell reads it.
 */
export async function listUserWorkspaces(db: Database, { userId }: { userId: string }): Promise<UserWorkspace[]> {
  const [rows] = await scopedReader(db, { workspaceId: null, userId })([
    { text: "SELECT * FROM app_user_workspaces()", params: [] },
  ]);
  return rows.map((row) => ({ workspace: toWorkspace(row), role: String(row.role) }));
}
