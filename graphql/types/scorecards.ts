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
import { MetricChangeRef } from "./metric-values";
import { AppError } from "@/lib/errors/app-error";
import type { GraphQLContext } from "../context";
import { builder } from "../builder";
import { accessIn, onWorkspace } from "../authz";
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
  values: Object.fromEntries(KPI_STATUSES.map((s) => [s, { description: KPI_STATUS_DESCRIPTIONS[s] }])) as {
    [K in (typeof KPI_STATUSES)[number]]: { description: string };
  },
});
const TrendDirectionEnum = builder.enumType("TrendDirection", {
  description: "Whether a KPI's change against the previous period is good for it.",
  values: {
    FLAT: { description: "About the same." },
    IMPROVING: { description: "Moving the right way." },
    WORSENING: { description: "Moving the wrong way." },
  } as const,
});
const GateStateEnum = builder.enumType("QualityGateState", {
  description: "Whether a quality gate holds.",
  values: {
    FAILED: { description: "It does not hold: the KPI counts as off track." },
    NO_DATA: { description: "The gate metric has no value." },
    PASSED: { description: "It holds." },
  } as const,
});
const SeverityEnum = builder.enumType("HealthCheckSeverity", {
  description: "How serious a finding is.",
  values: {
    CRITICAL: { description: "Fix it: the scorecard misleads." },
    INFO: { description: "Worth knowing." },
    WARNING: { description: "Likely a problem." },
  } as const,
});
const HealthCheckCodeEnum = builder.enumType("HealthCheckCode", {
  description: "The health checks of SPEC §5.",
  values: {
    HIGH_CTR_NO_CONVERSION: { description: "Clicks are high but they do not turn into leads." },
    KPI_NOT_TIED_TO_COMPANY_TARGET: { description: "A KPI drives no company target." },
    KPI_NO_DATA: { description: "A KPI has no data in the period." },
    LTV_CAC_BELOW_3: { description: "LTV:CAC is under 3." },
    OUTSIDE_ZONE_OF_CONTROL: { description: "A KPI measures something its role does not control." },
    PROCESS_METRIC_AS_KPI: { description: "A process metric is used as a KPI (it should diagnose, not evaluate)." },
    QUANTITY_TRAP: { description: "A volume KPI without a quality gate." },
    ROLE_KPI_COUNT_HIGH: { description: "A role has too many KPIs." },
    ROLE_KPI_COUNT_LOW: { description: "A role has too few KPIs." },
  } satisfies Record<(typeof HEALTH_CHECK_CODES)[number], { description: string }>,
});

// ---------------------------------------------------------------- scorecard

const SeriesPointRef = builder.objectRef<{ date: string; value: Decimal | null }>("SeriesPoint").implement({
  description: "One day of a KPI's metric for the sparkline; value null on a day without data.",
  fields: (t) => ({
    date: t.field({ description: "The day.", type: "Date", resolve: (p) => p.date }),
    value: t.field({
      description: "The value that day; null without data.",
      type: "Decimal",
      nullable: true,
      resolve: (p) => dec(p.value),
    }),
  }),
});

const GateRef = builder.objectRef<NonNullable<ScorecardKpiView["gate"]>>("QualityGateEvaluation").implement({
  description: "A quality gate and whether it holds this period (the KPI counts only while it does).",
  fields: (t) => ({
    metricKey: t.exposeString("metricKey", { description: "The gate's metric." }),
    comparator: t.field({ description: "How it is compared.", type: ComparatorEnum, resolve: (g) => g.comparator }),
    threshold: t.field({
      description: "The value it is compared with.",
      type: "Decimal",
      resolve: (g) => dec(g.threshold)!,
    }),
    actual: t.field({
      description: "The gate metric's value; null without data.",
      type: "Decimal",
      nullable: true,
      resolve: (g) => dec(g.actual),
    }),
    state: t.field({ description: "Whether the gate holds.", type: GateStateEnum, resolve: (g) => g.state }),
  }),
});

const DiagnosticRef = builder.objectRef<ScorecardKpiView["diagnostics"][number]>("DiagnosticValue").implement({
  description: "A process metric beneath a KPI, for diagnosis only (never judged).",
  fields: (t) => ({
    metricKey: t.exposeString("metricKey", { description: "The diagnostic metric." }),
    channelScope: t.exposeString("channelScope", {
      description: "The channel group or channel it is measured on; null = all channels.",
      nullable: true,
    }),
    value: t.field({
      description: "Its value over the period so far; null without data.",
      type: "Decimal",
      nullable: true,
      resolve: (d) => dec(d.actual),
    }),
    previousValue: t.field({
      type: "Decimal",
      nullable: true,
      description: "Same span of the previous period.",
      resolve: (d) => dec(d.previousActual),
    }),
    trend: t.field({
      type: "Decimal",
      nullable: true,
      description: "Relative change vs previousValue (0.1 = +10%).",
      resolve: (d) => dec(d.trend),
    }),
    change: t.field({
      type: MetricChangeRef,
      nullable: true,
      description:
        "The change vs previousValue as every page shows it (SPEC §4.2): percentage points for ratios, percent otherwise.",
      resolve: (d) => d.change,
    }),
  }),
});

export const ScorecardKpiRef = builder.objectRef<ScorecardKpiView & { workspaceId: string }>("ScorecardKpi");
ScorecardKpiRef.implement({
  description: "One KPI of a scorecard for one period. Ratios are fractions (0.25 = 25%).",
  fields: (t) => ({
    kpi: t.field({ description: "The KPI definition.", type: KpiRef, resolve: (i) => i.kpi }),
    key: t.exposeString("kpiKey", { description: "The KPI's key." }),
    metricKey: t.exposeString("metricKey", { description: "The metric." }),
    channelScope: t.exposeString("channelScope", {
      description: "The channel group or channel it is measured on; null = all.",
      nullable: true,
    }),
    weight: t.field({ description: "Weight in the score.", type: "Decimal", resolve: (i) => dec(i.weight)! }),
    actual: t.field({
      description: "Value so far; null without data (see actualReason).",
      type: "Decimal",
      nullable: true,
      resolve: (i) => dec(i.actual),
    }),
    actualReason: t.exposeString("actualReason", {
      nullable: true,
      description: "Why actual is null: NO_DATA, ZERO_DENOMINATOR:<measure> …",
    }),
    target: t.field({
      description: "The period's target; null without one.",
      type: "Decimal",
      nullable: true,
      resolve: (i) => dec(i.target),
    }),
    targetSource: t.field({
      description: "Where the target came from; null without one.",
      type: TargetSourceEnum,
      nullable: true,
      resolve: (i) => (i.targetInfo.source?.toUpperCase() as never) ?? null,
    }),
    attainment: t.field({
      type: "Decimal",
      nullable: true,
      description: "Actual vs the full-period target (inverted for lower-is-better), gate applied.",
      resolve: (i) => dec(i.attainment),
    }),
    attainmentToDate: t.field({
      type: "Decimal",
      nullable: true,
      description: "Actual vs expectedToDate for flows, vs target for ratios; drives status and score.",
      resolve: (i) => dec(i.attainmentToDate),
    }),
    expectedToDate: t.field({
      type: "Decimal",
      nullable: true,
      description: "Flows: target × elapsed share; ratios: the target.",
      resolve: (i) => dec(i.expectedToDate),
    }),
    forecast: t.field({
      type: "Decimal",
      nullable: true,
      description: "Flows: run-rate actual / elapsed share; ratios: the actual.",
      resolve: (i) => dec(i.forecast),
    }),
    variance: t.field({
      type: "Decimal",
      nullable: true,
      description: "actual − target.",
      resolve: (i) => dec(i.variance),
    }),
    varianceToDate: t.field({
      type: "Decimal",
      nullable: true,
      description: "actual − expectedToDate.",
      resolve: (i) => dec(i.varianceToDate),
    }),
    status: t.field({ description: "Its status so far.", type: KpiStatusEnum, resolve: (i) => i.status }),
    trend: t.field({
      type: "Decimal",
      nullable: true,
      description: "Relative change vs the same span of the previous period.",
      resolve: (i) => dec(i.trend),
    }),
    trendDirection: t.field({
      description: "Whether the trend is good or bad for this KPI; null without a comparison.",
      type: TrendDirectionEnum,
      nullable: true,
      resolve: (i) => (i.trendDirection?.toUpperCase() as never) ?? null,
    }),
    change: t.field({
      type: MetricChangeRef,
      nullable: true,
      description:
        'The change vs the previous period over the same elapsed days, as every page shows it (SPEC §4.2 "Comparisons"): percentage points for ratios, percent otherwise, better/worse by the KPI\'s direction.',
      resolve: (i) => i.change,
    }),
    lastYearChange: t.field({
      type: MetricChangeRef,
      nullable: true,
      description: 'The change vs the same period last year over the same elapsed days (SPEC §4.2 "Comparisons").',
      resolve: (i) => i.lastYearChange,
    }),
    previousToDateValue: t.field({
      type: "Decimal",
      nullable: true,
      description: "The previous period over as many days as have elapsed now.",
      resolve: (i) => dec(i.previousToDateValue),
    }),
    previousValue: t.field({
      type: "Decimal",
      nullable: true,
      description: "The whole previous period.",
      resolve: (i) => dec(i.previousValue),
    }),
    lastYearValue: t.field({
      type: "Decimal",
      nullable: true,
      description:
        "The same period last year over as many days as have elapsed now (the whole one once the period is over).",
      resolve: (i) => dec(i.lastYearValue),
    }),
    series: t.field({
      description: "Daily values for the sparkline.",
      type: [SeriesPointRef],
      resolve: (i) => [...i.series],
    }),
    gate: t.field({
      description: "Its quality gate this period; null when it has none.",
      type: GateRef,
      nullable: true,
      resolve: (i) => i.gate,
    }),
    gateFailed: t.exposeBoolean("gateFailed", { description: "Whether its quality gate failed." }),
    drives: t.field({
      type: CompanyTargetRef,
      nullable: true,
      description: "The company target this KPI drives (its nearest COMPANY ancestor).",
      resolve: (i) => i.drives,
    }),
    diagnostics: t.field({
      description: "Diagnostic metrics beneath the KPI.",
      type: [DiagnosticRef],
      resolve: (i) => i.diagnostics,
    }),
    annotation: t.field({
      description: "The owner's note for this period; null when none.",
      type: KpiAnnotationRef,
      nullable: true,
      resolve: (i) => (i.annotation ? { ...i.annotation, workspaceId: i.workspaceId } : null),
    }),
  }),
});

const CompanyTargetRef = builder.objectRef<{ kpiKey: string; metricKey: string }>("CompanyTargetRef").implement({
  description: "A company target (root KPI) by key; its figures are in Scorecard.companyTargets.",
  fields: (t) => ({
    key: t.exposeString("kpiKey", { description: "The company KPI's key." }),
    metricKey: t.exposeString("metricKey", { description: "The company KPI's metric." }),
  }),
});

const ScoreRef = builder.objectRef<ScorecardView["score"]>("ScorecardScore").implement({
  description: "Σ(weight × capped attainment) / Σ weight over KPIs with data.",
  fields: (t) => ({
    value: t.field({
      description: "The score; null when no KPI has data.",
      type: "Decimal",
      nullable: true,
      resolve: (s) => dec(s.score),
    }),
    cap: t.field({
      description: "Per-KPI attainment cap used in the score (one KPI cannot hide others).",
      type: "Decimal",
      resolve: (s) => dec(s.cap)!,
    }),
    countedKpis: t.exposeInt("countedKpis", { description: "KPIs with data that counted." }),
    countedWeight: t.field({
      description: "Their total weight.",
      type: "Decimal",
      resolve: (s) => dec(s.countedWeight)!,
    }),
  }),
});

const StatusCountsRef = builder.objectRef<Record<string, number>>("KpiStatusCounts").implement({
  description: "How many KPIs of a scorecard are in each status.",
  fields: (t) => ({
    onTrack: t.int({ description: "KPIs on track.", resolve: (c) => c.ON_TRACK ?? 0 }),
    atRisk: t.int({ description: "KPIs at risk.", resolve: (c) => c.AT_RISK ?? 0 }),
    offTrack: t.int({ description: "KPIs off track.", resolve: (c) => c.OFF_TRACK ?? 0 }),
    noData: t.int({ description: "KPIs without an actual in the period.", resolve: (c) => c.NO_DATA ?? 0 }),
    noTarget: t.int({
      description: "KPIs with an actual but no target (not counted as no data).",
      resolve: (c) => c.NO_TARGET ?? 0,
    }),
  }),
});

type Located<T> = T & { locale: "ru" | "en"; workspaceId: string };

export const HealthCheckRef = builder.objectRef<Located<HealthCheckFinding>>("HealthCheck").implement({
  description:
    "A health-check finding (SPEC §5) with the rule behind it, in the viewer's locale and in both languages.",
  fields: (t) => ({
    code: t.field({ description: "Which check found it.", type: HealthCheckCodeEnum, resolve: (f) => f.code }),
    severity: t.field({
      description: "How serious it is.",
      type: SeverityEnum,
      resolve: (f) => f.severity.toUpperCase() as never,
    }),
    owner: t.field({
      description: "The scorecard it concerns.",
      type: ScorecardOwnerEnum,
      resolve: (f) => f.owner as ScorecardOwner,
    }),
    kpiKeys: t.stringList({ description: "The KPIs it is about.", resolve: (f) => f.kpiKeys }),
    message: t.string({ description: "The finding, in the caller's language.", resolve: (f) => f.message[f.locale] }),
    messageRu: t.string({ description: "The finding in Russian.", resolve: (f) => f.message.ru }),
    messageEn: t.string({ description: "The finding in English.", resolve: (f) => f.message.en }),
    rule: t.string({
      description: "The rule behind the check, in the caller's language.",
      resolve: (f) => f.rule[f.locale],
    }),
    ruleRu: t.string({ description: "The rule in Russian.", resolve: (f) => f.rule.ru }),
    ruleEn: t.string({ description: "The rule in English.", resolve: (f) => f.rule.en }),
    seeds: t.stringList({ description: "The sources the rule comes from.", resolve: (f) => [...f.seeds] }),
  }),
});

export const ScorecardRef = builder.objectRef<Located<ScorecardView> & { role: WorkspaceRole }>("Scorecard").implement({
  description: "One role's KPIs for one period (SPEC §5).",
  fields: (t) => ({
    role: t.field({ description: "The role asked for.", type: WorkspaceRoleEnum, resolve: (s) => s.role }),
    owner: t.field({
      type: ScorecardOwnerEnum,
      description: "COMPANY for OWNER/ADMIN; the role otherwise.",
      resolve: (s) => s.owner,
    }),
    period: t.field({ description: "The period the figures are for.", type: PeriodRef, resolve: (s) => s.period }),
    asOf: t.field({
      type: "Date",
      description: "The last day counted as elapsed (today, in the workspace time zone).",
      resolve: (s) => s.asOf,
    }),
    elapsedShare: t.field({
      description: "Share of the period elapsed, 0–1.",
      type: "Decimal",
      resolve: (s) => dec(s.elapsedShare)!,
    }),
    score: t.field({
      type: "Decimal",
      nullable: true,
      description: "Weighted attainment of the KPIs; null when no KPI has data.",
      resolve: (s) => dec(s.score.score),
    }),
    scoreDetails: t.field({ description: "How the score was computed.", type: ScoreRef, resolve: (s) => s.score }),
    statusCounts: t.field({
      description: "How many KPIs are in each status.",
      type: StatusCountsRef,
      resolve: (s) => s.statusCounts,
    }),
    kpis: t.field({
      description: "The KPIs with their figures, in scorecard order.",
      type: [ScorecardKpiRef],
      resolve: (s) => s.kpis.map((k) => ({ ...k, workspaceId: s.workspaceId })),
    }),
    healthChecks: t.field({
      description: "Health-check findings for this scorecard.",
      type: [HealthCheckRef],
      resolve: (s) => s.healthChecks.map((f) => ({ ...f, locale: s.locale, workspaceId: s.workspaceId })),
    }),
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
  if (owners !== null && owners.length === 0)
    throw new AppError("FORBIDDEN", "No scorecard is readable with this role");
  return owners;
}

const calendarOf = (ws: Workspace) => ({ timeZone: ws.timeZone, fiscalYearStartMonth: ws.fiscalYearStartMonth });

// ---------------------------------------------------------------- Workspace fields

builder.objectFields(WorkspaceRef, (t) => ({
  scorecard: t.field({
    type: ScorecardRef,
    description:
      "One role's scorecard (SPEC §9.1). OWNER/ADMIN → the company view, SALES → the marketing–sales view. OWNER/ADMIN/CMO and READ keys read every one; PERFORMANCE/SMM/CONTENT their own and the company's; SALES the sales and company views.",
    args: {
      role: t.arg({
        description: "Whose scorecard (OWNER = the company scorecard).",
        type: WorkspaceRoleEnum,
        required: true,
      }),
      period: t.arg({
        description: "The period (default: the current one of the scorecard).",
        type: PeriodInput,
        required: false,
      }),
    },
    authScopes: onWorkspace("access"),
    resolve: async (ws, args, ctx) => {
      const access = await accessIn(ctx, ws.id);
      const owner = scorecardOwnerOfRole(args.role);
      const readable = owner
        ? canReadScorecard(access.permissions, access.role, owner)
        : access.permissions.has("scorecard.readAny");
      if (!readable) throw new AppError("FORBIDDEN", `Not allowed to read the ${args.role} scorecard`);
      if (!owner) throw AppError.badInput(["role"], "ROLE_HAS_NO_SCORECARD", { role: args.role });
      const view = await findScorecard(ctx.db, {
        workspaceId: ws.id,
        calendar: calendarOf(ws),
        owner,
        period: toPeriodRequest(args.period),
        now: ctx.now(),
        dataVersion: ctx.dataVersion(ws.id),
      });
      return { ...view, role: args.role, locale: viewerLocale(ctx, ws), workspaceId: ws.id };
    },
  }),
  kpiTree: t.field({
    type: KpiTreeRef,
    description:
      "Company targets → role KPIs → diagnostics with status and variance per node, limited to the scorecards the caller may read.",
    args: {
      period: t.arg({ description: "The period (default: the current month).", type: PeriodInput, required: false }),
    },
    authScopes: onWorkspace("access"),
    resolve: async (ws, args, ctx) => {
      const owners = await requireReadable(ctx, ws.id);
      return findKpiTree(ctx.db, {
        workspaceId: ws.id,
        calendar: calendarOf(ws),
        period: toPeriodRequest(args.period),
        now: ctx.now(),
        dataVersion: ctx.dataVersion(ws.id),
        owners,
      });
    },
  }),
  healthChecks: t.field({
    type: [HealthCheckRef],
    description: "Health checks of SPEC §5 for the period, for the scorecards the caller may read; most severe first.",
    args: {
      period: t.arg({ description: "The period (default: the current month).", type: PeriodInput, required: false }),
    },
    authScopes: onWorkspace("access"),
    resolve: async (ws, args, ctx) => {
      const owners = await requireReadable(ctx, ws.id);
      const { findings } = await findHealthChecks(ctx.db, {
        workspaceId: ws.id,
        calendar: calendarOf(ws),
        period: toPeriodRequest(args.period),
        now: ctx.now(),
        dataVersion: ctx.dataVersion(ws.id),
        owners,
      });
      const locale = viewerLocale(ctx, ws);
      return findings.map((f) => ({ ...f, locale, workspaceId: ws.id }));
    },
  }),
}));

// ---------------------------------------------------------------- KPI tree

const KpiTreeNodeKindEnum = builder.enumType("KpiTreeNodeKind", {
  description: "What a tree node is.",
  values: {
    DIAGNOSTIC: { description: "A diagnostic metric beneath a KPI." },
    KPI: { description: "A KPI." },
  } as const,
});

const DriversRef = builder
  .objectRef<NonNullable<Extract<KpiTreeNode, { kind: "kpi" }>["drivers"]>>("KpiTreeDrivers")
  .implement({
    description: "Roll-up of the KPIs directly beneath a node: their weighted score and its status.",
    fields: (t) => ({
      score: t.field({
        description: "Weighted score of the KPIs directly beneath; null when none has data.",
        type: "Decimal",
        nullable: true,
        resolve: (d) => dec(d.score.score),
      }),
      status: t.field({ description: "The status that score means.", type: KpiStatusEnum, resolve: (d) => d.status }),
    }),
  });

const KpiTreeNodeRef = builder.objectRef<KpiTreeNode>("KpiTreeNode");
KpiTreeNodeRef.implement({
  description: "A node of the KPI tree: a KPI (with status and variance) or a diagnostic metric under one.",
  fields: (t) => ({
    kind: t.field({
      description: "A KPI or a diagnostic metric.",
      type: KpiTreeNodeKindEnum,
      resolve: (n) => (n.kind === "kpi" ? "KPI" : "DIAGNOSTIC"),
    }),
    key: t.exposeString("key", { description: "The KPI's key, or the diagnostic metric's key." }),
    metricKey: t.exposeString("metricKey", { description: "The metric." }),
    channelScope: t.exposeString("channelScope", {
      description: "The channel group or channel it is measured on; null = all.",
      nullable: true,
    }),
    owner: t.field({
      description: "The KPI's scorecard; null for a diagnostic.",
      type: ScorecardOwnerEnum,
      nullable: true,
      resolve: (n) => (n.kind === "kpi" ? (n.ownerRole as ScorecardOwner) : null),
    }),
    actual: t.field({
      description: "Value so far; null without data.",
      type: "Decimal",
      nullable: true,
      resolve: (n) => dec(n.actual),
    }),
    target: t.field({
      description: "The period's target; null without one.",
      type: "Decimal",
      nullable: true,
      resolve: (n) => dec(n.target),
    }),
    expectedToDate: t.field({
      description: "Where the KPI should be by now; KPIs only.",
      type: "Decimal",
      nullable: true,
      resolve: (n) => (n.kind === "kpi" ? dec(n.expectedToDate) : null),
    }),
    variance: t.field({
      description: "actual − target.",
      type: "Decimal",
      nullable: true,
      resolve: (n) => dec(n.variance),
    }),
    varianceToDate: t.field({
      description: "actual − expectedToDate; KPIs only.",
      type: "Decimal",
      nullable: true,
      resolve: (n) => (n.kind === "kpi" ? dec(n.varianceToDate) : null),
    }),
    attainmentToDate: t.field({
      description: "Actual against expectedToDate; KPIs only.",
      type: "Decimal",
      nullable: true,
      resolve: (n) => (n.kind === "kpi" ? dec(n.attainmentToDate) : null),
    }),
    status: t.field({
      description: "The KPI's status; null for a diagnostic.",
      type: KpiStatusEnum,
      nullable: true,
      resolve: (n) => n.status,
    }),
    gateFailed: t.boolean({
      description: "Whether the KPI's quality gate failed.",
      resolve: (n) => n.kind === "kpi" && n.gateFailed,
    }),
    drivers: t.field({
      description: "Roll-up of the KPIs directly beneath; KPIs only.",
      type: DriversRef,
      nullable: true,
      resolve: (n) => (n.kind === "kpi" ? n.drivers : null),
    }),
    children: t.field({
      description: "The nodes beneath: KPIs it drives and its diagnostics.",
      type: [KpiTreeNodeRef],
      resolve: (n) => n.children,
    }),
  }),
});

const DetachedRef = builder.objectRef<KpiTreeView["detached"][number]>("DetachedKpi").implement({
  description: "A KPI that could not be placed in the tree.",
  fields: (t) => ({
    key: t.exposeString("kpiKey", { description: "The KPI's key." }),
    reason: t.exposeString("reason", { description: "UNKNOWN_PARENT or CYCLE" }),
  }),
});

const KpiTreeRef = builder.objectRef<KpiTreeView>("KpiTree").implement({
  description: "Company targets → role KPIs → diagnostics with status and variance (SPEC §5).",
  fields: (t) => ({
    period: t.field({ description: "The period the figures are for.", type: PeriodRef, resolve: (v) => v.period }),
    asOf: t.field({ description: "The last day counted as elapsed.", type: "Date", resolve: (v) => v.asOf }),
    elapsedShare: t.field({
      description: "Share of the period elapsed, 0–1.",
      type: "Decimal",
      resolve: (v) => dec(v.elapsedShare)!,
    }),
    roots: t.field({
      description: "The company targets, each with the KPIs beneath it.",
      type: [KpiTreeNodeRef],
      resolve: (v) => v.roots,
    }),
    detached: t.field({
      description: "KPIs that could not be placed (unknown parent or a cycle).",
      type: [DetachedRef],
      resolve: (v) => v.detached,
    }),
  }),
});
