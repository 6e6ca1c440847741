import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { UUID } from "@/lib/uuid";
import { workspaceIdOf } from "@/lib/workspaces/workspace-id";

/**
 * Tenant-owned nodes carry their workspace in the id ("<workspaceId>.<rowId>") so that
 * `node(id)` can check access to the workspace before it touches the row.
 */
export function tenantNodeId(workspaceId: string, rowId: string): string {
  return `${workspaceId}.${rowId}`;
}

export function parseTenantNodeId(raw: string): { workspaceId: string; rowId: string } | null {
  const [workspaceId, rowId, ...rest] = raw.split(".");
  if (rest.length > 0 || !UUID.test(workspaceId ?? "") || !UUID.test(rowId ?? "")) return null;
  return { workspaceId, rowId };
}

/**
 * A workspace id from a client: the relay global id of a Workspace, or its bare UUID.
 * Anything else is a BAD_USER_INPUT naming the field.
 */
export function parseWorkspaceId(raw: string, path: (string | number)[] = ["workspaceId"]): string {
  const id = workspaceIdOf(raw);
  if (id === null) throw AppError.badInput(path, "NOT_AN_ID", { kind: { en: "workspace", ru: "пространство" } });
  return id;
}
