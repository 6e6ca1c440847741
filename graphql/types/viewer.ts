import type { Viewer } from "@/lib/auth/viewer";
import { listUserWorkspaces, type UserWorkspace } from "@/lib/workspaces/list-user-workspaces";
import { findWorkspace } from "@/lib/workspaces/find-workspace";
import { builder } from "../builder";
import { WorkspaceRef, WorkspaceRoleEnum } from "./workspace";

const ViewerKind = builder.enumType("ViewerKind", {
  description: "Who is behind the request.",
  values: {
    USER: { description: "A signed-in person." },
    API_KEY: { description: "A workspace's API key." },
    AGENCY_API_KEY: { description: "An agency's API key: reads the clients that granted the agency access (Viewer.agencies)." },
  } as const,
});

const WorkspaceMembershipRef = builder
  .objectRef<{ workspace: UserWorkspace["workspace"]; role: string | null }>("ViewerWorkspace")
  .implement({
    description: "A workspace the viewer can open, with the viewer's role there.",
    fields: (t) => ({
      workspace: t.field({ type: WorkspaceRef, resolve: (m) => m.workspace }),
      role: t.field({ type: WorkspaceRoleEnum, nullable: true, description: "Null for an API key.", resolve: (m) => m.role as never }),
    }),
  });

/** The user or API key behind the request (SPEC §9.1). */
export const ViewerRef = builder.objectRef<Viewer>("Viewer").implement({
  fields: (t) => ({
    kind: t.field({ type: ViewerKind, resolve: (v) => (v.kind === "user" ? "USER" : v.kind === "agencyKey" ? "AGENCY_API_KEY" : "API_KEY") }),
    userId: t.id({ nullable: true, resolve: (v) => (v.kind === "user" ? v.userId : null) }),
    email: t.string({ nullable: true, resolve: (v) => (v.kind === "user" ? v.email : null) }),
    name: t.string({ nullable: true, resolve: (v) => (v.kind === "user" ? v.name : null) }),
    locale: t.string({ nullable: true, resolve: (v) => (v.kind === "user" ? v.locale : null) }),
    scopes: t.stringList({ description: "API-key scopes; empty for a user.", resolve: (v) => (v.kind === "user" ? [] : v.scopes) }),
    workspaces: t.field({
      type: [WorkspaceMembershipRef],
      description: "Workspaces the viewer can open: a user's memberships, or an API key's own workspace (agency clients are under Viewer.agencies).",
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
  t.field({ type: ViewerRef, nullable: true, resolve: (_root, _args, ctx) => ctx.viewer }),
);
