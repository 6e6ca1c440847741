import SchemaBuilder from "@pothos/core";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import ValidationPlugin from "@pothos/plugin-validation";
import { AppError } from "@/lib/errors/app-error";
import type { Permission } from "@/lib/permissions/registry";
import type { GraphQLContext } from "./context";

/**
 * Builder setup only; types live in graphql/types/<module>.ts and are assembled in schema.ts.
 * Scope-auth is listed first so that no other plugin's wrapper runs before authorization.
 */
export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  DefaultFieldNullability: false;
  /** What every connection resolver returns beside edges and pageInfo (graphql/connections.ts). */
  Connection: { totalCount: () => Promise<number> };
  AuthScopes: {
    /** A user session or an API key. */
    authenticated: boolean;
    /** A signed-in person (not an API key). */
    user: boolean;
    /** The caller holds `permission` in `workspaceId` (from lib/permissions/registry.ts). */
    workspace: { workspaceId: string; permission: Permission };
  };
  Scalars: {
    Date: { Input: string; Output: string };
    Decimal: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date };
  };
}>({
  plugins: [ScopeAuthPlugin, RelayPlugin, ValidationPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    // A failing scope loader throws (NOT_FOUND for another tenant's workspace): let it through
    // instead of turning it into a generic FORBIDDEN.
    treatErrorsAsUnauthorized: false,
    unauthorizedError: (_parent, context) =>
      context.viewer
        ? new AppError("FORBIDDEN", "Not allowed")
        : new AppError("UNAUTHENTICATED", "Sign in or send an API key"),
    authScopes: (context) => ({
      authenticated: context.viewer !== null,
      user: context.viewer?.kind === "user",
      workspace: async ({ workspaceId, permission }) => {
        await context.requirePermission(workspaceId, permission);
        return true;
      },
    }),
  },
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    nodesQueryOptions: false,
  },
  validation: {
    validationError: (result) =>
      new AppError("BAD_USER_INPUT", result.issues.map((i) => formatIssue(i)).join("; "), {
        fieldErrors: result.issues.map((i) => ({
          path: (i.path ?? []).map((p) => (typeof p === "object" ? (p.key as string | number) : (p as string | number))),
          message: i.message,
        })),
      }),
  },
});

function formatIssue(issue: { message: string; path?: ReadonlyArray<PropertyKey | { key: PropertyKey }> }): string {
  const path = (issue.path ?? []).map((p) => String(typeof p === "object" ? p.key : p)).join(".");
  return path ? `${path}: ${issue.message}` : issue.message;
}
