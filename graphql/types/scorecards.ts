import type { Workspace } from "@/generated/prisma/client";
import { HEALTH_CHECK_CODES } from "@/lib/health-checks/health-check-codes";
import type { HealthCheckFinding } from "@/lib/health-checks/types";
import { scorecardOwnerOfRole } from "@/lib/kpis/kpi-record";
import type { Decimal } from "@/lib/metrics/decimal";
import { SCORECARD_OWNERS, type ScorecardOwner, canReadScorecard } from "@/lib/permissions/registry";
import type { WorkspaceRole } from "@/lib/permissions/roles";
import { findHealthChecks } from "@/lib/scorecard-service/find-health-checks";
import { findKpiTree, type KpiTreeView } from "@/lib/scorecard-service/find-kpi-tree";
import { findScorecard, type ScorecardKpiView, type ScorecardView } from "@/lib/scorecard-service/find-scorecard";
import type { KpiTreeNode } from "@/lib/scorecards/build-kpi-tree";
import { KPI_STATUSES } from "@/lib/scorecards/types";
import { MetricChangeRef } from "./metrics";
import { AppError } from "@/lib/errors/app-error";
import type { GraphQLContext } from "../context";
import { builder } from "../builder";
import { WorkspaceRef, WorkspaceRoleEnum } from "./workspace";
import { ComparatorEnum, KpiAnnotationRef, KpiRef, ScorecardOwnerEnum, TargetSourceEnum } from "./kpis";
import { PeriodInput, PeriodRef, dec, toPeriodRequest } from "./periods";

// ---------------------------------------------------------------- enums

const KPI_STATUS_DESCRIPTIONS: Record<(typeof KPI_STATUSES)[number], string> = {
  ON_TRACK: "Attainment to date at or above the KPI's on-track threshold.",
  AT_RISK: "Attainment to date between the at-risk and on-track thresholds.",
  OFF_TRACK: "Attainment to date below the at-risk threshold.",
  NO_DATA: "No actual in the period (nothing happened yet, or no data arrived): nothing to judge.",
  NO_TARGET: "An actual but no target for the period: set a target to judge it. Distinct from NO_DATA.",
};
export const KpiStatusEnum = builder.enumType("KpiStatus", {
  description: "SPEC §5 status of a KPI for a period, from its attainment to date and thresholds.",
  values: Object.fromEntries(KPI_STATUSES.map((s) => [s, { description: KPI_STATUS_DESCRIPTIONS[s] }])) as { [K in (typeof KPI_STATUSES)[number]]: { description: string } },
});
const TrendDirectionEnum = builder.enumType("TrendDirection", { values: ["IMPROVING", "WORSENING", "FLAT"] as const });
const GateStateEnum = builder.enumType("QualityGateState", { values: ["PASSED", "FAILED", "NO_DATA"] as const });
const SeverityEnum = builder.enumType("HealthCheckSeverity", { values: ["INFO", "WARNING", "CRITICAL"] as const });
const HealthCheckCodeEnum = builder.enumType("HealthCheckCode", { values: HEALTH_CHECK_CODES });

// ---------------------------------------------------------------- scorecard

const SeriesPointRef = builder.objectRef<{ date: string; value: Decimal | null }>("SeriesPoint").implement({
  description: "One day of a KPI's metric for the sparkline; value null on a day without data.",
  fields: (t) => ({
    date: t.field({ type: "Date", resolve: (p) => p.date }),
    value: t.field({ type: "Decimal", nullable: true, resolve: (p) => dec(p.value) }),
  }),
});

const GateRef = builder.objectRef<NonNullable<ScorecardKpiView["gate"]>>("QualityGateEvaluation").implement({
  description: "A quality gate and whether it holds this period (the KPI counts only while it does).",
  fields: (t) => ({
    metricKey: t.exposeString("metricKey"),
    comparator: t.field({ type: ComparatorEnum, resolve: (g) => g.comparator }),
    threshold: t.field({ type: "Decimal", resolve: (g) => dec(g.threshold)! }),
    actual: t.field({ type: "Decimal", nullable: true, resolve: (g) => dec(g.actual) }),
    state: t.field({ type: GateStateEnum, resolve: (g) => g.state }),
  }),
});

const DiagnosticRef = builder.objectRef<ScorecardKpiView["diagnostics"][number]>("DiagnosticValue").implement({
  description: "A process metric beneath a KPI, for diagnosis only (never judged).",
  fields: (t) => ({
    metricKey: t.exposeString("metricKey"),
    channelScope: t.exposeString("channelScope", { nullable: true }),
    value: t.field({ type: "Decimal", nullable: true, resolve: (d) => dec(d.actual) }),
    previousValue: t.field({ type: "Decimal", nullable: true, description: "Same span of the previous period.", resolve: (d) => dec(d.previousActual) }),
    trend: t.field({ type: "Decimal", nullable: true, description: "Relative change vs previousValue (0.1 = +10%).", resolve: (d) => dec(d.trend) }),
    change: t.field({ type: MetricChangeRef, nullable: true, description: "The change vs previousValue as every page shows it (SPEC §4.2): percentage points for ratios, percent otherwise.", resolve: (d) => d.change }),
  }),
});

export const ScorecardKpiRef = builder.objectRef<ScorecardKpiView & { workspaceId: string }>("ScorecardKpi");
ScorecardKpiRef.implement({
  description: "One KPI of a scorecard for one period. Ratios are fractions (0.25 = 25%).",
  fields: (t) => ({
    kpi: t.field({ type: KpiRef, resolve: (i) => i.kpi }),
    key: t.exposeString("kpiKey"),
    metricKey: t.exposeString("metricKey"),
    channelScope: t.exposeString("channelScope", { nullable: true }),
    weight: t.field({ type: "Decimal", resolve: (i) => dec(i.weight)! }),
    actual: t.field({ type: "Decimal", nullable: true, resolve: (i) => dec(i.actual) }),
    actualReason: t.exposeString("actualReason", { nullable: true, description: "Why actual is null: NO_DATA, ZERO_DENOMINATOR:<measure> …" }),
    target: t.field({ type: "Decimal", nullable: true, resolve: (i) => dec(i.target) }),
    targetSource: t.field({ type: TargetSourceEnum, nullable: true, resolve: (i) => (i.targetInfo.source?.toUpperCase() as never) ?? null }),
    attainment: t.field({ type: "Decimal", nullable: true, description: "Actual vs the full-period target (inverted for lower-is-better), gate applied.", resolve: (i) => dec(i.attainment) }),
    attainmentToDate: t.field({ type: "Decimal", nullable: true, description: "Actual vs expectedToDate for flows, vs target for ratios; drives status and score.", resolve: (i) => dec(i.attainmentToDate) }),
    expectedToDate: t.field({ type: "Decimal", nullable: true, description: "Flows: target × elapsed share; ratios: the target.", resolve: (i) => dec(i.expectedToDate) }),
    forecast: t.field({ type: "Decimal", nullable: true, description: "Flows: run-rate actual / elapsed share; ratios: the actual.", resolve: (i) => dec(i.forecast) }),
    variance: t.field({ type: "Decimal", nullable: true, description: "actual − target.", resolve: (i) => dec(i.variance) }),
    varianceToDate: t.field({ type: "Decimal", nullable: true, description: "actual − expectedToDate.", resolve: (i) => dec(i.varianceToDate) }),
    status: t.field({ type: KpiStatusEnum, resolve: (i) => i.status }),
    trend: t.field({ type: "Decimal", nullable: true, description: "Relative change vs the same span of the previous period.", resolve: (i) => dec(i.trend) }),
    trendDirection: t.field({ type: TrendDirectionEnum, nullable: true, resolve: (i) => (i.trendDirection?.toUpperCase() as never) ?? null }),
    change: t.field({
      type: MetricChangeRef,
      nullable: true,
      description: "The change vs the previous period over the same elapsed days, as every page shows it (SPEC §4.2 \"Comparisons\"): percentage points for ratios, percent otherwise, better/worse by the KPI's direction.",
      resolve: (i) => i.change,
    }),
    lastYearChange: t.field({
      type: MetricChangeRef,
      nullable: true,
      description: "The change vs the same period last year over the same elapsed days (SPEC §4.2 \"Comparisons\").",
      resolve: (i) => i.lastYearChange,
    }),
    previousToDateValue: t.field({ type: "Decimal", nullable: true, description: "The previous period over as many days as have elapsed now.", resolve: (i) => dec(i.previousToDateValue) }),
    previousValue: t.field({ type: "Decimal", nullable: true, description: "The whole previous period.", resolve: (i) => dec(i.previousValue) }),
    lastYearValue: t.field({ type: "Decimal", nullable: true, description: "The same period last year over as many days as have elapsed now (the whole one once the period is over).", resolve: (i) => dec(i.lastYearValue) }),
    series: t.field({ type: [SeriesPointRef], resolve: (i) => [...i.series] }),
    gate: t.field({ type: GateRef, nullable: true, resolve: (i) => i.gate }),
    gateFailed: t.exposeBoolean("gateFailed"),
    drives: t.field({
      type: CompanyTargetRef,
      nullable: true,
      description: "The company target this KPI drives (its nearest COMPANY ancestor).",
      resolve: (i) => i.drives,
    }),
    diagnostics: t.field({ type: [DiagnosticRef], resolve: (i) => i.diagnostics }),
    annotation: t.field({
      type: KpiAnnotationRef,
      nullable: true,
      resolve: (i) => (i.annotation ? { ...i.annotation, workspaceId: i.workspaceId } : null),
    }),
  }),
});

const CompanyTargetRef = builder.objectRef<{ kpiKey: string; metricKey: string }>("CompanyTargetRef").implement({
  description: "A company target (root KPI) by key; its figures are in Scorecard.companyTargets.",
  fields: (t) => ({ key: t.exposeString("kpiKey"), metricKey: t.exposeString("metricKey") }),
});

const ScoreRef = builder.objectRef<ScorecardView["score"]>("ScorecardScore").implement({
  description: "Σ(weight × capped attainment) / Σ weight over KPIs with data.",
  fields: (t) => ({
    value: t.field({ type: "Decimal", nullable: true, resolve: (s) => dec(s.score) }),
    cap: t.field({ type: "Decimal", resolve: (s) => dec(s.cap)! }),
    countedKpis: t.exposeInt("countedKpis"),
    countedWeight: t.field({ type: "Decimal", resolve: (s) => dec(s.countedWeight)! }),
  }),
});

const StatusCountsRef = builder.objectRef<Record<string, number>>("KpiStatusCounts").implement({
  fields: (t) => ({
    onTrack: t.int({ resolve: (c) => c.ON_TRACK ?? 0 }),
    atRisk: t.int({ resolve: (c) => c.AT_RISK ?? 0 }),
    offTrack: t.int({ resolve: (c) => c.OFF_TRACK ?? 0 }),
    noData: t.int({ description: "KPIs without an actual in the period.", resolve: (c) => c.NO_DATA ?? 0 }),
    noTarget: t.int({ description: "KPIs with an actual but no target (not counted as no data).", resolve: (c) => c.NO_TARGET ?? 0 }),
  }),
});

type Located<T> = T & { locale: "ru" | "en"; workspaceId: string };

export const HealthCheckRef = builder.objectRef<Located<HealthCheckFinding>>("HealthCheck").implement({
  description: "A health-check finding (SPEC §5) with the rule behind it, in the viewer's locale and in both languages.",
  fields: (t) => ({
    code: t.field({ type: HealthCheckCodeEnum, resolve: (f) => f.code }),
    severity: t.field({ type: SeverityEnum, resolve: (f) => f.severity.toUpperCase() as never }),
    owner: t.field({ type: ScorecardOwnerEnum, resolve: (f) => f.owner as ScorecardOwner }),
    kpiKeys: t.stringList({ resolve: (f) => f.kpiKeys }),
    message: t.string({ resolve: (f) => f.message[f.locale] }),
    messageRu: t.string({ resolve: (f) => f.message.ru }),
    messageEn: t.string({ resolve: (f) => f.message.en }),
    rule: t.string({ resolve: (f) => f.rule[f.locale] }),
    ruleRu: t.string({ resolve: (f) => f.rule.ru }),
    ruleEn: t.string({ resolve: (f) => f.rule.en }),
    seeds: t.stringList({ resolve: (f) => [...f.seeds] }),
  }),
});

export const ScorecardRef = builder.objectRef<Located<ScorecardView> & { role: WorkspaceRole }>("Scorecard").implement({
  description: "One role's KPIs for one period (SPEC §5).",
  fields: (t) => ({
    role: t.field({ type: WorkspaceRoleEnum, resolve: (s) => s.role }),
    owner: t.field({ type: ScorecardOwnerEnum, description: "COMPANY for OWNER/ADMIN; the role otherwise.", resolve: (s) => s.owner }),
    period: t.field({ type: PeriodRef, resolve: (s) => s.period }),
    asOf: t.field({ type: "Date", description: "The last day counted as elapsed (today, in the workspace time zone).", resolve: (s) => s.asOf }),
    elapsedShare: t.field({ type: "Decimal", resolve: (s) => dec(s.elapsedShare)! }),
    score: t.field({ type: "Decimal", nullable: true, description: "Weighted attainment of the KPIs; null when no KPI has data.", resolve: (s) => dec(s.score.score) }),
    scoreDetails: t.field({ type: ScoreRef, resolve: (s) => s.score }),
    statusCounts: t.field({ type: StatusCountsRef, resolve: (s) => s.statusCounts }),
    kpis: t.field({ type: [ScorecardKpiRef], resolve: (s) => s.kpis.map((k) => ({ ...k, workspaceId: s.workspaceId })) }),
    healthChecks: t.field({ type: [HealthCheckRef], resolve: (s) => s.healthChecks.map((f) => ({ ...f, locale: s.locale, workspaceId: s.workspaceId })) }),
    companyTargets: t.field({
      type: [ScorecardKpiRef],
      description: "The company targets this scorecard drives, with their own figures.",
      resolve: (s) => s.companyTargets.map((k) => ({ ...k, workspaceId: s.workspaceId })),
    }),
    unmappedChannels: t.stringList({
      description:
        "Channels with facts in the period that no channel group takes in and that a group-scoped KPI of this scorecard would read (SPEC §4.2): map them in the channel settings.",
      resolve: (s) => s.unmappedChannels,
    }),
  }),
});

// ---------------------------------------------------------------- access

/** The viewer's locale for messages: a person's own, else the workspace's. */
export function viewerLocale(ctx: GraphQLContext, ws: Workspace): "ru" | "en" {
  const locale = ctx.viewer?.kind === "user" ? ctx.viewer.locale : ws.locale;
  return locale === "ru" ? "ru" : "en";
}

/** Scorecards the caller may read (null = all, scorecard.readAny); [] = none. */
export async function readableOwners(ctx: GraphQLContext, workspaceId: string): Promise<ScorecardOwner[] | null> {
  const access = await ctx.access(workspaceId);
  if (!access) throw AppError.notFound("Workspace not found");
  if (access.permissions.has("scorecard.readAny")) return null;
  return SCORECARD_OWNERS.filter((o) => canReadScorecard(access.permissions, access.role, o));
}

async function requireReadable(ctx: GraphQLContext, workspaceId: string): Promise<ScorecardOwner[] | null> {
  const owners = await readableOwners(ctx, workspaceId);
  if (owners !== null && owners.length === 0) throw new AppError("FORBIDDEN", "No scorecard is readable with this role");
  return owners;
}

const calendarOf = (ws: Workspace) => ({ timeZone: ws.timeZone, fiscalYearStartMonth: ws.fiscalYearStartMonth });

// ---------------------------------------------------------------- Workspace fields

builder.objectFields(WorkspaceRef, (t) => ({
  scorecard: t.field({
    type: ScorecardRef,
    description:
      "One role's scorecard (SPEC §9.1). OWNER/ADMIN → the company view, SALES → the marketing–sales view. OWNER/ADMIN/CMO and READ keys read every one; PERFORMANCE/SMM/CONTENT their own and the company's; SALES the sales and company views.",
    args: { role: t.arg({ type: WorkspaceRoleEnum, required: true }), period: t.arg({ type: PeriodInput, required: false }) },
    resolve: async (ws, args, ctx) => {
      const access = await ctx.access(ws.id);
      if (!access) throw AppError.notFound("Workspace not found");
      const owner = scorecardOwnerOfRole(args.role);
      const readable = owner ? canReadScorecard(access.permissions, access.role, owner) : access.permissions.has("scorecard.readAny");
      if (!readable) throw new AppError("FORBIDDEN", `Not allowed to read the ${args.role} scorecard`);
      if (!owner) throw AppError.badInput(["role"], `${args.role} has no scorecard`);
      const view = await findScorecard(ctx.db, { workspaceId: ws.id, calendar: calendarOf(ws), owner, period: toPeriodRequest(args.period), now: ctx.now(), dataVersion: ctx.dataVersion(ws.id) });
      return { ...view, role: args.role, locale: viewerLocale(ctx, ws), workspaceId: ws.id };
    },
  }),
  kpiTree: t.field({
    type: KpiTreeRef,
    description: "Company targets → role KPIs → diagnostics with status and variance per node, limited to the scorecards the caller may read.",
    args: { period: t.arg({ type: PeriodInput, required: false }) },
    resolve: async (ws, args, ctx) => {
      const owners = await requireReadable(ctx, ws.id);
      return findKpiTree(ctx.db, { workspaceId: ws.id, calendar: calendarOf(ws), period: toPeriodRequest(args.period), now: ctx.now(), dataVersion: ctx.dataVersion(ws.id), owners });
    },
  }),
  healthChecks: t.field({
    type: [HealthCheckRef],
    description: "Health checks of SPEC §5 for the period, for the scorecards the caller may read; most severe first.",
    args: { period: t.arg({ type: PeriodInput, required: false }) },
    resolve: async (ws, args, ctx) => {
      const owners = await requireReadable(ctx, ws.id);
      const { findings } = await findHealthChecks(ctx.db, { workspaceId: ws.id, calendar: calendarOf(ws), period: toPeriodRequest(args.period), now: ctx.now(), dataVersion: ctx.dataVersion(ws.id), owners });
      const locale = viewerLocale(ctx, ws);
      return findings.map((f) => ({ ...f, locale, workspaceId: ws.id }));
    },
  }),
}));

// ---------------------------------------------------------------- KPI tree

const KpiTreeNodeKindEnum = builder.enumType("KpiTreeNodeKind", { values: ["KPI", "DIAGNOSTIC"] as const });

const DriversRef = builder.objectRef<NonNullable<Extract<KpiTreeNode, { kind: "kpi" }>["drivers"]>>("KpiTreeDrivers").implement({
  description: "Roll-up of the KPIs directly beneath a node: their weighted score and its status.",
  fields: (t) => ({
    score: t.field({ type: "Decimal", nullable: true, resolve: (d) => dec(d.score.score) }),
    status: t.field({ type: KpiStatusEnum, resolve: (d) => d.status }),
  }),
});

const KpiTreeNodeRef = builder.objectRef<KpiTreeNode>("KpiTreeNode");
KpiTreeNodeRef.implement({
  description: "A node of the KPI tree: a KPI (with status and variance) or a diagnostic metric under one.",
  fields: (t) => ({
    kind: t.field({ type: KpiTreeNodeKindEnum, resolve: (n) => (n.kind === "kpi" ? "KPI" : "DIAGNOSTIC") }),
    key: t.exposeString("key"),
    metricKey: t.exposeString("metricKey"),
    channelScope: t.exposeString("channelScope", { nullable: true }),
    owner: t.field({ type: ScorecardOwnerEnum, nullable: true, resolve: (n) => (n.kind === "kpi" ? (n.ownerRole as ScorecardOwner) : null) }),
    actual: t.field({ type: "Decimal", nullable: true, resolve: (n) => dec(n.actual) }),
    target: t.field({ type: "Decimal", nullable: true, resolve: (n) => dec(n.target) }),
    expectedToDate: t.field({ type: "Decimal", nullable: true, resolve: (n) => (n.kind === "kpi" ? dec(n.expectedToDate) : null) }),
    variance: t.field({ type: "Decimal", nullable: true, resolve: (n) => dec(n.variance) }),
    varianceToDate: t.field({ type: "Decimal", nullable: true, resolve: (n) => (n.kind === "kpi" ? dec(n.varianceToDate) : null) }),
    attainmentToDate: t.field({ type: "Decimal", nullable: true, resolve: (n) => (n.kind === "kpi" ? dec(n.attainmentToDate) : null) }),
    status: t.field({ type: KpiStatusEnum, nullable: true, resolve: (n) => n.status }),
    gateFailed: t.boolean({ resolve: (n) => n.kind === "kpi" && n.gateFailed }),
    drivers: t.field({ type: DriversRef, nullable: true, resolve: (n) => (n.kind === "kpi" ? n.drivers : null) }),
    children: t.field({ type: [KpiTreeNodeRef], resolve: (n) => n.children }),
  }),
});

const DetachedRef = builder.objectRef<KpiTreeView["detached"][number]>("DetachedKpi").implement({
  fields: (t) => ({
    key: t.exposeString("kpiKey"),
    reason: t.exposeString("reason", { description: "UNKNOWN_PARENT or CYCLE" }),
  }),
});

const KpiTreeRef = builder.objectRef<KpiTreeView>("KpiTree").implement({
  fields: (t) => ({
    period: t.field({ type: PeriodRef, resolve: (v) => v.period }),
    asOf: t.field({ type: "Date", resolve: (v) => v.asOf }),
    elapsedShare: t.field({ type: "Decimal", resolve: (v) => dec(v.elapsedShare)! }),
    roots: t.field({ type: [KpiTreeNodeRef], resolve: (v) => v.roots }),
    detached: t.field({ type: [DetachedRef], resolve: (v) => v.detached }),
  }),
});
