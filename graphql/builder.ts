import "server-only";
import SchemaBuilder from "@pothos/core";
import RelayPlugin, { decodeGlobalID, encodeGlobalID } from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import ValidationPlugin from "@pothos/plugin-validation";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { type WorkspaceScopeParam, checkWorkspaceRule } from "./authz";
import { UUID } from "@/lib/uuid";
import { ue } from "@/lib/errors/user-errors";
import { type SchemaIssue, fieldErrorOfIssue } from "@/lib/errors/issue-reason";
import type { GraphQLContext } from "./context";

/** The largest page a connection serves (`first` / `last`), documented on the arguments. */
export const MAX_PAGE_SIZE = 500;
/** The page size when neither `first` nor `last` is given. */
export const DEFAULT_PAGE_SIZE = 20;

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
    /**
     * The caller meets `rule` in `workspaceId` (a permission of lib/permissions/registry.ts, or
     * any access): declared through `inWorkspace` / `onWorkspace` (graphql/authz.ts) on every
     * workspace field.
     */
    workspace: WorkspaceScopeParam;
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
      workspace: (param) => checkWorkspaceRule(context, param),
    }),
  },
  relay: {
    // A User's id is its bare UUID — what User.id has always been and what every argument
    // that names a person takes — so User implements Node without changing it: node(id:)
    // reads a bare UUID as a User (no other node's id is a bare UUID; Workspace ids are
    // encoded, tenant rows are "<workspaceId>.<rowId>"). The encoded "User:<uuid>" form is
    // accepted too. Every other type keeps Pothos's encoding.
    encodeGlobalID: (typename, id) => (typename === "User" ? String(id) : encodeGlobalID(typename, id)),
    decodeGlobalID: (globalID) =>
      UUID.test(globalID) ? { typename: "User", id: globalID.toLowerCase() } : decodeGlobalID(globalID),
    clientMutationId: "omit",
    cursorType: "String",
    nodesQueryOptions: false,
    // Page sizes are capped (MAX_PAGE_SIZE) and a larger request is an error naming the
    // argument, never silently shortened.
    firstArgOptions: {
      description: `Return the first n items (after \`after\`), 0–${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}.`,
      validate: z.number().int().min(0, ue("TOO_SMALL")).max(MAX_PAGE_SIZE, ue("PAGE_TOO_LARGE")),
    },
    lastArgOptions: {
      description: `Return the last n items (before \`before\`), 0–${MAX_PAGE_SIZE}.`,
      validate: z.number().int().min(0, ue("TOO_SMALL")).max(MAX_PAGE_SIZE, ue("PAGE_TOO_LARGE")),
    },
    afterArgOptions: { description: "Return items after this cursor (an endCursor of a previous page)." },
    beforeArgOptions: { description: "Return items before this cursor (a startCursor of a previous page)." },
    pageInfoTypeOptions: { description: "Where a page sits in its list (Relay cursor connections)." },
    hasNextPageFieldOptions: {
      description: "Whether more items follow this page (ask again with `after: endCursor`).",
    },
    hasPreviousPageFieldOptions: {
      description: "Whether items precede this page (ask again with `before: startCursor`).",
    },
    startCursorFieldOptions: { description: "Cursor of the first item of the page; null for an empty page." },
    endCursorFieldOptions: { description: "Cursor of the last item of the page; null for an empty page." },
    idFieldOptions: {
      description: "Global id (opaque): pass it to `node(id:)` and to mutations that take this object.",
    },
    nodeTypeOptions: { description: "An object with a global id that `node(id:)` can fetch again (Relay)." },
    nodeQueryOptions: {
      description:
        "Any object by its global id, or null when it does not exist or the caller may not see it (the two are indistinguishable).",
      args: { id: { description: "A global id from an `id` field." } },
    },
    defaultConnectionTypeOptions: {
      description:
        "One page of a list (Relay cursor connection): the items as edges, where the page sits, and the size of the whole list.",
    },
    defaultEdgeTypeOptions: { description: "One item of a page with its cursor." },
    edgesFieldOptions: { description: "The items of this page, in list order." },
    nodeFieldOptions: { description: "The item." },
    cursorFieldOptions: { description: "Opaque position of this item, for `after` / `before`." },
    pageInfoFieldOptions: { description: "Where this page sits in the list." },
  },
  validation: {
    validationError: (result) => {
      const fieldErrors = result.issues.map((i) =>
        fieldErrorOfIssue(
          i as SchemaIssue,
          (i.path ?? []).map((p) => (typeof p === "object" ? (p.key as string | number) : (p as string | number))),
        ),
      );
      return new AppError(
        "BAD_USER_INPUT",
        fieldErrors.map((e) => (e.path.length ? `${e.path.join(".")}: ${e.message}` : e.message)).join("; "),
        { fieldErrors },
      );
    },
  },
});
