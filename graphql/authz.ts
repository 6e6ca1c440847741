import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { Permission } from "@/lib/permissions/registry";
import { type WorkspaceAccess, assertPermission } from "@/lib/tenancy/workspace-access";
import type { GraphQLContext } from "./context";

/**
 * What a workspace field requires of the caller in the workspace it touches: a permission of the
 * registry (lib/permissions/registry.ts), or `"access"` — any access (a member of any role, a key,
 * an agency through its grant) where the rule depends on the row and the operation applies it from
 * the same registry (which scorecard: `canReadScorecard`; which KPI or target: `SCORECARD_PERMISSIONS`).
 */
export type WorkspaceRule = Permission | "access";

/** The `workspace` auth scope's parameter (graphql/builder.ts checks it before the resolver runs). */
export interface WorkspaceScopeParam {
  workspaceId: string;
  rule: WorkspaceRule;
  /** The NOT_FOUND message when the caller cannot see the workspace (default "Workspace not found"). */
  notFound?: string;
}

/** An `authScopes` function that also names its rule, so a test can read it off the built schema. */
export interface WorkspaceAuthScopes<Parent, Args> {
  (parent: Parent, args: Args): { workspace: WorkspaceScopeParam };
  readonly workspaceRule: WorkspaceRule;
}

/**
 * The one way a field touching a workspace is authorised: `authScopes: inWorkspace(rule, (parent,
 * args) => workspaceId)`. Scope-auth evaluates it before the resolver (after argument validation):
 * a caller who cannot see the workspace gets NOT_FOUND (like a missing one), one without the
 * permission FORBIDDEN. `workspaceOf` parses the id from the parent or the arguments and may throw
 * BAD_USER_INPUT naming the argument. test/unit/workspace-auth.test.ts fails for a workspace
 * field without it.
 */
export function inWorkspace<Parent, Args>(
  rule: WorkspaceRule,
  workspaceOf: (parent: Parent, args: Args) => string,
  options: { notFound?: string } = {},
): WorkspaceAuthScopes<Parent, Args> {
  const scopes = (parent: Parent, args: Args) => ({
    workspace: { workspaceId: workspaceOf(parent, args), rule, ...options },
  });
  return Object.assign(scopes, { workspaceRule: rule });
}

/** `inWorkspace` for fields of Workspace itself: the workspace is the parent. */
export function onWorkspace(rule: WorkspaceRule): WorkspaceAuthScopes<{ id: string }, unknown> {
  return inWorkspace(rule, (ws: { id: string }) => ws.id);
}

/**
 * The scope loader behind `inWorkspace` (registered in graphql/builder.ts): UNAUTHENTICATED without
 * a caller, NOT_FOUND without access, FORBIDDEN without the permission.
 */
export async function checkWorkspaceRule(
  ctx: GraphQLContext,
  { workspaceId, rule, notFound }: WorkspaceScopeParam,
): Promise<true> {
  const access = await accessIn(ctx, workspaceId, notFound);
  if (rule !== "access") assertPermission(access, rule);
  return true;
}

/**
 * The caller's access to a workspace its field's scope already admitted (read once per request):
 * the role and permissions an operation applies row rules with.
 */
export async function accessIn(
  ctx: GraphQLContext,
  workspaceId: string,
  notFound = "Workspace not found",
): Promise<WorkspaceAccess> {
  if (!ctx.viewer) throw new AppError("UNAUTHENTICATED", "Sign in or send an API key");
  const access = await ctx.access(workspaceId);
  if (!access) throw AppError.notFound(notFound);
  return access;
}
