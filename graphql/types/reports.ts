import { z } from "zod";
import { actorOf } from "@/lib/audit/actor";
import { deleteReport } from "@/lib/reports/delete-report";
import { AppError } from "@/lib/errors/app-error";
import { findWorkspace } from "@/lib/workspaces/find-workspace";
import type { Branding } from "@/lib/branding/save-branding";
import { findWorkspaceBranding, saveWorkspaceBranding } from "@/lib/branding/save-branding";
import { MAX_LOGO_BYTES } from "@/lib/branding/check-logo";
import { type AgencyBrandingChoice, brandingAgencyOf, listAgencyBrandingChoices } from "@/lib/branding/agency-branding";
import type { WorkspaceAccess } from "@/lib/tenancy/workspace-access";
import { findReport, listReportVersions, listReports } from "@/lib/reports/find-report";
import { publishReport } from "@/lib/reports/publish-report";
import type { ReportDefinitionInput } from "@/lib/reports/report-definition";
import type { ReportVersion, ReportWithVersion, ShareLink } from "@/lib/reports/report-record";
import {
  type ReportDelivery,
  type ReportSchedule,
  createReportSchedule,
  deleteReportSchedule,
  findReportSchedule,
  listReportDeliveries,
  listReportSchedules,
} from "@/lib/reports/report-schedules";
import { saveReport } from "@/lib/reports/save-report";
import { createShareLink, findShareLink, listShareLinks, revokeShareLink } from "@/lib/reports/share-links";
import type { GraphQLContext } from "../context";
import { builder } from "../builder";
import { inWorkspace, onWorkspace } from "../authz";
import { parseTenantNodeId, parseWorkspaceId, tenantNodeId } from "../ids";
import { decodeLogoBase64, parseTenantNodeInput, underInput, withLogoFieldAsBase64 } from "../input-errors";
import { PeriodInput, PeriodTypeEnum } from "./periods";
import { WorkspaceRef, WorkspaceRoleEnum } from "./workspace";
import { ue } from "@/lib/errors/user-errors";

/** Who the audit log names for this request (null for a caller it cannot name). */
const actorOfCtx = (ctx: GraphQLContext) => (ctx.viewer ? actorOf(ctx.viewer) : null);

/** Whether the caller may see drafts and manage (else: published reports only, e.g. CLIENT_VIEWER). */
const manages = (access: WorkspaceAccess | null) => access?.permissions.has("report.manage") ?? false;

async function loadReport(
  ctx: GraphQLContext,
  workspaceId: string,
  reportId: string,
): Promise<ReportWithVersion | null> {
  const access = await ctx.access(workspaceId);
  if (!access?.permissions.has("report.read")) return null;
  return findReport(ctx.db, { workspaceId, reportId, version: manages(access) ? undefined : "published" });
}

/** A report id from `input.reportId` (BAD_USER_INPUT when it is not one). */
function reportIdOf(input: { reportId: string | number }): { workspaceId: string; reportId: string } {
  const { workspaceId, rowId } = parseTenantNodeInput(String(input.reportId), "Report", ["input", "reportId"]);
  return { workspaceId, reportId: rowId };
}

/** report.manage in the report's workspace; another workspace's report is NOT_FOUND. */
const manageReport = inWorkspace(
  "report.manage",
  (_root: unknown, { input }: { input: { reportId: string | number } }) => reportIdOf(input).workspaceId,
  {
    notFound: "Report not found",
  },
);

export const ReportStatusEnum = builder.enumType("ReportStatus", {
  description:
    "A report's lifecycle: drafts are seen by the team only; published reports by share links, schedules and CLIENT_VIEWER members.",
  values: {
    DRAFT: { description: "Being composed; not visible outside the team." },
    PUBLISHED: { description: "A version is published." },
  } as const,
});

const ReportSectionCommentaryRef = builder
  .objectRef<{ section: string; text: string }>("ReportSectionCommentary")
  .implement({
    description: "Commentary written for one section of a report.",
    fields: (t) => ({
      section: t.exposeString("section", {
        description: "COMPANY, CMO, PERFORMANCE, SMM, CONTENT, SALES (the marketing–sales view) or KPI_TREE.",
      }),
      text: t.exposeString("text", { description: "The commentary." }),
    }),
  });

const ReportKpiCommentaryRef = builder.objectRef<{ kpiKey: string; text: string }>("ReportKpiCommentary").implement({
  description: "Commentary written for one KPI of a report.",
  fields: (t) => ({
    kpiKey: t.exposeString("kpiKey", { description: "The KPI's key (Kpi.key)." }),
    text: t.exposeString("text", { description: "The commentary." }),
  }),
});

const ReportPeriodRef = builder.objectRef<ReportWithVersion["definition"]["period"]>("ReportPeriod").implement({
  description: "The period a report covers, as composed (resolved when the report is read).",
  fields: (t) => ({
    type: t.field({ type: PeriodTypeEnum, description: "Period type.", resolve: (p) => p.type.toUpperCase() as never }),
    anchor: t.field({
      type: "Date",
      nullable: true,
      description: "A day inside the period (fixed periods).",
      resolve: (p) => p.anchor ?? null,
    }),
    from: t.field({ type: "Date", nullable: true, description: "CUSTOM start.", resolve: (p) => p.from ?? null }),
    to: t.field({ type: "Date", nullable: true, description: "CUSTOM end.", resolve: (p) => p.to ?? null }),
    rolling: t.exposeBoolean("rolling", {
      description: "Always the last complete period of the type (e.g. last complete month).",
    }),
  }),
});

const ReportVersionRef = builder.objectRef<ReportVersion>("ReportVersion").implement({
  description: "A saved state of a report (versions are kept, append-only).",
  fields: (t) => ({
    version: t.exposeInt("version", { description: "1, 2, 3 … in order of saving." }),
    title: t.exposeString("title", { description: "The title at that version." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was saved." }),
  }),
});

/** A share link (tenant node). Its token is never readable again. */
export const ShareLinkRef = builder.node(builder.objectRef<ShareLink>("ShareLink"), {
  description:
    "A public read-only link to a report's published version (SPEC §9.2). The token is shown once, at creation.",
  id: { resolve: (l) => tenantNodeId(l.workspaceId, l.id) },
  loadOne: async (id, ctx) => {
    const parsed = parseTenantNodeId(id);
    if (!parsed || !manages(await ctx.access(parsed.workspaceId))) return null;
    return findShareLink(ctx.db, { workspaceId: parsed.workspaceId, shareLinkId: parsed.rowId });
  },
  fields: (t) => ({
    expiresAt: t.expose("expiresAt", {
      type: "DateTime",
      nullable: true,
      description: "After this the link answers 404; null = no expiry.",
    }),
    revokedAt: t.expose("revokedAt", {
      type: "DateTime",
      nullable: true,
      description: "When it was revoked; the link answers 404 from then on.",
    }),
    lastViewedAt: t.expose("lastViewedAt", {
      type: "DateTime",
      nullable: true,
      description: "The last time the page or PDF was opened.",
    }),
    viewCount: t.exposeInt("viewCount", { description: "How many times the page or PDF was opened." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was created." }),
    active: t.boolean({
      description: "Neither revoked nor expired.",
      resolve: (l) => !l.revokedAt && (!l.expiresAt || l.expiresAt.getTime() > Date.now()),
    }),
  }),
});

export const ScheduleCadenceEnum = builder.enumType("ReportScheduleCadence", {
  description: "When a scheduled report is sent, in the workspace's time zone.",
  values: {
    WEEKLY: { description: "Every week on `weekday`." },
    MONTHLY: { description: "Every month on `dayOfMonth`." },
    PERIOD_CLOSE: { description: "The day after a month or fiscal quarter closes." },
  } as const,
});

export const ClosePeriodEnum = builder.enumType("ReportClosePeriod", {
  description: "The period whose close sends a PERIOD_CLOSE schedule.",
  values: { MONTH: { description: "Calendar month." }, QUARTER: { description: "Fiscal quarter." } } as const,
});

const ReportDeliveryRef = builder.objectRef<ReportDelivery>("ReportDelivery").implement({
  description: "One scheduled send of a report (the delivery log).",
  fields: (t) => ({
    slot: t.exposeString("slot", {
      description: "The local date (workspace time zone) of the slot, YYYY-MM-DD; each slot is sent once.",
    }),
    status: t.exposeString("status", { description: "SENDING, SENT, FAILED (will retry) or GAVE_UP." }),
    attempts: t.exposeInt("attempts", { description: "How many times sending was tried." }),
    recipients: t.exposeInt("recipients", { description: "Messages sent in the last attempt." }),
    lastError: t.exposeString("lastError", { nullable: true, description: "Why the last attempt failed." }),
    claimedAt: t.expose("claimedAt", { type: "DateTime", description: "When an instance claimed the slot." }),
    sentAt: t.expose("sentAt", {
      type: "DateTime",
      nullable: true,
      description: "When every message was handed to the mail server.",
    }),
    nextAttemptAt: t.expose("nextAttemptAt", {
      type: "DateTime",
      nullable: true,
      description: "When a failed delivery is retried.",
    }),
  }),
});

export const ReportScheduleRef = builder.objectRef<ReportSchedule>("ReportSchedule").implement({
  description: "When and to whom a report is e-mailed (PDF attached, with a share link).",
  fields: (t) => ({
    id: t.id({
      description: "Schedule id (for deleteReportSchedule).",
      resolve: (s) => tenantNodeId(s.workspaceId, s.id),
    }),
    cadence: t.field({
      type: ScheduleCadenceEnum,
      description: "Weekly, monthly or after a period closes.",
      resolve: (s) => s.cadence as never,
    }),
    weekday: t.exposeInt("weekday", { nullable: true, description: "1 = Monday … 7 = Sunday (WEEKLY)." }),
    dayOfMonth: t.exposeInt("dayOfMonth", { nullable: true, description: "1–28 (MONTHLY)." }),
    closePeriod: t.field({
      type: ClosePeriodEnum,
      nullable: true,
      description: "PERIOD_CLOSE: month or quarter.",
      resolve: (s) => (s.closePeriod ? (s.closePeriod.toUpperCase() as never) : null),
    }),
    hour: t.exposeInt("hour", { description: "Local hour (0–23) in the workspace's time zone." }),
    externalEmails: t.exposeStringList("externalEmails", {
      description: "External recipients (each e-mail carries an unsubscribe link).",
    }),
    memberCount: t.int({ description: "Members who receive it.", resolve: (s) => s.memberUserIds.length }),
    nextRunAt: t.expose("nextRunAt", { type: "DateTime", description: "The next send." }),
    deliveries: t.field({
      type: [ReportDeliveryRef],
      description: "The delivery log, newest first.",
      resolve: (s, _a, ctx) => listReportDeliveries(ctx.db, { workspaceId: s.workspaceId, scheduleId: s.id }),
    }),
  }),
});

/** A report (tenant node), with its current version (or, for readers who cannot manage reports, its published one). */
export const ReportRef = builder.node(builder.objectRef<ReportWithVersion>("Report"), {
  description: "A white-label report of chosen scorecards for a period, with commentary (SPEC §8, §9.2).",
  id: { resolve: (r) => tenantNodeId(r.report.workspaceId, r.report.id) },
  loadOne: async (id, ctx) => {
    const parsed = parseTenantNodeId(id);
    return parsed ? loadReport(ctx, parsed.workspaceId, parsed.rowId) : null;
  },
  fields: (t) => ({
    title: t.string({ description: "The report's title.", resolve: (r) => r.version.title }),
    status: t.field({
      type: ReportStatusEnum,
      description: "Draft or published.",
      resolve: (r) => r.report.status as never,
    }),
    version: t.int({ description: "The version shown here.", resolve: (r) => r.version.version }),
    currentVersion: t.int({ description: "The newest saved version.", resolve: (r) => r.report.currentVersion }),
    publishedVersion: t.int({
      nullable: true,
      description: "The version share links, PDFs and schedules show.",
      resolve: (r) => r.report.publishedVersion,
    }),
    publishedAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When it was last published.",
      resolve: (r) => r.report.publishedAt,
    }),
    updatedAt: t.field({
      type: "DateTime",
      description: "When it was last saved.",
      resolve: (r) => r.report.updatedAt,
    }),
    roles: t.field({
      type: [WorkspaceRoleEnum],
      description:
        "The scorecards in the report, by role (OWNER = the company scorecard, SALES = the marketing–sales view).",
      resolve: (r) => r.definition.roles as never,
    }),
    includeKpiTree: t.boolean({
      description: "Whether the KPI tree is included.",
      resolve: (r) => r.definition.includeKpiTree,
    }),
    includeMetricTable: t.boolean({
      description: "Whether the metric table is included.",
      resolve: (r) => r.definition.includeMetricTable,
    }),
    period: t.field({
      type: ReportPeriodRef,
      description: "The period as composed.",
      resolve: (r) => r.definition.period,
    }),
    commentary: t.string({
      nullable: true,
      description: "Commentary for the whole report.",
      resolve: (r) => r.definition.commentary,
    }),
    sectionCommentary: t.field({
      type: [ReportSectionCommentaryRef],
      description: "Commentary per section.",
      resolve: (r) => r.definition.sectionCommentary,
    }),
    kpiCommentary: t.field({
      type: [ReportKpiCommentaryRef],
      description: "Commentary per KPI.",
      resolve: (r) => r.definition.kpiCommentary,
    }),
    locale: t.string({
      description: "The language the report is written and formatted in (en or ru).",
      resolve: (r) => r.definition.locale,
    }),
    brandingAgencyId: t.id({
      nullable: true,
      description:
        "The agency whose branding the report carries (an agency managing the workspace); null: the workspace's own.",
      resolve: (r, _a, ctx) =>
        r.report.brandingId
          ? brandingAgencyOf(ctx.db, { workspaceId: r.report.workspaceId, brandingId: r.report.brandingId })
          : null,
    }),
    pdfPath: t.string({
      description: "Path of this report's PDF for signed-in members (same origin; GET with the session or an API key).",
      resolve: (r) => `/api/reports/${encodeURIComponent(tenantNodeId(r.report.workspaceId, r.report.id))}/pdf`,
    }),
    versions: t.field({
      type: [ReportVersionRef],
      nullable: true,
      description: "Saved versions, newest first (report.manage; null otherwise).",
      resolve: async (r, _a, ctx) =>
        manages(await ctx.access(r.report.workspaceId))
          ? listReportVersions(ctx.db, { workspaceId: r.report.workspaceId, reportId: r.report.id })
          : null,
    }),
    shareLinks: t.field({
      type: [ShareLinkRef],
      nullable: true,
      description: "Share links, newest first (report.manage; null otherwise).",
      resolve: async (r, _a, ctx) =>
        manages(await ctx.access(r.report.workspaceId))
          ? listShareLinks(ctx.db, { workspaceId: r.report.workspaceId, reportId: r.report.id })
          : null,
    }),
    schedules: t.field({
      type: [ReportScheduleRef],
      nullable: true,
      description: "Delivery schedules (report.manage; null otherwise).",
      resolve: async (r, _a, ctx) =>
        manages(await ctx.access(r.report.workspaceId))
          ? listReportSchedules(ctx.db, { workspaceId: r.report.workspaceId, reportId: r.report.id })
          : null,
    }),
  }),
});

const ReportBrandingRef = builder.objectRef<Branding>("ReportBranding").implement({
  description: "How the workspace's reports look: name, logo, primary colour (white text sits on it, WCAG AA).",
  fields: (t) => ({
    name: t.exposeString("name", { description: "The name shown as the report's sender." }),
    primaryColor: t.exposeString("primaryColor", { description: "#rrggbb; contrast with white text ≥ 4.5:1." }),
    hasLogo: t.boolean({ description: "Whether a logo was uploaded.", resolve: (b) => b.logo !== null }),
    logoDataUrl: t.string({
      nullable: true,
      description: "The logo as a data: URL (PNG, JPEG or WebP, checked by content), for previews.",
      resolve: (b) =>
        b.logo && b.logoType ? `data:${b.logoType};base64,${Buffer.from(b.logo).toString("base64")}` : null,
    }),
  }),
});

const AgencyBrandingRef = builder.objectRef<AgencyBrandingChoice>("AgencyBranding").implement({
  description:
    "An agency's branding as a workspace it manages may use on its reports (a copy is kept in the workspace while the grant lasts).",
  fields: (t) => ({
    agencyId: t.exposeID("agencyId", { description: "The agency's id (pass as brandingAgencyId)." }),
    name: t.exposeString("name", { description: "The agency's name, shown as the report's sender." }),
    primaryColor: t.exposeString("primaryColor", {
      description: "#rrggbb used on reports (the default colour when the agency's fails WCAG AA with white text).",
    }),
    hasLogo: t.exposeBoolean("hasLogo", { description: "Whether the agency uploaded a logo." }),
  }),
});

const readReports = onWorkspace("report.read");

builder.objectFields(WorkspaceRef, (t) => ({
  reports: t.field({
    type: [ReportRef],
    nullable: true,
    description:
      "Reports, newest first: every report for report.manage, published ones only for other readers (CLIENT_VIEWER).",
    authScopes: readReports,
    resolve: async (ws, _a, ctx) => {
      const manager = manages(await ctx.access(ws.id));
      const reports = await listReports(ctx.db, { workspaceId: ws.id, publishedOnly: !manager });
      const out = await Promise.all(
        reports.map((r) =>
          findReport(ctx.db, { workspaceId: ws.id, reportId: r.id, version: manager ? undefined : "published" }),
        ),
      );
      return out.filter((r): r is ReportWithVersion => r !== null);
    },
  }),
  report: t.field({
    type: ReportRef,
    nullable: true,
    description:
      "One report by id; null when it is not in this workspace (or not published, for readers who cannot manage reports).",
    authScopes: readReports,
    args: { id: t.arg.id({ required: true, description: "The Report id." }) },
    resolve: async (ws, args, ctx) => {
      const parsed = parseTenantNodeId(String(args.id));
      if (parsed && parsed.workspaceId === ws.id) return loadReport(ctx, ws.id, parsed.rowId);
      try {
        const { workspaceId, rowId } = parseTenantNodeInput(String(args.id), "Report", ["id"]);
        return workspaceId === ws.id ? loadReport(ctx, ws.id, rowId) : null;
      } catch {
        return null;
      }
    },
  }),
  agencyBrandings: t.field({
    type: [AgencyBrandingRef],
    nullable: true,
    description:
      "The brandings of the agencies that manage this workspace, which its reports may carry (report.manage; null otherwise).",
    authScopes: readReports,
    resolve: async (ws, _a, ctx) =>
      manages(await ctx.access(ws.id)) ? listAgencyBrandingChoices(ctx.db, { workspaceId: ws.id }) : null,
  }),
  reportBranding: t.field({
    type: ReportBrandingRef,
    nullable: true,
    description: "The workspace's report branding; null until saved (reports then use the workspace name).",
    authScopes: readReports,
    resolve: (ws, _a, ctx) => findWorkspaceBranding(ctx.db, { workspaceId: ws.id }),
  }),
}));

// ---------------------------------------------------------------- inputs

const ReportSectionCommentaryInput = builder.inputType("ReportSectionCommentaryInput", {
  description: "Commentary for one section.",
  fields: (t) => ({
    section: t.string({ required: true, description: "COMPANY, CMO, PERFORMANCE, SMM, CONTENT, SALES or KPI_TREE." }),
    text: t.string({ required: true, description: "The commentary (≤ 5 000 characters)." }),
  }),
});

const ReportKpiCommentaryInput = builder.inputType("ReportKpiCommentaryInput", {
  description: "Commentary for one KPI.",
  fields: (t) => ({
    kpiKey: t.string({ required: true, description: "The KPI's key." }),
    text: t.string({ required: true, description: "The commentary (≤ 2 000 characters)." }),
  }),
});

const CreateReportInput = builder.inputType("CreateReportInput", {
  description: "A new report (SPEC §9.2): scorecards by role, a period and commentary.",
  fields: (t) => ({
    workspaceId: t.id({ required: true, description: "The workspace." }),
    title: t.string({ required: true, description: "Title (≤ 200 characters)." }),
    roles: t.field({
      type: [WorkspaceRoleEnum],
      required: true,
      description:
        "Scorecards to include, by role: OWNER = the company scorecard, SALES = the marketing–sales view. CLIENT_VIEWER has none.",
    }),
    period: t.field({
      type: PeriodInput,
      required: true,
      description: "The period (with `rolling`, only its type counts).",
    }),
    commentary: t.string({ description: "Commentary for the whole report." }),
    includeKpiTree: t.boolean({ description: "Add the KPI tree as a section (default false)." }),
    includeMetricTable: t.boolean({
      description: "Add every base measure and catalog metric of the period as a table (default false).",
    }),
    rolling: t.boolean({
      description:
        "Always show the last complete period of period.type (WEEK, MONTH, QUARTER, YEAR) instead of a fixed one.",
    }),
    sectionCommentary: t.field({ type: [ReportSectionCommentaryInput], description: "Commentary per section." }),
    kpiCommentary: t.field({ type: [ReportKpiCommentaryInput], description: "Commentary per KPI." }),
    brandingAgencyId: t.id({
      description:
        "Use the branding (name, logo, colour) of an agency that manages this workspace (its id, see Workspace.agencyBrandings); null: the workspace's own; omitted: unchanged (new reports: the workspace's).",
    }),
    locale: t.string({ description: "Language of the report: en or ru (default: the workspace's)." }),
  }),
});

const UpdateReportInput = builder.inputType("UpdateReportInput", {
  description: "Saves a new version of a report (earlier versions are kept).",
  fields: (t) => ({
    reportId: t.id({ required: true, description: "The report." }),
    title: t.string({ required: true, description: "Title (≤ 200 characters)." }),
    roles: t.field({ type: [WorkspaceRoleEnum], required: true, description: "Scorecards to include, by role." }),
    period: t.field({ type: PeriodInput, required: true, description: "The period." }),
    commentary: t.string({ description: "Commentary for the whole report." }),
    includeKpiTree: t.boolean({ description: "Add the KPI tree as a section (default false)." }),
    includeMetricTable: t.boolean({
      description: "Add every base measure and catalog metric of the period as a table (default false).",
    }),
    rolling: t.boolean({
      description:
        "Always show the last complete period of period.type (WEEK, MONTH, QUARTER, YEAR) instead of a fixed one.",
    }),
    sectionCommentary: t.field({ type: [ReportSectionCommentaryInput], description: "Commentary per section." }),
    kpiCommentary: t.field({ type: [ReportKpiCommentaryInput], description: "Commentary per KPI." }),
    brandingAgencyId: t.id({
      description:
        "Use the branding (name, logo, colour) of an agency that manages this workspace (its id, see Workspace.agencyBrandings); null: the workspace's own; omitted: unchanged (new reports: the workspace's).",
    }),
    locale: t.string({ description: "Language of the report: en or ru (default: the workspace's)." }),
  }),
});

type ReportFieldsInput = {
  title: string;
  roles: readonly string[];
  period: { type: string; anchor?: string | null; from?: string | null; to?: string | null };
  commentary?: string | null;
  includeKpiTree?: boolean | null;
  includeMetricTable?: boolean | null;
  rolling?: boolean | null;
  sectionCommentary?: readonly { section: string; text: string }[] | null;
  kpiCommentary?: readonly { kpiKey: string; text: string }[] | null;
  locale?: string | null;
  brandingAgencyId?: string | number | null;
};

/** brandingAgencyId as saveReport takes it: undefined = unchanged, null = the workspace's own. */
function brandingChoice(input: ReportFieldsInput): string | null | undefined {
  return input.brandingAgencyId === undefined
    ? undefined
    : input.brandingAgencyId === null
      ? null
      : String(input.brandingAgencyId);
}

function toDefinition(input: ReportFieldsInput, fallbackLocale: string): ReportDefinitionInput {
  return {
    roles: input.roles as ReportDefinitionInput["roles"],
    includeKpiTree: input.includeKpiTree ?? false,
    includeMetricTable: input.includeMetricTable ?? false,
    period: {
      type: input.period.type.toLowerCase() as never,
      anchor: input.period.anchor,
      from: input.period.from,
      to: input.period.to,
      rolling: input.rolling ?? false,
    },
    commentary: input.commentary ?? null,
    sectionCommentary: [...(input.sectionCommentary ?? [])],
    kpiCommentary: [...(input.kpiCommentary ?? [])],
    locale: (input.locale ?? fallbackLocale) as "en",
  };
}

/** Field errors of the definition come back under `input` (definition paths are the input's). */
async function saveUnderInput<T>(run: () => Promise<T>): Promise<T> {
  return underInput(async () => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof AppError && error.fieldErrors.length) {
        // ["definition"…] paths do not exist: the definition's fields are the input's own.
        const fieldErrors = error.fieldErrors.map((e) => ({
          ...e,
          path: e.path[0] === "period" && e.path[1] === "rolling" ? ["rolling"] : e.path,
        }));
        throw new AppError(error.code, fieldErrors.map((e) => `${e.path.join(".")}: ${e.message}`).join("; "), {
          fieldErrors,
        });
      }
      throw error;
    }
  });
}

const ReportPayload = builder.objectRef<{ report: ReportWithVersion }>("CreateReportPayload").implement({
  description: "The report as saved.",
  fields: (t) => ({ report: t.field({ type: ReportRef, description: "The report.", resolve: (p) => p.report }) }),
});

builder.mutationField("createReport", (t) =>
  t.field({
    type: ReportPayload,
    description: "Creates a draft report (report.manage). SPEC §9.2.",
    args: { input: t.arg({ type: CreateReportInput, required: true, description: "The report." }) },
    authScopes: inWorkspace("report.manage", (_root, { input }) =>
      parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]),
    ),
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]);
      const ws = await findWorkspace(ctx.db, { workspaceId });
      const report = await saveUnderInput(() =>
        saveReport(ctx.db, {
          workspaceId,
          actorId: ctx.viewer?.kind === "user" ? ctx.viewer.userId : null,
          title: input.title,
          definition: toDefinition(input, ws?.locale === "ru" ? "ru" : "en"),
          brandingAgencyId: brandingChoice(input),
          actor: actorOfCtx(ctx),
        }),
      );
      return { report };
    },
  }),
);

const UpdateReportPayload = builder.objectRef<{ report: ReportWithVersion }>("UpdateReportPayload").implement({
  description: "The report at its new version.",
  fields: (t) => ({ report: t.field({ type: ReportRef, description: "The report.", resolve: (p) => p.report }) }),
});

builder.mutationField("updateReport", (t) =>
  t.field({
    type: UpdateReportPayload,
    description:
      "Saves a new version of a report (report.manage); the published version is unchanged until publishReport.",
    args: { input: t.arg({ type: UpdateReportInput, required: true, description: "The new version." }) },
    authScopes: manageReport,
    resolve: async (_root, { input }, ctx) => {
      const { workspaceId, reportId } = reportIdOf(input);
      const current = await findReport(ctx.db, { workspaceId, reportId });
      if (!current) throw AppError.notFound("Report not found");
      const report = await saveUnderInput(() =>
        saveReport(ctx.db, {
          workspaceId,
          reportId,
          actorId: ctx.viewer?.kind === "user" ? ctx.viewer.userId : null,
          title: input.title,
          definition: toDefinition(input, current.definition.locale),
          brandingAgencyId: brandingChoice(input),
          actor: actorOfCtx(ctx),
        }),
      );
      return { report };
    },
  }),
);

const PublishReportInput = builder.inputType("PublishReportInput", {
  description: "Publishes the report's current version, or takes it back to draft.",
  fields: (t) => ({
    reportId: t.id({ required: true, description: "The report." }),
    unpublish: t.boolean({ description: "true: back to draft (share links answer 404 until published again)." }),
  }),
});

const PublishReportPayload = builder.objectRef<{ report: ReportWithVersion }>("PublishReportPayload").implement({
  description: "The report after publishing.",
  fields: (t) => ({ report: t.field({ type: ReportRef, description: "The report.", resolve: (p) => p.report }) }),
});

builder.mutationField("publishReport", (t) =>
  t.field({
    type: PublishReportPayload,
    description:
      "Draft → published (report.manage): share links, PDFs, schedules and CLIENT_VIEWER members see the current version.",
    args: { input: t.arg({ type: PublishReportInput, required: true, description: "The report." }) },
    authScopes: manageReport,
    resolve: async (_root, { input }, ctx) => {
      const { workspaceId, reportId } = reportIdOf(input);
      await publishReport(ctx.db, {
        workspaceId,
        reportId,
        unpublish: input.unpublish ?? false,
        actor: actorOfCtx(ctx),
      });
      const report = await findReport(ctx.db, { workspaceId, reportId });
      if (!report) throw AppError.notFound("Report not found");
      return { report };
    },
  }),
);

const DeleteReportInput = builder.inputType("DeleteReportInput", {
  description: "The report to delete.",
  fields: (t) => ({
    reportId: t.id({
      required: true,
      description: "The report. Another workspace's id is NOT_FOUND, like a missing one.",
    }),
  }),
});

const DeleteReportPayload = builder
  .objectRef<{ reportId: string; revokedShareLinks: number; cancelledSchedules: number }>("DeleteReportPayload")
  .implement({
    description: "What deleting the report stopped.",
    fields: (t) => ({
      deletedReportId: t.exposeID("reportId", { description: "The id of the deleted report." }),
      revokedShareLinks: t.exposeInt("revokedShareLinks", {
        description: "Share links that were live and now answer 404.",
      }),
      cancelledSchedules: t.exposeInt("cancelledSchedules", {
        description: "Delivery schedules that will not send again.",
      }),
    }),
  });

builder.mutationField("deleteReport", (t) =>
  t.field({
    type: DeleteReportPayload,
    description:
      "Deletes a report with its versions (report.manage): its share links are revoked and its schedules cancelled in the same transaction; audited.",
    args: { input: t.arg({ type: DeleteReportInput, required: true, description: "The report." }) },
    authScopes: manageReport,
    resolve: async (_root, { input }, ctx) => {
      const { workspaceId, reportId } = reportIdOf(input);
      const deleted = await deleteReport(ctx.db, { workspaceId, reportId, actor: actorOfCtx(ctx) });
      return {
        reportId: String(input.reportId),
        revokedShareLinks: deleted.revokedShareLinks,
        cancelledSchedules: deleted.cancelledSchedules,
      };
    },
  }),
);

// ---------------------------------------------------------------- share links

const CreateShareLinkInput = builder.inputType("CreateShareLinkInput", {
  description: "A new share link to a report (SPEC §9.2).",
  fields: (t) => ({
    reportId: t.id({ required: true, description: "The report." }),
    expiresAt: t.field({ type: "DateTime", description: "Optional expiry; must be in the future." }),
  }),
});

const CreateShareLinkPayload = builder
  .objectRef<{ shareLink: ShareLink; url: string; pdfUrl: string }>("CreateShareLinkPayload")
  .implement({
    description: "The link and its URLs — returned once, only here (they hold the token).",
    fields: (t) => ({
      shareLink: t.field({ type: ShareLinkRef, description: "The link.", resolve: (p) => p.shareLink }),
      url: t.exposeString("url", { description: "The public read-only page." }),
      pdfUrl: t.exposeString("pdfUrl", { description: "The same report as application/pdf." }),
    }),
  });

builder.mutationField("createShareLink", (t) =>
  t.field({
    type: CreateShareLinkPayload,
    description: "Creates a share link (report.manage). The URLs hold the token and are returned once. SPEC §9.2.",
    args: { input: t.arg({ type: CreateShareLinkInput, required: true, description: "The link." }) },
    authScopes: manageReport,
    resolve: async (_root, { input }, ctx) => {
      const { workspaceId, reportId } = reportIdOf(input);
      return underInput(() =>
        createShareLink(ctx.db, {
          workspaceId,
          reportId,
          actorId: ctx.viewer?.kind === "user" ? ctx.viewer.userId : null,
          expiresAt: input.expiresAt ?? null,
          baseUrl: ctx.meta.baseUrl,
          now: ctx.now(),
          actor: actorOfCtx(ctx),
        }),
      );
    },
  }),
);

const RevokeShareLinkInput = builder.inputType("RevokeShareLinkInput", {
  description: "The share link to revoke (SPEC §9.2).",
  fields: (t) => ({ id: t.id({ required: true, description: "The ShareLink id." }) }),
});

const RevokeShareLinkPayload = builder.objectRef<{ shareLink: ShareLink }>("RevokeShareLinkPayload").implement({
  description: "The revoked link.",
  fields: (t) => ({
    shareLink: t.field({ type: ShareLinkRef, description: "The link.", resolve: (p) => p.shareLink }),
  }),
});

builder.mutationField("revokeShareLink", (t) =>
  t.field({
    type: RevokeShareLinkPayload,
    description: "Revokes a share link at once: both URLs answer 404 (report.manage). SPEC §9.2.",
    args: { input: t.arg({ type: RevokeShareLinkInput, required: true, description: "The link." }) },
    authScopes: inWorkspace(
      "report.manage",
      (_root, { input }) => parseTenantNodeInput(String(input.id), "ShareLink", ["input", "id"]).workspaceId,
      {
        notFound: "Share link not found",
      },
    ),
    resolve: async (_root, { input }, ctx) => {
      const { workspaceId, rowId } = parseTenantNodeInput(String(input.id), "ShareLink", ["input", "id"]);
      return { shareLink: await revokeShareLink(ctx.db, { workspaceId, shareLinkId: rowId, actor: actorOfCtx(ctx) }) };
    },
  }),
);

// ---------------------------------------------------------------- branding

const UpdateReportBrandingInput = builder.inputType("UpdateReportBrandingInput", {
  description: "The workspace's report branding. Nothing is saved when any field is wrong.",
  fields: (t) => ({
    workspaceId: t.id({ required: true, description: "The workspace." }),
    name: t.string({ required: true, description: "The name shown on reports (≤ 120 characters)." }),
    primaryColor: t.string({
      required: true,
      description: "#rrggbb or #rgb; white text on it must reach WCAG AA contrast (4.5:1).",
    }),
    logoBase64: t.string({
      description: `A new logo, base64: PNG, JPEG or WebP, checked by content, at most ${MAX_LOGO_BYTES / 1024} KB; SVG is refused.`,
      validate: z.string().max(Math.ceil((MAX_LOGO_BYTES * 4) / 3) + 8, ue("LOGO_BASE64_TOO_LARGE")),
    }),
    removeLogo: t.boolean({ description: "true: remove the logo." }),
  }),
});

const UpdateReportBrandingPayload = builder.objectRef<{ branding: Branding }>("UpdateReportBrandingPayload").implement({
  description: "The saved branding.",
  fields: (t) => ({
    branding: t.field({ type: ReportBrandingRef, description: "The branding.", resolve: (p) => p.branding }),
  }),
});

builder.mutationField("updateReportBranding", (t) =>
  t.field({
    type: UpdateReportBrandingPayload,
    description: "Saves the workspace's report branding (report.manage).",
    args: { input: t.arg({ type: UpdateReportBrandingInput, required: true, description: "The branding." }) },
    authScopes: inWorkspace("report.manage", (_root, { input }) =>
      parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]),
    ),
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]);
      let logo: Uint8Array | null | undefined;
      if (input.removeLogo) logo = null;
      else if (input.logoBase64) {
        logo = decodeLogoBase64(input.logoBase64);
      }
      const branding = await underInput(() =>
        withLogoFieldAsBase64(() =>
          saveWorkspaceBranding(ctx.db, { workspaceId, name: input.name, primaryColor: input.primaryColor, logo }),
        ),
      );
      return { branding };
    },
  }),
);

// ---------------------------------------------------------------- schedules

const CreateReportScheduleInput = builder.inputType("CreateReportScheduleInput", {
  description: "A delivery schedule for a report, in the workspace's time zone. At least one recipient.",
  fields: (t) => ({
    reportId: t.id({ required: true, description: "The report (its published version is sent)." }),
    cadence: t.field({ type: ScheduleCadenceEnum, required: true, description: "When." }),
    weekday: t.int({ description: "WEEKLY: 1 = Monday … 7 = Sunday." }),
    dayOfMonth: t.int({ description: "MONTHLY: 1–28." }),
    closePeriod: t.field({ type: ClosePeriodEnum, description: "PERIOD_CLOSE: month or quarter." }),
    hour: t.int({ description: "Local hour 0–23 (default 9)." }),
    memberIds: t.idList({ description: "Members (User ids) who receive it." }),
    externalEmails: t.stringList({ description: "External addresses; each e-mail carries an unsubscribe link." }),
  }),
});

const CreateReportSchedulePayload = builder
  .objectRef<{ schedule: ReportSchedule }>("CreateReportSchedulePayload")
  .implement({
    description: "The new schedule.",
    fields: (t) => ({
      schedule: t.field({ type: ReportScheduleRef, description: "The schedule.", resolve: (p) => p.schedule }),
    }),
  });

/** A User id from a client: the relay global id of a User, or its bare UUID. */
function userIdOf(raw: string): string {
  try {
    const decoded = Buffer.from(raw, "base64").toString("utf8");
    if (decoded.startsWith("User:")) return decoded.slice(5);
  } catch {
    // fall through
  }
  return raw;
}

builder.mutationField("createReportSchedule", (t) =>
  t.field({
    type: CreateReportSchedulePayload,
    description:
      "E-mails the report's published version on a schedule: PDF attached, with a share link (report.manage).",
    args: { input: t.arg({ type: CreateReportScheduleInput, required: true, description: "The schedule." }) },
    authScopes: manageReport,
    resolve: async (_root, { input }, ctx) => {
      const { workspaceId, reportId } = reportIdOf(input);
      const schedule = await underInput(() =>
        createReportSchedule(ctx.db, {
          workspaceId,
          reportId,
          actorId: ctx.viewer?.kind === "user" ? ctx.viewer.userId : null,
          actor: actorOfCtx(ctx),
          now: ctx.now(),
          schedule: {
            cadence: input.cadence,
            weekday: input.weekday,
            dayOfMonth: input.dayOfMonth,
            closePeriod: input.closePeriod ? (input.closePeriod.toLowerCase() as "month") : null,
            hour: input.hour ?? 9,
            memberUserIds: (input.memberIds ?? []).map((id) => userIdOf(String(id))),
            externalEmails: [...(input.externalEmails ?? [])],
          },
        }),
      );
      return { schedule };
    },
  }),
);

const DeleteReportScheduleInput = builder.inputType("DeleteReportScheduleInput", {
  description: "The schedule to delete.",
  fields: (t) => ({ scheduleId: t.id({ required: true, description: "ReportSchedule.id." }) }),
});

function scheduleIdOf(raw: string): { workspaceId: string; rowId: string } {
  const parsed = parseTenantNodeId(raw);
  if (!parsed)
    throw AppError.badInput(["input", "scheduleId"], "NOT_AN_ID", { kind: { en: "schedule", ru: "расписание" } });
  return parsed;
}

const DeleteReportSchedulePayload = builder
  .objectRef<{ schedule: ReportSchedule }>("DeleteReportSchedulePayload")
  .implement({
    description: "The deleted schedule.",
    fields: (t) => ({
      schedule: t.field({
        type: ReportScheduleRef,
        description: "The schedule as it was.",
        resolve: (p) => p.schedule,
      }),
    }),
  });

builder.mutationField("deleteReportSchedule", (t) =>
  t.field({
    type: DeleteReportSchedulePayload,
    description: "Stops a schedule (report.manage); its delivery log goes with it.",
    args: { input: t.arg({ type: DeleteReportScheduleInput, required: true, description: "The schedule." }) },
    authScopes: inWorkspace("report.manage", (_root, { input }) => scheduleIdOf(String(input.scheduleId)).workspaceId, {
      notFound: "Schedule not found",
    }),
    resolve: async (_root, { input }, ctx) => {
      const parsed = scheduleIdOf(String(input.scheduleId));
      const existing = await findReportSchedule(ctx.db, { workspaceId: parsed.workspaceId, scheduleId: parsed.rowId });
      if (!existing) throw AppError.notFound("Schedule not found");
      return {
        schedule: await deleteReportSchedule(ctx.db, {
          workspaceId: parsed.workspaceId,
          scheduleId: parsed.rowId,
          actor: actorOfCtx(ctx),
        }),
      };
    },
  }),
);
