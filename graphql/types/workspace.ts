import type { Workspace } from "@/generated/prisma/client";
import { WORKSPACE_ROLES } from "@/lib/permissions/roles";
import { builder } from "../builder";
import { parseWorkspaceId } from "../ids";

export const WorkspaceRoleEnum = builder.enumType("WorkspaceRole", {
  description: "A member's role in a workspace (SPEC §3).",
  values: WORKSPACE_ROLES,
});

/** A tenant: one company (SPEC §3). */
export const WorkspaceRef = builder.node(builder.objectRef<Workspace>("Workspace"), {
  id: { resolve: (ws) => ws.id },
  // node(id): only a workspace the caller can see; anything else is null, like a missing one.
  loadOne: async (id, ctx) => ((await ctx.access(id)) ? ctx.workspaceRow(id) : null),
  fields: (t) => ({
    name: t.exposeString("name"),
    slug: t.exposeString("slug"),
    currency: t.exposeString("currency"),
    timeZone: t.exposeString("timeZone"),
    fiscalYearStartMonth: t.exposeInt("fiscalYearStartMonth"),
    locale: t.exposeString("locale"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    viewerRole: t.field({
      type: WorkspaceRoleEnum,
      nullable: true,
      description: "The caller's role here; null for an API key.",
      resolve: async (ws, _args, ctx) => (await ctx.access(ws.id))?.role ?? null,
    }),
    viewerPermissions: t.stringList({
      description: "Permission strings (lib/permissions/registry.ts) the caller holds here; the UI reads these.",
      resolve: async (ws, _args, ctx) => [...((await ctx.access(ws.id))?.permissions ?? [])].sort(),
    }),
  }),
});

builder.queryField("workspace", (t) =>
  t.field({
    type: WorkspaceRef,
    nullable: true,
    description: "A workspace the caller may see; null otherwise (indistinguishable from a missing one).",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      if (!ctx.viewer) return null;
      const workspaceId = parseWorkspaceId(String(args.id), ["id"]);
      if (!(await ctx.access(workspaceId))) return null;
      return ctx.workspaceRow(workspaceId);
    },
  }),
);
