import type { Workspace } from "@/generated/prisma/client";
import { WORKSPACE_ROLES } from "@/lib/permissions/roles";
import { builder } from "../builder";
import { parseWorkspaceId } from "../ids";

export const WorkspaceRoleEnum = builder.enumType("WorkspaceRole", {
  description: "A member's role in a workspace (SPEC §3).",
  values: {
    ADMIN: { description: "Manages members, keys, KPIs and settings; not ownership." },
    CLIENT_VIEWER: { description: "A client of an agency: reads published reports only." },
    CMO: { description: "Head of marketing: all marketing scorecards and targets." },
    CONTENT: { description: "Content marketing: the content scorecard." },
    OWNER: { description: "Owns the workspace: everything, including ownership and deletion." },
    PERFORMANCE: { description: "Performance marketing: the paid-acquisition scorecard." },
    SALES: { description: "Sales: the sales scorecard." },
    SMM: { description: "Social media: the social scorecard." },
  } satisfies Record<(typeof WORKSPACE_ROLES)[number], { description: string }>,
});

/** A tenant: one company (SPEC §3). */
export const WorkspaceRef = builder.node(builder.objectRef<Workspace>("Workspace"), {
  description:
    "A company's workspace: its data, KPIs, scorecards, members and keys (SPEC §3). Another tenant's workspace reads as null.",
  id: { resolve: (ws) => ws.id },
  // node(id): only a workspace the caller can see; anything else is null, like a missing one.
  loadOne: async (id, ctx) => ((await ctx.access(id)) ? ctx.workspaceRow(id) : null),
  fields: (t) => ({
    name: t.exposeString("name", { description: "The workspace's display name." }),
    slug: t.exposeString("slug", {
      description: "The workspace's address in the app's URLs (lower-case letters, digits, hyphens).",
    }),
    currency: t.exposeString("currency", {
      description: "Reporting currency (ISO 4217); every money value of the workspace is in it.",
    }),
    timeZone: t.exposeString("timeZone", {
      description: 'IANA time zone; days, periods and "today" are counted in it.',
    }),
    fiscalYearStartMonth: t.exposeInt("fiscalYearStartMonth", {
      description: "Month the fiscal year starts in, 1–12; quarters and years follow it.",
    }),
    locale: t.exposeString("locale", { description: "Language of e-mails and the default for new members: ru or en." }),
    createdAt: t.expose("createdAt", { description: "When the workspace was created.", type: "DateTime" }),
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
    args: { id: t.arg.id({ description: "A Workspace global id or its UUID.", required: true }) },
    resolve: async (_root, args, ctx) => {
      if (!ctx.viewer) return null;
      const workspaceId = parseWorkspaceId(String(args.id), ["id"]);
      if (!(await ctx.access(workspaceId))) return null;
      return ctx.workspaceRow(workspaceId);
    },
  }),
);
