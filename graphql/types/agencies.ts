import { decodeGlobalID, encodeGlobalID } from "@pothos/plugin-relay";
import type { Workspace } from "@/generated/prisma/client";
import { acceptAgencyInvite } from "@/lib/agencies/accept-agency-invite";
import type { AgencyApiKeyRow } from "@/lib/agencies/agency-api-key-row";
import { agencyNameSchema, primaryColorSchema } from "@/lib/agencies/agency-input";
import type { AgencyRow } from "@/lib/agencies/agency-row";
import type { ChannelGroupBenchmark, PortfolioEntry } from "@/lib/agencies/find-portfolio";
import { PORTFOLIO_SORTS, findPortfolio, sortPortfolio } from "@/lib/agencies/find-portfolio";
import { createAgency } from "@/lib/agencies/create-agency";
import { createAgencyApiKey } from "@/lib/agencies/create-agency-api-key";
import { createAgencyClient } from "@/lib/agencies/create-agency-client";
import { createAgencyInvite } from "@/lib/agencies/create-agency-invite";
import { type AgencyAccess, assertAgencyPermission } from "@/lib/agencies/find-agency-access";
import { findAgency } from "@/lib/agencies/find-agency";
import { grantAgencyAccess } from "@/lib/agencies/grant-agency-access";
import { type AgencyClient, listAgencyClients } from "@/lib/agencies/list-agency-clients";
import { listAgencyApiKeys } from "@/lib/agencies/list-agency-api-keys";
import { type AgencyAuditEventRow, listAgencyAuditEvents } from "@/lib/agencies/list-agency-audit-events";
import { removeAgencyMember } from "@/lib/agencies/remove-agency-member";
import { listAgencyMembers, type AgencyMemberRow } from "@/lib/agencies/list-agency-members";
import { listUserAgencies } from "@/lib/agencies/list-user-agencies";
import { listWorkspaceGrants, type WorkspaceGrant } from "@/lib/agencies/list-workspace-grants";
import { revokeAgencyAccess } from "@/lib/agencies/revoke-agency-access";
import { revokeAgencyApiKey } from "@/lib/agencies/revoke-agency-api-key";
import { updateAgency } from "@/lib/agencies/update-agency";
import { refreshAgencyBrandingCopies, saveAgencyLogo } from "@/lib/branding/agency-branding";
import { createApiKeyInputSchema } from "@/lib/api-keys/create-api-key";
import { actorOf } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors/app-error";
import { AGENCY_ROLES } from "@/lib/permissions/registry";
import type { WorkspaceRole } from "@/lib/permissions/roles";
import { accessOfAgencyKey, accessOfMembership } from "@/lib/tenancy/workspace-access";
import { UUID } from "@/lib/uuid";
import { builder } from "../builder";
import { accessIn, inWorkspace, onWorkspace } from "../authz";
import type { GraphQLContext } from "../context";
import { parseWorkspaceId } from "../ids";
import { decodeLogoBase64, underInput, withLogoFieldAsBase64 } from "../input-errors";
import { ApiKeyScopeEnum } from "./api-keys";
import { PeriodInput, dec, toPeriodRequest } from "./periods";
import { ScorecardRef, viewerLocale } from "./scorecards";
import { WorkspaceRef, WorkspaceRoleEnum } from "./workspace";

// ---------------------------------------------------------------- ids and access

/** An agency id from a client: the Agency's global id or its bare UUID (the "agency id" shown in its settings). */
function agencyIdOf(raw: string): string | null {
  if (UUID.test(raw)) return raw.toLowerCase();
  try {
    const { typename, id } = decodeGlobalID(raw);
    return typename === "Agency" && UUID.test(id) ? id.toLowerCase() : null;
  } catch {
    return null;
  }
}

function parseAgencyId(raw: string, path: (string | number)[]): string {
  const id = agencyIdOf(raw);
  if (!id) throw AppError.badInput(path, "NOT_AN_ID", { kind: { en: "agency", ru: "агентство" } });
  return id;
}

/** The caller's access with `permission`, or NOT_FOUND (not a member: like a missing agency) / FORBIDDEN. */
async function requireAgency(
  ctx: GraphQLContext,
  agencyId: string,
  permission: "agency.read" | "agency.manage" | "agency.createClient",
): Promise<AgencyAccess> {
  if (!ctx.viewer) throw new AppError("UNAUTHENTICATED", "Sign in or send an API key");
  return assertAgencyPermission(await ctx.agencyAccess(agencyId), permission);
}

/** The caller's clients of the agency, once per operation; each also primes ctx.access with the grant. */
async function clientsOf(ctx: GraphQLContext, access: AgencyAccess): Promise<AgencyClient[]> {
  return ctx.memo(`agency-clients:${access.agencyId}`, async () => {
    const clients = await listAgencyClients(ctx.db, access);
    // The grants just read decide the caller's access in each client (the same rule as
    // findWorkspaceAccess): Workspace fields under the list need no second read per client.
    const viewer = ctx.viewer!;
    for (const c of clients) {
      const derived =
        viewer.kind === "agencyKey"
          ? accessOfAgencyKey(c.workspace.id, c.role, viewer.scopes, access.agencyId)
          : accessOfMembership(c.workspace.id, c.role);
      if (derived) ctx.knowAccess(c.workspace, { ...derived, agencyId: access.agencyId });
    }
    return clients;
  });
}

// ---------------------------------------------------------------- types

export const AgencyRoleEnum = builder.enumType("AgencyRole", {
  description:
    "A person's role in an agency (SPEC §3). Inside a client the agency acts with the role the client granted.",
  values: {
    AGENCY_ADMIN: { description: "Manages the agency: settings, members, API keys, clients." },
    ACCOUNT_MANAGER: { description: "Works with the agency's clients (all, or those whose grant names them)." },
  } as const,
});

/** An agency (SPEC §9.2). */
export const AgencyRef = builder.node(builder.objectRef<AgencyRow>("Agency"), {
  description: "An agency organisation (SPEC §3, §8): its members act in the client workspaces that granted it access.",
  id: { resolve: (a) => a.id },
  loadOne: async (id, ctx) =>
    agencyIdOf(id) && (await ctx.agencyAccess(id)) ? findAgency(ctx.db, { agencyId: id.toLowerCase() }) : null,
  fields: (t) => ({
    name: t.exposeString("name", { description: "The agency's name (white-label reports show it)." }),
    slug: t.exposeString("slug", { description: "URL-friendly name." }),
    publicId: t.string({
      description:
        "The id a client pastes to grant this agency access (grantAgencyAccess.agencyId); the global id works too.",
      resolve: (a) => a.id,
    }),
    primaryColor: t.exposeString("primaryColor", {
      nullable: true,
      description: "Brand colour '#rrggbb' for white-label reports, or null.",
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the agency was created." }),
    viewerRole: t.field({
      type: AgencyRoleEnum,
      nullable: true,
      description: "The caller's agency role; null for an agency API key.",
      resolve: async (a, _args, ctx) => (await ctx.agencyAccess(a.id))?.role ?? null,
    }),
    clients: t.field({
      type: [WorkspaceRef],
      description:
        "Workspaces that granted this agency access and the caller may work with (an account manager: grants open to all or naming them). By name.",
      resolve: async (a, _args, ctx) => {
        const access = await requireAgency(ctx, a.id, "agency.read");
        return (await clientsOf(ctx, access)).map((c) => c.workspace);
      },
    }),
    clientGrants: t.field({
      type: [AgencyClientGrantRef],
      description: "The same clients with the role each granted.",
      resolve: async (a, _args, ctx) => clientsOf(ctx, await requireAgency(ctx, a.id, "agency.read")),
    }),
    portfolio: t.field({
      type: [PortfolioEntryRef],
      description:
        "Every client's company scorecard (SPEC §8) for the period (default: the current month in each client's zone), clients that need attention first unless `sort` says otherwise. Only clients whose granted role may read the company scorecard.",
      args: {
        period: t.arg({ type: PeriodInput, required: false, description: "The period; default the current month." }),
        sort: t.arg({ type: PortfolioSortEnum, required: false, description: "Order (default ATTENTION)." }),
        direction: t.arg({
          type: SortDirectionEnum,
          required: false,
          description: "ASC (default) or DESC; clients without the figure are always last.",
        }),
      },
      resolve: async (a, args, ctx) => {
        const { entries } = await portfolioOf(ctx, a.id, args.period);
        const sorted = sortPortfolio(entries, args.sort ?? "ATTENTION", args.direction ?? "ASC");
        return sorted.map((e) => ({ ...e, agencyId: a.id }));
      },
    }),
    benchmarks: t.field({
      type: [ChannelGroupBenchmarkRef],
      description:
        "Median and quartiles of CPL, CAC, ROMI, CTR and lead→deal conversion per channel group across the agency's own clients (those whose granted role may read metrics), with each client's position.",
      args: {
        period: t.arg({ type: PeriodInput, required: false, description: "The period; default the current month." }),
      },
      resolve: async (a, args, ctx) => {
        const { benchmarks, entries } = await portfolioOf(ctx, a.id, args.period);
        const workspaces = new Map(entries.map((e) => [e.client.workspace.id, e.client.workspace]));
        return benchmarks.map((b) => ({ ...b, workspaces }));
      },
    }),
    members: t.field({
      type: [AgencyMemberRef],
      nullable: true,
      description: "People in the agency, oldest first (agency admins).",
      resolve: async (a, _args, ctx) => {
        await requireAgency(ctx, a.id, "agency.manage");
        return listAgencyMembers(ctx.db, { agencyId: a.id });
      },
    }),
    auditEvents: t.field({
      type: [AgencyAuditEventRef],
      nullable: true,
      description:
        "The agency's audit log, newest first (agency admins): grants, role changes and revocations by clients, members, keys.",
      args: { first: t.arg.int({ required: false, description: "How many (default 50, at most 200)." }) },
      resolve: async (a, args, ctx) => {
        await requireAgency(ctx, a.id, "agency.manage");
        return listAgencyAuditEvents(ctx.db, { agencyId: a.id, limit: args.first ?? 50 });
      },
    }),
    apiKeys: t.field({
      type: [AgencyApiKeyRef],
      nullable: true,
      description: "The agency's API keys, newest first (agency admins).",
      resolve: async (a, _args, ctx) => {
        await requireAgency(ctx, a.id, "agency.manage");
        return listAgencyApiKeys(ctx.db, { agencyId: a.id });
      },
    }),
  }),
});

async function portfolioOf(
  ctx: GraphQLContext,
  agencyId: string,
  period: { type: string; anchor?: string | null; from?: string | null; to?: string | null } | null | undefined,
) {
  const access = await requireAgency(ctx, agencyId, "agency.read");
  const request = toPeriodRequest(period);
  return ctx.memo(`portfolio:${access.agencyId}:${JSON.stringify(request)}`, async () => {
    const clients = await clientsOf(ctx, access);
    const portfolio = await findPortfolio(ctx.db, {
      viewer: ctx.viewer!,
      agency: access,
      clients,
      period: request,
      now: ctx.now(),
    });
    // Workspace fields under an entry (scorecard, name…) reuse the grant's access: no second read.
    for (const e of portfolio.entries) ctx.knowAccess(e.client.workspace, e.access);
    return portfolio;
  });
}

const PortfolioSortEnum = builder.enumType("PortfolioSort", {
  description: "Orders of the portfolio.",
  values: {
    ATTENTION: { description: "Off-track KPIs, then at-risk KPIs (most first), then the lowest score." },
    NAME: { description: "Client name." },
    SCORE: { description: "Scorecard score." },
    REVENUE: { description: "Revenue so far." },
    CAC: { description: "CAC." },
    LTV_TO_CAC: { description: "LTV:CAC." },
    ROMI: { description: "ROMI." },
  } satisfies Record<(typeof PORTFOLIO_SORTS)[number], { description: string }>,
});

const SortDirectionEnum = builder.enumType("SortDirection", {
  description: "Ascending or descending.",
  values: { ASC: { description: "Ascending." }, DESC: { description: "Descending." } } as const,
});

type LocatedEntry = PortfolioEntry & { agencyId: string };

const PortfolioEntryRef = builder.objectRef<LocatedEntry>("PortfolioEntry").implement({
  description: "One client in the portfolio: the workspace and its company scorecard (SPEC §9.2).",
  fields: (t) => ({
    workspace: t.field({
      type: WorkspaceRef,
      description: "The client workspace.",
      resolve: (e) => e.client.workspace,
    }),
    scorecard: t.field({
      type: ScorecardRef,
      description: "The client's company scorecard — the same as Workspace.scorecard(role: OWNER).",
      resolve: (e, _args, ctx) => ({
        ...e.scorecard,
        role: "OWNER" as WorkspaceRole,
        locale: viewerLocale(ctx, e.client.workspace),
        workspaceId: e.client.workspace.id,
      }),
    }),
    grantedRole: t.field({
      type: WorkspaceRoleEnum,
      description: "The role the client granted the agency.",
      resolve: (e) => e.client.role,
    }),
    needsAttention: t.exposeBoolean("needsAttention", { description: "Some KPI is off track or at risk." }),
  }),
});

const BenchmarkPositionRef = builder
  .objectRef<{ workspace: Workspace; value: string; quartile: number; outlier: boolean }>("BenchmarkPosition")
  .implement({
    description: "One client's value and where it stands among the agency's clients.",
    fields: (t) => ({
      workspace: t.field({ type: WorkspaceRef, description: "The client.", resolve: (p) => p.workspace }),
      value: t.field({
        type: "Decimal",
        description: "The client's value (ratios as fractions).",
        resolve: (p) => p.value,
      }),
      quartile: t.exposeInt("quartile", {
        description: "1 = the best quarter of the clients for this metric … 4 = the worst.",
      }),
      outlier: t.exposeBoolean("outlier", { description: "Outside 1.5 × the interquartile range: out of line." }),
    }),
  });

const ChannelGroupBenchmarkRef = builder
  .objectRef<ChannelGroupBenchmark & { workspaces: Map<string, Workspace> }>("ChannelGroupBenchmark")
  .implement({
    description:
      "One metric of one channel group across the agency's clients (quartiles: inclusive linear interpolation).",
    fields: (t) => ({
      channelGroup: t.exposeString("channelGroup", {
        description: "The channel group (paid, social, content, … other).",
      }),
      metricKey: t.exposeString("metricKey", {
        description: "The SPEC §4.2 metric: cpl, cac, romi, ctr or lead_to_deal_conversion.",
      }),
      lowerIsBetter: t.boolean({ description: "True for costs (CPL, CAC).", resolve: (b) => b.direction === "lower" }),
      clientCount: t.int({ description: "Clients with a value.", resolve: (b) => b.summary.count }),
      lowerQuartile: t.field({
        type: "Decimal",
        description: "First quartile.",
        resolve: (b) => dec(b.summary.lowerQuartile)!,
      }),
      median: t.field({ type: "Decimal", description: "Median.", resolve: (b) => dec(b.summary.median)! }),
      upperQuartile: t.field({
        type: "Decimal",
        description: "Third quartile.",
        resolve: (b) => dec(b.summary.upperQuartile)!,
      }),
      positions: t.field({
        type: [BenchmarkPositionRef],
        description: "Each counted client's value and quartile.",
        resolve: (b) =>
          b.summary.positions.flatMap((p) => {
            const workspace = b.workspaces.get(p.clientId);
            return workspace ? [{ workspace, value: dec(p.value)!, quartile: p.quartile, outlier: p.outlier }] : [];
          }),
      }),
    }),
  });

const AgencyClientGrantRef = builder.objectRef<AgencyClient>("AgencyClientGrant").implement({
  description: "A client of the agency with the grant it gave.",
  fields: (t) => ({
    workspace: t.field({ type: WorkspaceRef, description: "The client workspace.", resolve: (c) => c.workspace }),
    role: t.field({
      type: WorkspaceRoleEnum,
      description: "The role the agency acts with there.",
      resolve: (c) => c.role,
    }),
    agencyCreated: t.exposeBoolean("agencyCreated", {
      description: "The agency created this workspace for the client.",
    }),
    limitedToManagers: t.boolean({
      description: "The grant names the account managers who may work with it.",
      resolve: (c) => c.managerUserIds.length > 0,
    }),
    grantedAt: t.expose("grantedAt", { type: "DateTime", description: "When access was granted." }),
  }),
});

const AgencyAuditEventRef = builder.objectRef<AgencyAuditEventRow>("AgencyAuditEvent").implement({
  description: "One entry of an agency's audit log.",
  fields: (t) => ({
    action: t.exposeString("action", {
      description: "What happened (e.g. agencyAccess.granted); the UI translates it.",
    }),
    actorName: t.exposeString("actorName", {
      nullable: true,
      description: "Who did it; null for a key or the system.",
    }),
    targetType: t.exposeString("targetType", { description: "agency, member, invite, apiKey or workspace." }),
    workspaceName: t.string({
      nullable: true,
      description: "The client concerned, for grant events.",
      resolve: (e) => (typeof e.data.workspaceName === "string" ? e.data.workspaceName : null),
    }),
    role: t.string({
      nullable: true,
      description: "The role involved (granted role, member role).",
      resolve: (e) => (typeof e.data.role === "string" ? e.data.role : null),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When." }),
  }),
});

const AgencyMemberRef = builder.objectRef<AgencyMemberRow>("AgencyMember").implement({
  description: "A person in an agency.",
  fields: (t) => ({
    id: t.id({
      description: "Global id (for removeAgencyMember).",
      resolve: (m) => encodeGlobalID("AgencyMember", `${m.agencyId}.${m.id}`),
    }),
    name: t.exposeString("name", { description: "The person's name." }),
    email: t.exposeString("email", { description: "The person's e-mail." }),
    role: t.field({ type: AgencyRoleEnum, description: "Their agency role.", resolve: (m) => m.role as never }),
    joinedAt: t.expose("createdAt", { type: "DateTime", description: "When they joined." }),
  }),
});

export const AgencyApiKeyRef = builder.objectRef<AgencyApiKeyRow>("AgencyApiKey").implement({
  description: "An agency's API key. The secret is shown once; its hash never leaves.",
  fields: (t) => ({
    id: t.id({
      description: "Global id (for revokeAgencyApiKey).",
      resolve: (k) => encodeGlobalID("AgencyApiKey", `${k.agencyId}.${k.id}`),
    }),
    name: t.exposeString("name", { description: "A name to recognise it by." }),
    prefix: t.exposeString("prefix", { description: "Public part of the key (tla_<prefix>_…)." }),
    scopes: t.field({
      type: [ApiKeyScopeEnum],
      description: "What it may do, per client also limited by the grant's role.",
      resolve: (k) => k.scopes as never,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "Created at." }),
    lastUsedAt: t.expose("lastUsedAt", {
      type: "DateTime",
      nullable: true,
      description: "Updated at most once a minute.",
    }),
    expiresAt: t.expose("expiresAt", { type: "DateTime", nullable: true, description: "Optional expiry." }),
    revokedAt: t.expose("revokedAt", { type: "DateTime", nullable: true, description: "When revoked." }),
  }),
});

const AgencyGrantRef = builder.objectRef<WorkspaceGrant>("AgencyGrant").implement({
  description: "An agency this workspace granted access to.",
  fields: (t) => ({
    agencyId: t.string({ description: "The agency's id (as pasted when granting).", resolve: (g) => g.agencyId }),
    agencyName: t.exposeString("agencyName", { description: "The agency's name." }),
    role: t.field({
      type: WorkspaceRoleEnum,
      description: "The role the agency acts with here.",
      resolve: (g) => g.role as never,
    }),
    managerEmails: t.exposeStringList("managerEmails", {
      description: "Account managers the grant is limited to; empty = every member of the agency.",
    }),
    agencyCreated: t.exposeBoolean("agencyCreated", { description: "The agency created this workspace." }),
    grantedAt: t.expose("grantedAt", { type: "DateTime", description: "When access was granted." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the grant last changed." }),
  }),
});

builder.objectFields(WorkspaceRef, (t) => ({
  agencyGrants: t.field({
    type: [AgencyGrantRef],
    nullable: true,
    description: "Agencies with access to this workspace (agencyAccess.manage: the owner).",
    authScopes: onWorkspace("agencyAccess.manage"),
    resolve: (ws, _args, ctx) => listWorkspaceGrants(ctx.db, { workspaceId: ws.id }),
  }),
  viewerAgency: t.field({
    type: AgencyRef,
    nullable: true,
    description: "The agency the caller acts for here (through its grant); null for the workspace's own members.",
    resolve: async (ws, _args, ctx) => {
      const agencyId = (await ctx.access(ws.id))?.agencyId;
      return agencyId && (await ctx.agencyAccess(agencyId)) ? findAgency(ctx.db, { agencyId }) : null;
    },
  }),
}));

// ---------------------------------------------------------------- queries

builder.queryField("agency", (t) =>
  t.field({
    type: AgencyRef,
    nullable: true,
    description:
      "An agency the caller is a member of (or whose key it is); null otherwise, like a missing one (SPEC §9.2).",
    args: { id: t.arg.id({ required: true, description: "The agency's global id or bare UUID." }) },
    resolve: async (_root, args, ctx) => {
      const agencyId = agencyIdOf(String(args.id));
      if (!agencyId || !(await ctx.agencyAccess(agencyId))) return null;
      return findAgency(ctx.db, { agencyId });
    },
  }),
);

const ViewerAgencyRef = builder.objectRef<{ agency: AgencyRow; role: string | null }>("ViewerAgency").implement({
  description: "An agency the viewer belongs to, with the viewer's role there.",
  fields: (t) => ({
    agency: t.field({ type: AgencyRef, description: "The agency.", resolve: (m) => m.agency }),
    role: t.field({
      type: AgencyRoleEnum,
      nullable: true,
      description: "Null for an agency API key.",
      resolve: (m) => m.role as never,
    }),
  }),
});

builder.queryField("viewerAgencies", (t) =>
  t.field({
    type: [ViewerAgencyRef],
    description:
      "The agencies of the signed-in person (or an agency key's own agency), oldest first — for the workspace switcher.",
    resolve: async (_root, _args, ctx) => {
      const v = ctx.viewer;
      if (!v || v.kind === "apiKey") return [];
      if (v.kind === "agencyKey") {
        const agency = await findAgency(ctx.db, { agencyId: v.agencyId });
        return agency ? [{ agency, role: null }] : [];
      }
      return listUserAgencies(ctx.db, { userId: v.userId });
    },
  }),
);

// ---------------------------------------------------------------- mutations

const CreateAgencyInput = builder.inputType("CreateAgencyInput", {
  description: "A new agency (SPEC §9.2).",
  fields: (t) => ({
    name: t.string({ required: true, description: "The agency's name.", validate: agencyNameSchema }),
    primaryColor: t.string({ description: "Brand colour '#rrggbb'.", validate: primaryColorSchema }),
  }),
});
const CreateAgencyPayload = builder.objectRef<{ agency: AgencyRow }>("CreateAgencyPayload").implement({
  description: "The created agency.",
  fields: (t) => ({ agency: t.field({ type: AgencyRef, description: "The agency.", resolve: (p) => p.agency }) }),
});

builder.mutationField("createAgency", (t) =>
  t.field({
    type: CreateAgencyPayload,
    description: "Creates an agency; the signed-in caller becomes its first AGENCY_ADMIN (SPEC §9.2).",
    args: { input: t.arg({ description: "The new agency's name.", type: CreateAgencyInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const viewer = ctx.requireUser();
      const agency = await underInput(() =>
        createAgency(ctx.db, { actorId: viewer.userId, name: input.name, primaryColor: input.primaryColor }),
      );
      return { agency };
    },
  }),
);

const UpdateAgencyInput = builder.inputType("UpdateAgencyInput", {
  description: "Agency settings to change; omitted fields stay.",
  fields: (t) => ({
    agencyId: t.id({ required: true, description: "The agency." }),
    name: t.string({ description: "New name.", validate: agencyNameSchema }),
    primaryColor: t.string({ description: "Brand colour '#rrggbb'; null clears it.", validate: primaryColorSchema }),
    logoBase64: t.string({
      description:
        "A new logo for the agency's white-label reports, base64: PNG, JPEG or WebP, checked by content, at most 512 KB; SVG is refused.",
    }),
    removeLogo: t.boolean({ description: "true: remove the agency's logo." }),
  }),
});

builder.mutationField("updateAgency", (t) =>
  t.field({
    type: CreateAgencyPayload,
    description:
      "Changes the agency's name, colour or logo (agency admins); the white-label reports of its clients follow.",
    args: {
      input: t.arg({ description: "The agency and the settings to change.", type: UpdateAgencyInput, required: true }),
    },
    resolve: async (_root, { input }, ctx) => {
      const viewer = ctx.requireUser();
      const agencyId = parseAgencyId(String(input.agencyId), ["input", "agencyId"]);
      await requireAgency(ctx, agencyId, "agency.manage");
      let logo: Uint8Array | null | undefined;
      if (input.removeLogo) logo = null;
      else if (input.logoBase64) {
        logo = decodeLogoBase64(input.logoBase64);
      }
      if (logo !== undefined) {
        await underInput(() => withLogoFieldAsBase64(() => saveAgencyLogo(ctx.db, { agencyId, logo })));
      }
      const agency = await underInput(() =>
        updateAgency(ctx.db, { agencyId, actor: actorOf(viewer), name: input.name, primaryColor: input.primaryColor }),
      );
      // Clients' reports carry copies of the agency's branding: they follow the change.
      await refreshAgencyBrandingCopies(ctx.db, { agencyId });
      return { agency };
    },
  }),
);

const GrantAgencyAccessInput = builder.inputType("GrantAgencyAccessInput", {
  description: "Grant an agency access to a workspace, or change the grant (SPEC §9.2).",
  fields: (t) => ({
    workspaceId: t.id({ required: true, description: "The client workspace (its owner grants)." }),
    agencyId: t.id({ required: true, description: "The agency's id, as shown in its settings." }),
    role: t.field({
      type: WorkspaceRoleEnum,
      required: true,
      description: "The role the agency acts with; never OWNER.",
    }),
    managerEmails: t.stringList({
      description:
        "Limit the grant to these account managers (agency admins always have it); empty or omitted: every member.",
    }),
  }),
});
const GrantAgencyAccessPayload = builder.objectRef<{ workspace: Workspace }>("GrantAgencyAccessPayload").implement({
  description: "The workspace whose grant changed.",
  fields: (t) => ({
    workspace: t.field({ type: WorkspaceRef, description: "The workspace.", resolve: (p) => p.workspace }),
  }),
});

builder.mutationField("grantAgencyAccess", (t) =>
  t.field({
    type: GrantAgencyAccessPayload,
    description:
      "The workspace owner grants an agency access with a role, or changes the role of an existing grant (SPEC §9.2). Effective on the agency's next request. Recorded in both audit logs.",
    args: {
      input: t.arg({
        description: "The client workspace, the agency and the role it acts with.",
        type: GrantAgencyAccessInput,
        required: true,
      }),
    },
    authScopes: inWorkspace("agencyAccess.manage", (_root, { input }) =>
      parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]),
    ),
    resolve: async (_root, { input }, ctx) => {
      const viewer = ctx.requireUser();
      const workspaceId = parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]);
      const access = await accessIn(ctx, workspaceId);
      if (access.agencyId) throw new AppError("FORBIDDEN", "An agency cannot change its own access");
      const agencyId = agencyIdOf(String(input.agencyId)) ?? String(input.agencyId);
      const { workspace } = await underInput(() =>
        grantAgencyAccess(ctx.db, {
          workspaceId,
          actor: { kind: "user", userId: viewer.userId },
          agencyId,
          role: input.role,
          managerEmails: input.managerEmails,
        }),
      );
      return { workspace };
    },
  }),
);

const RevokeAgencyAccessInput = builder.inputType("RevokeAgencyAccessInput", {
  description: "Revoke an agency's access (SPEC §9.2).",
  fields: (t) => ({
    workspaceId: t.id({ required: true, description: "The client workspace." }),
    agencyId: t.id({ required: true, description: "The agency." }),
  }),
});
const RevokeAgencyAccessPayload = builder.objectRef<{ workspace: Workspace }>("RevokeAgencyAccessPayload").implement({
  description: "The workspace the agency lost.",
  fields: (t) => ({
    workspace: t.field({ type: WorkspaceRef, description: "The workspace.", resolve: (p) => p.workspace }),
  }),
});

builder.mutationField("revokeAgencyAccess", (t) =>
  t.field({
    type: RevokeAgencyAccessPayload,
    description:
      "The workspace owner revokes an agency's access: its members and keys lose the workspace on their next request (SPEC §9.2).",
    args: {
      input: t.arg({
        description: "The client workspace and the agency to cut off.",
        type: RevokeAgencyAccessInput,
        required: true,
      }),
    },
    authScopes: inWorkspace("agencyAccess.manage", (_root, { input }) =>
      parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]),
    ),
    resolve: async (_root, { input }, ctx) => {
      const viewer = ctx.requireUser();
      const workspaceId = parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]);
      const access = await accessIn(ctx, workspaceId);
      if (access.agencyId) throw new AppError("FORBIDDEN", "An agency cannot change its own access");
      const agencyId = agencyIdOf(String(input.agencyId)) ?? String(input.agencyId);
      const workspace = await underInput(() =>
        revokeAgencyAccess(ctx.db, { workspaceId, actor: actorOf(viewer), agencyId }),
      );
      return { workspace };
    },
  }),
);

const CreateAgencyInviteInput = builder.inputType("CreateAgencyInviteInput", {
  description: "Invite a person into an agency.",
  fields: (t) => ({
    agencyId: t.id({ required: true, description: "The agency." }),
    email: t.string({ required: true, description: "Their e-mail; the link works only for it." }),
    role: t.field({ type: AgencyRoleEnum, required: true, description: "Their agency role." }),
  }),
});
const CreateAgencyInvitePayload = builder
  .objectRef<{ email: string; role: string; expiresAt: Date; inviteUrl: string; emailSent: boolean }>(
    "CreateAgencyInvitePayload",
  )
  .implement({
    description: "The invitation; the link is shown here once.",
    fields: (t) => ({
      email: t.exposeString("email", { description: "Invitee." }),
      role: t.field({ type: AgencyRoleEnum, description: "Their role.", resolve: (p) => p.role as never }),
      expiresAt: t.expose("expiresAt", { type: "DateTime", description: "When the link expires." }),
      inviteUrl: t.exposeString("inviteUrl", { description: "The single-use link." }),
      emailSent: t.exposeBoolean("emailSent", { description: "Whether an e-mail went out (SMTP configured)." }),
    }),
  });

builder.mutationField("createAgencyInvite", (t) =>
  t.field({
    type: CreateAgencyInvitePayload,
    description:
      "Invites a person into the agency (agency admins), like workspace invites: single-use, expiring links.",
    args: {
      input: t.arg({
        description: "The agency, the invitee's e-mail and their agency role.",
        type: CreateAgencyInviteInput,
        required: true,
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      const viewer = ctx.requireUser();
      const agencyId = parseAgencyId(String(input.agencyId), ["input", "agencyId"]);
      await requireAgency(ctx, agencyId, "agency.manage");
      return underInput(() =>
        createAgencyInvite(ctx.db, {
          agencyId,
          actorId: viewer.userId,
          baseUrl: ctx.meta.baseUrl,
          email: input.email,
          role: input.role,
          locale: viewer.locale === "ru" ? "ru" : "en",
        }),
      );
    },
  }),
);

builder.mutationField("acceptAgencyInvite", (t) =>
  t.field({
    type: CreateAgencyPayload,
    description: "The signed-in person joins an agency with an invite link addressed to their e-mail.",
    args: { token: t.arg.string({ required: true, description: "The token of the invite link." }) },
    resolve: async (_root, args, ctx) => {
      const viewer = ctx.requireUser();
      const agencyId = await acceptAgencyInvite(ctx.db, {
        actorId: viewer.userId,
        actorEmail: viewer.email,
        token: args.token,
      });
      const agency = await findAgency(ctx.db, { agencyId });
      if (!agency) throw AppError.notFound("Agency not found");
      return { agency };
    },
  }),
);

const CreateAgencyClientInput = builder.inputType("CreateAgencyClientInput", {
  description: "A client workspace the agency creates and manages until the client's owner takes over.",
  fields: (t) => ({
    agencyId: t.id({ required: true, description: "The agency." }),
    name: t.string({ required: true, description: "The client's name." }),
    slug: t.string({ description: "The workspace address; taken → an error (default: from the name)." }),
    currency: t.string({ description: "Reporting currency (ISO 4217)." }),
    timeZone: t.string({ description: "IANA time zone." }),
    locale: t.string({ description: "ru or en." }),
    ownerEmail: t.string({ description: "The client's owner-to-be: invited with role OWNER." }),
  }),
});
const CreateAgencyClientPayload = builder
  .objectRef<{ workspace: Workspace; ownerInviteUrl: string | null }>("CreateAgencyClientPayload")
  .implement({
    description: "The new client workspace.",
    fields: (t) => ({
      workspace: t.field({
        type: WorkspaceRef,
        description: "The workspace (the agency holds it with ADMIN).",
        resolve: (p) => p.workspace,
      }),
      ownerInviteUrl: t.exposeString("ownerInviteUrl", {
        nullable: true,
        description: "The owner's single-use invite link, shown once.",
      }),
    }),
  });

builder.mutationField("createAgencyClient", (t) =>
  t.field({
    type: CreateAgencyClientPayload,
    description:
      "An agency admin creates a client workspace the agency manages with ADMIN, and may invite the client's owner (SPEC §8).",
    args: {
      input: t.arg({
        description: "The agency and the new client workspace's settings.",
        type: CreateAgencyClientInput,
        required: true,
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      const viewer = ctx.requireUser();
      const agencyId = parseAgencyId(String(input.agencyId), ["input", "agencyId"]);
      await requireAgency(ctx, agencyId, "agency.createClient");
      const { agencyId: _raw, ...fields } = input;
      return underInput(() =>
        createAgencyClient(ctx.db, { ...fields, agencyId, actorId: viewer.userId, baseUrl: ctx.meta.baseUrl }),
      );
    },
  }),
);

const CreateAgencyApiKeyInput = builder.inputType("CreateAgencyApiKeyInput", {
  description: "A new agency API key.",
  fields: (t) => ({
    agencyId: t.id({ required: true, description: "The agency." }),
    name: t.string({
      required: true,
      description: "A name to recognise it by.",
      validate: createApiKeyInputSchema.shape.name,
    }),
    scopes: t.field({
      type: [ApiKeyScopeEnum],
      required: true,
      description: "Scopes as for workspace keys; per client limited by the grant's role.",
      validate: createApiKeyInputSchema.shape.scopes,
    }),
    expiresAt: t.field({ type: "DateTime", description: "Optional expiry; must be in the future." }),
  }),
});
const CreateAgencyApiKeyPayload = builder
  .objectRef<{ apiKey: AgencyApiKeyRow; secret: string }>("CreateAgencyApiKeyPayload")
  .implement({
    description: "The key and its secret, shown only here.",
    fields: (t) => ({
      apiKey: t.field({ type: AgencyApiKeyRef, description: "The key.", resolve: (p) => p.apiKey }),
      secret: t.exposeString("secret", {
        description: "The whole key (tla_…): store it now, it is never shown again.",
      }),
    }),
  });

builder.mutationField("createAgencyApiKey", (t) =>
  t.field({
    type: CreateAgencyApiKeyPayload,
    description: "Creates an agency API key (agency admins, signed in) that reads every client that granted access.",
    args: {
      input: t.arg({
        description: "The agency, the key's name and its scopes.",
        type: CreateAgencyApiKeyInput,
        required: true,
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      const viewer = ctx.requireUser();
      const agencyId = parseAgencyId(String(input.agencyId), ["input", "agencyId"]);
      await requireAgency(ctx, agencyId, "agency.manage");
      return underInput(() =>
        createAgencyApiKey(ctx.db, {
          agencyId,
          actorId: viewer.userId,
          name: input.name,
          scopes: input.scopes,
          expiresAt: input.expiresAt,
        }),
      );
    },
  }),
);

const AgencyApiKeyPayload = builder.objectRef<{ apiKey: AgencyApiKeyRow }>("RevokeAgencyApiKeyPayload").implement({
  description: "The revoked key.",
  fields: (t) => ({ apiKey: t.field({ type: AgencyApiKeyRef, description: "The key.", resolve: (p) => p.apiKey }) }),
});

builder.mutationField("revokeAgencyApiKey", (t) =>
  t.field({
    type: AgencyApiKeyPayload,
    description: "Revokes an agency API key (agency admins); effective on its next request.",
    args: { id: t.arg.id({ required: true, description: "AgencyApiKey.id." }) },
    resolve: async (_root, args, ctx) => {
      const viewer = ctx.requireUser();
      let parsed: { agencyId: string; keyId: string } | null = null;
      try {
        const { typename, id } = decodeGlobalID(String(args.id));
        const [agencyId, keyId] = id.split(".");
        if (typename === "AgencyApiKey" && UUID.test(agencyId ?? "") && UUID.test(keyId ?? ""))
          parsed = { agencyId: agencyId.toLowerCase(), keyId: keyId.toLowerCase() };
      } catch {
        parsed = null;
      }
      if (!parsed)
        throw AppError.badInput(["id"], "NOT_AN_ID", { kind: { en: "agency API key", ru: "API-ключ агентства" } });
      await requireAgency(ctx, parsed.agencyId, "agency.manage");
      const apiKey = await revokeAgencyApiKey(ctx.db, {
        agencyId: parsed.agencyId,
        actorId: viewer.userId,
        apiKeyId: parsed.keyId,
      });
      return { apiKey };
    },
  }),
);

const RemoveAgencyMemberPayload = builder.objectRef<{ agency: AgencyRow }>("RemoveAgencyMemberPayload").implement({
  description: "The agency the person was removed from.",
  fields: (t) => ({ agency: t.field({ type: AgencyRef, description: "The agency.", resolve: (p) => p.agency }) }),
});

builder.mutationField("removeAgencyMember", (t) =>
  t.field({
    type: RemoveAgencyMemberPayload,
    description:
      "Removes a person from the agency (agency admins); they lose its clients on their next request. The last admin stays.",
    args: { id: t.arg.id({ required: true, description: "AgencyMember.id." }) },
    resolve: async (_root, args, ctx) => {
      const viewer = ctx.requireUser();
      const parsed = parseAgencyRowId(String(args.id), "AgencyMember");
      if (!parsed)
        throw AppError.badInput(["id"], "NOT_AN_ID", { kind: { en: "agency member", ru: "участник агентства" } });
      await requireAgency(ctx, parsed.agencyId, "agency.manage");
      await removeAgencyMember(ctx.db, { agencyId: parsed.agencyId, actorId: viewer.userId, memberId: parsed.rowId });
      const agency = await findAgency(ctx.db, { agencyId: parsed.agencyId });
      if (!agency) throw AppError.notFound("Agency not found");
      return { agency };
    },
  }),
);

/** "<agencyId>.<rowId>" inside a global id of `typename`, or null. */
function parseAgencyRowId(raw: string, typename: string): { agencyId: string; rowId: string } | null {
  try {
    const { typename: type, id } = decodeGlobalID(raw);
    const [agencyId, rowId, ...rest] = id.split(".");
    if (type === typename && rest.length === 0 && UUID.test(agencyId ?? "") && UUID.test(rowId ?? ""))
      return { agencyId: agencyId.toLowerCase(), rowId: rowId.toLowerCase() };
  } catch {
    // not a global id
  }
  return null;
}

// The enum's values are exactly lib's agency roles.
const _rolesInStep: Record<(typeof AGENCY_ROLES)[number], true> = { AGENCY_ADMIN: true, ACCOUNT_MANAGER: true };
void _rolesInStep;
