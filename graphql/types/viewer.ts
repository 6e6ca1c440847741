import type { RateLimitState, Viewer } from "@/lib/auth/viewer";
import { listUserWorkspaces, type UserWorkspace } from "@/lib/workspaces/list-user-workspaces";
import { findWorkspace } from "@/lib/workspaces/find-workspace";
import { findApiKey } from "@/lib/api-keys/find-api-key";
import { builder } from "../builder";
import { ApiKeyRef } from "./api-keys";
import { WorkspaceRef, WorkspaceRoleEnum } from "./workspace";

const ViewerKind = builder.enumType("ViewerKind", {
  description: "Who is behind the request.",
  values: {
    USER: { description: "A signed-in person." },
    API_KEY: { description: "A workspace's API key." },
    AGENCY_API_KEY: {
      description: "An agency's API key: reads the clients that granted the agency access (Viewer.agencies).",
    },
  } as const,
});

const WorkspaceMembershipRef = builder
  .objectRef<{ workspace: UserWorkspace["workspace"]; role: string | null }>("ViewerWorkspace")
  .implement({
    description: "A workspace the viewer can open, with the viewer's role there.",
    fields: (t) => ({
      workspace: t.field({ description: "The workspace.", type: WorkspaceRef, resolve: (m) => m.workspace }),
      role: t.field({
        type: WorkspaceRoleEnum,
        nullable: true,
        description: "Null for an API key.",
        resolve: (m) => m.role as never,
      }),
    }),
  });

const RateLimitStatusRef = builder.objectRef<RateLimitState>("RateLimitStatus").implement({
  description: "An API key's rate-limit window (a sliding minute), as the RateLimit-* headers report it.",
  fields: (t) => ({
    limit: t.exposeInt("limit", { description: "Requests per minute the key may make (ApiKey.rateLimitPerMinute)." }),
    remaining: t.exposeInt("remaining", { description: "Requests left in the sliding minute after this one." }),
    resetSeconds: t.exposeInt("resetSeconds", { description: "Seconds until the current one-minute window ends." }),
  }),
});

/** The user or API key behind the request (SPEC §9.1). */
export const ViewerRef = builder.objectRef<Viewer>("Viewer").implement({
  description: "The user or API key behind the request (SPEC §9.1).",
  fields: (t) => ({
    kind: t.field({
      description: "A signed-in person, a workspace's API key or an agency's API key.",
      type: ViewerKind,
      resolve: (v) => (v.kind === "user" ? "USER" : v.kind === "agencyKey" ? "AGENCY_API_KEY" : "API_KEY"),
    }),
    userId: t.id({
      description: "The signed-in person's user id; null for an API key.",
      nullable: true,
      resolve: (v) => (v.kind === "user" ? v.userId : null),
    }),
    email: t.string({
      description: "The signed-in person's e-mail; null for an API key.",
      nullable: true,
      resolve: (v) => (v.kind === "user" ? v.email : null),
    }),
    name: t.string({
      description: "The signed-in person's name; null for an API key.",
      nullable: true,
      resolve: (v) => (v.kind === "user" ? v.name : null),
    }),
    locale: t.string({
      description: "The signed-in person's language (ru or en); null for an API key.",
      nullable: true,
      resolve: (v) => (v.kind === "user" ? v.locale : null),
    }),
    scopes: t.stringList({
      description: "API-key scopes; empty for a user.",
      deprecationReason: "Use apiKey.scopes (the ApiKeyScope enum).",
      resolve: (v) => (v.kind === "user" ? [] : v.scopes),
    }),
    apiKey: t.field({
      type: ApiKeyRef,
      nullable: true,
      description:
        "The API key behind the request (its id, name, scopes, expiry and rate limit; never the secret); null for a signed-in person.",
      resolve: (v, _a, ctx) =>
        v.kind === "apiKey" ? findApiKey(ctx.db, { workspaceId: v.workspaceId, apiKeyId: v.apiKeyId }) : null,
    }),
    rateLimit: t.field({
      type: RateLimitStatusRef,
      nullable: true,
      description:
        "Where the API key stands in its rate-limit window after this request (the RateLimit-* response headers); null for a person.",
      resolve: (v) => (v.kind === "apiKey" ? (v.rateLimit ?? null) : null),
    }),
    workspaces: t.field({
      type: [WorkspaceMembershipRef],
      description:
        "Workspaces the viewer can open: a user's memberships, or an API key's own workspace (agency clients are under Viewer.agencies).",
      resolve: async (v, _args, ctx) => {
        if (v.kind === "user") {
          const memberships = await listUserWorkspaces(ctx.db, { userId: v.userId });
          for (const m of memberships) ctx.knowMembership(m.workspace, m.role);
          return memberships;
        }
        if (v.kind === "agencyKey") return [];
        const workspace = await findWorkspace(ctx.db, { workspaceId: v.workspaceId });
        return workspace ? [{ workspace, role: null }] : [];
      },
    }),
  }),
});

builder.queryField("viewer", (t) =>
  t.field({
    description: "The user or API key behind the request; null when neither is sent (SPEC §9.1).",
    type: ViewerRef,
    nullable: true,
    resolve: (_root, _args, ctx) => ctx.viewer,
  }),
);
