import type { InputFieldBuilder } from "@pothos/core";
import { actorOf } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors/app-error";
import { createKpi } from "@/lib/kpis/create-kpi";
import type { KpiFieldsInput } from "@/lib/kpis/kpi-input";
import { deleteKpi } from "@/lib/kpis/delete-kpi";
import type { KpiRecord } from "@/lib/kpis/kpi-record";
import { isoDate, type TargetVersion } from "@/lib/kpis/target-version";
import { findPeriodTargets } from "@/lib/kpis/find-period-targets";
import { findTargetHistories } from "@/lib/kpis/find-target-histories";
import { listKpis } from "@/lib/kpis/list-kpis";
import { resetScorecardTemplate } from "@/lib/kpis/reset-scorecard-template";
import { type KpiAnnotationRecord, setKpiAnnotation } from "@/lib/kpis/set-kpi-annotation";
import { returnTargetToDerived } from "@/lib/kpis/return-target-to-derived";
import { setKpiTarget } from "@/lib/kpis/set-kpi-target";
import { updateKpi } from "@/lib/kpis/update-kpi";
import { findUserName } from "@/lib/members/find-user-name";
import type { Period } from "@/lib/periods/period";
import { SCORECARD_OWNERS, type ScorecardOwner, canReadScorecard } from "@/lib/permissions/registry";
import { resolveScorecardPeriod } from "@/lib/scorecard-service/resolve-scorecard-period";
import type { GraphQLContext } from "../context";
import { builder } from "../builder";
import { accessIn, inWorkspace, onWorkspace } from "../authz";
import { parseTenantNodeId, parseWorkspaceId, tenantNodeId } from "../ids";
import { parseTenantNodeInput, underInput } from "../input-errors";
import { PeriodInput, PeriodRef, dec, toPeriodRequest } from "./periods";
import { WorkspaceRef } from "./workspace";

// ---------------------------------------------------------------- enums

export const ScorecardOwnerEnum = builder.enumType("ScorecardOwner", {
  description: "The scorecard a KPI belongs to: the company (the KPI tree's roots) or a role.",
  values: {
    CMO: { description: "The CMO's scorecard." },
    COMPANY: { description: "The company targets (the roots of the KPI tree)." },
    CONTENT: { description: "The content marketing scorecard." },
    PERFORMANCE: { description: "The performance marketing scorecard." },
    SALES: { description: "The sales scorecard." },
    SMM: { description: "The social media scorecard." },
  },
});
export const KpiDirectionEnum = builder.enumType("KpiDirection", {
  description: "What a KPI aims for.",
  values: {
    HIGHER: { description: "Higher is better (e.g. leads).", value: "higher" },
    LOWER: { description: "Lower is better (e.g. CAC).", value: "lower" },
    RANGE: { description: "Within a range is best (e.g. frequency).", value: "range" },
  } as const,
});
export const KpiPeriodTypeEnum = builder.enumType("KpiPeriodType", {
  description: "How often a KPI's target is set.",
  values: {
    MONTH: { description: "Monthly targets.", value: "month" },
    QUARTER: { description: "Fiscal-quarter targets.", value: "quarter" },
    YEAR: { description: "Fiscal-year targets.", value: "year" },
  } as const,
});
export const ComparatorEnum = builder.enumType("GateComparator", {
  description: "How a quality gate compares its metric with the threshold.",
  values: {
    GTE: { description: "The metric must be ≥ the threshold.", value: ">=" },
    LTE: { description: "The metric must be ≤ the threshold.", value: "<=" },
  } as const,
});
export const TargetSourceEnum = builder.enumType("TargetSource", {
  description:
    "MANUAL/PLANNER/TEMPLATE: an explicit version; SUM: the sum of the targets of the periods inside this one (a quarter's three months; flow measures only); DEFAULT: the KPI's standing target; DERIVED: from another target (pipeline = 3 × revenue).",
  values: {
    DEFAULT: { description: "The KPI's standing default target." },
    DERIVED: { description: "Derived from another target (e.g. pipeline = 3 × revenue)." },
    MANUAL: { description: "Set by hand." },
    PLANNER: { description: "Set from the target planner." },
    SUM: { description: "The sum of the monthly targets that tile the period." },
    TEMPLATE: { description: "From the scorecard template." },
  } as const,
});

// ---------------------------------------------------------------- access helpers

async function canSeeKpi(ctx: GraphQLContext, workspaceId: string, owner: ScorecardOwner): Promise<boolean> {
  const access = await ctx.access(workspaceId);
  return !!access && canReadScorecard(access.permissions, access.role, owner);
}

/** The workspace's KPI definitions, read once per operation. */
function kpisOf(ctx: GraphQLContext, workspaceId: string): Promise<KpiRecord[]> {
  return ctx.memo(`kpis:${workspaceId}`, () => listKpis(ctx.db, { workspaceId }));
}

async function loadKpi(ctx: GraphQLContext, workspaceId: string, kpiId: string): Promise<KpiRecord | null> {
  return (await kpisOf(ctx, workspaceId)).find((k) => k.id === kpiId) ?? null;
}

/** The workspace's time zone and fiscal year (its row is read once per request). */
async function calendarOf(ctx: GraphQLContext, workspaceId: string) {
  const ws = await ctx.workspaceRow(workspaceId);
  if (!ws) throw AppError.notFound("Workspace not found");
  return { timeZone: ws.timeZone, fiscalYearStartMonth: ws.fiscalYearStartMonth };
}

/** Every KPI's resolved target for a period, by KPI key: read once per operation for a KPI list. */
function targetsFor(ctx: GraphQLContext, workspaceId: string, period: Period) {
  return ctx.memo(`targets:${workspaceId}:${period.from}:${period.to}`, async () => {
    return findPeriodTargets(ctx.db, { workspaceId, kpis: await kpisOf(ctx, workspaceId), period });
  });
}

// ---------------------------------------------------------------- types

const RangeRef = builder.objectRef<NonNullable<KpiRecord["range"]>>("KpiRange").implement({
  description: "The bounds of a RANGE goal.",
  fields: (t) => ({
    min: t.field({ description: "Lower bound.", type: "Decimal", resolve: (r) => dec(r.min)! }),
    max: t.field({ description: "Upper bound.", type: "Decimal", resolve: (r) => dec(r.max)! }),
  }),
});
const ThresholdsRef = builder.objectRef<KpiRecord["thresholds"]>("KpiThresholds").implement({
  description: "Attainment fractions: ≥ onTrack → ON_TRACK, ≥ atRisk → AT_RISK, otherwise OFF_TRACK.",
  fields: (t) => ({
    onTrack: t.field({
      description: "Attainment at or above which the KPI is ON_TRACK.",
      type: "Decimal",
      resolve: (r) => dec(r.onTrack)!,
    }),
    atRisk: t.field({
      description: "Attainment at or above which the KPI is AT_RISK (below: OFF_TRACK).",
      type: "Decimal",
      resolve: (r) => dec(r.atRisk)!,
    }),
  }),
});
const QualityGateRef = builder.objectRef<NonNullable<KpiRecord["qualityGate"]>>("QualityGate").implement({
  description:
    "The KPI counts only while `metricKey comparator threshold` holds (seed: leads count only while ≥ 20% close).",
  fields: (t) => ({
    metricKey: t.exposeString("metricKey", { description: "The metric the gate checks." }),
    comparator: t.field({
      description: "How the metric is compared.",
      type: ComparatorEnum,
      resolve: (g) => g.comparator,
    }),
    threshold: t.field({
      description: "The value it is compared with.",
      type: "Decimal",
      resolve: (g) => dec(g.threshold)!,
    }),
  }),
});

const TargetVersionRef = builder.objectRef<TargetVersion>("KpiTargetVersion").implement({
  description: "One entry of a KPI's target history (append-only; the latest per period is current).",
  fields: (t) => ({
    periodFrom: t.field({
      description: "First day of the period it is for.",
      type: "Date",
      resolve: (v) => v.periodFrom,
    }),
    periodTo: t.field({ description: "Last day of the period it is for.", type: "Date", resolve: (v) => v.periodTo }),
    value: t.field({
      type: "Decimal",
      nullable: true,
      description: "Null: the target was removed.",
      resolve: (v) => dec(v.value),
    }),
    source: t.field({
      description: "How it was set (by hand, the planner …).",
      type: TargetSourceEnum,
      resolve: (v) => v.source.toUpperCase() as never,
    }),
    effectiveFrom: t.field({
      description: "When this version was set.",
      type: "DateTime",
      resolve: (v) => v.effectiveFrom,
    }),
    setByUserId: t.id({
      description: "The member who set it; null otherwise.",
      nullable: true,
      resolve: (v) => v.actorUserId,
    }),
    setByApiKeyId: t.id({
      description: "The API key that set it; null otherwise.",
      nullable: true,
      resolve: (v) => v.actorApiKeyId,
    }),
  }),
});

export const KpiAnnotationRef = builder
  .objectRef<Pick<KpiAnnotationRecord, "body" | "authorUserId" | "updatedAt"> & { workspaceId: string }>(
    "KpiAnnotation",
  )
  .implement({
    description: "A member's note on a KPI of their own scorecard for one period.",
    fields: (t) => ({
      body: t.exposeString("body", { description: "The note's text." }),
      authorUserId: t.id({ description: "The member who wrote it.", resolve: (a) => a.authorUserId }),
      updatedAt: t.field({ description: "When it was last written.", type: "DateTime", resolve: (a) => a.updatedAt }),
    }),
  });

interface KpiTargetView {
  value: string | null;
  source: string | null;
  effectiveFrom: Date | null;
  derivedFrom: { kpiKey: string; factor: string } | null;
  setByUserId: string | null;
  setByApiKeyId: string | null;
  workspaceId?: string;
}

const TargetDerivationRef = builder.objectRef<{ kpiKey: string; factor: string }>("TargetDerivation").implement({
  description: 'What a derived target follows (SPEC §5 "Targets flow down"): factor × the target of another KPI.',
  fields: (t) => ({
    kpiKey: t.exposeString("kpiKey", { description: "The KPI whose target this one follows (e.g. company.revenue)." }),
    factor: t.field({
      type: "Decimal",
      description: "The multiple (pipeline = 3 × revenue).",
      resolve: (d) => d.factor,
    }),
  }),
});

const KpiTargetRef = builder.objectRef<KpiTargetView>("KpiTarget").implement({
  description: "A KPI's target for a period and where it came from (set by whom, derived from what, the planner).",
  fields: (t) => ({
    value: t.field({
      description: "The target; null when there is none.",
      type: "Decimal",
      nullable: true,
      resolve: (v) => v.value,
    }),
    source: t.field({
      description: "Where the number came from; null without a target.",
      type: TargetSourceEnum,
      nullable: true,
      resolve: (v) => (v.source?.toUpperCase() as never) ?? null,
    }),
    effectiveFrom: t.field({
      description: "When this target version was set; null for a derived or template target.",
      type: "DateTime",
      nullable: true,
      resolve: (v) => v.effectiveFrom,
    }),
    derivedFrom: t.field({
      type: TargetDerivationRef,
      nullable: true,
      description: "DERIVED targets: the KPI and factor they follow until set explicitly.",
      resolve: (v) => v.derivedFrom,
    }),
    setByUserId: t.id({
      nullable: true,
      description: "Explicit targets (MANUAL, PLANNER): the member who set it.",
      resolve: (v) => v.setByUserId,
    }),
    setByName: t.string({
      nullable: true,
      description: "Explicit targets: the name of the member who set it (for the targets page).",
      resolve: (v, _args, ctx) =>
        v.setByUserId && v.workspaceId
          ? ctx.memo(`userName:${v.setByUserId}`, () =>
              findUserName(ctx.db, { workspaceId: v.workspaceId!, userId: v.setByUserId! }),
            )
          : null,
    }),
    setByApiKeyId: t.id({
      nullable: true,
      description: "Explicit targets set over the API: the key.",
      resolve: (v) => v.setByApiKeyId,
    }),
  }),
});

const KpiObject = builder.objectRef<KpiRecord>("Kpi");

/** A KPI definition (tenant node "<workspaceId>.<kpiId>"). */
export const KpiRef = builder.node(KpiObject, {
  description:
    "A KPI definition: the metric it measures, the scorecard it is on, its goal, thresholds and place in the KPI tree (SPEC §5).",
  id: { resolve: (k) => tenantNodeId(k.workspaceId, k.id) },
  loadOne: async (id, ctx) => {
    const parsed = parseTenantNodeId(id);
    if (!parsed || !(await ctx.access(parsed.workspaceId))) return null;
    const kpi = await loadKpi(ctx, parsed.workspaceId, parsed.rowId);
    return kpi && (await canSeeKpi(ctx, kpi.workspaceId, kpi.ownerRole)) ? kpi : null;
  },
  fields: (t) => ({
    key: t.exposeString("key", { description: "Key, unique in the workspace (e.g. performance.cac)." }),
    metricKey: t.exposeString("metricKey", { description: "The metric it measures." }),
    ownerRole: t.field({
      description: "The scorecard it belongs to.",
      type: ScorecardOwnerEnum,
      resolve: (k) => k.ownerRole,
    }),
    periodType: t.field({
      description: "How often its target is set.",
      type: KpiPeriodTypeEnum,
      resolve: (k) => k.periodType,
    }),
    direction: t.field({
      description: "Whether higher or lower is better, or a range is the goal.",
      type: KpiDirectionEnum,
      resolve: (k) => k.direction,
    }),
    range: t.field({
      description: "RANGE direction: the bounds of the goal; null otherwise.",
      type: RangeRef,
      nullable: true,
      resolve: (k) => k.range ?? null,
    }),
    thresholds: t.field({
      description: "Attainment fractions that separate ON_TRACK, AT_RISK and OFF_TRACK.",
      type: ThresholdsRef,
      resolve: (k) => k.thresholds,
    }),
    weight: t.field({ description: "Weight in the scorecard score.", type: "Decimal", resolve: (k) => dec(k.weight)! }),
    defaultTarget: t.field({
      type: "Decimal",
      nullable: true,
      description: "Standing target for periods without an explicit one.",
      resolve: (k) => dec(k.defaultTarget),
    }),
    parentKey: t.exposeString("parentKey", {
      nullable: true,
      description: "The KPI this one drives (its parent in the tree).",
    }),
    parent: t.field({
      description: "The KPI this one drives; null for a root (a company target).",
      type: KpiObject,
      nullable: true,
      resolve: async (k, _a, ctx): Promise<KpiRecord | null> =>
        k.parentId ? loadKpi(ctx, k.workspaceId, k.parentId) : null,
    }),
    qualityGate: t.field({
      description: "A condition it needs to count; null when none.",
      type: QualityGateRef,
      nullable: true,
      resolve: (k) => k.qualityGate ?? null,
    }),
    diagnostics: t.stringList({
      description: "Process metrics shown beneath it for diagnosis.",
      resolve: (k) => [...k.diagnostics],
    }),
    channelScope: t.exposeString("channelScope", {
      description: "The channel group or channel it is measured on; null = all channels.",
      nullable: true,
    }),
    templateKey: t.exposeString("templateKey", {
      nullable: true,
      description: "The template KPI this one came from (reset to template restores it).",
    }),
    position: t.exposeInt("position", { description: "Order on the scorecard (0 first)." }),
    target: t.field({
      type: KpiTargetRef,
      description: "The target for a period (default: the current one of the KPI's period type).",
      args: {
        period: t.arg({
          description: "The period (default: the current one of the KPI's period type).",
          type: PeriodInput,
          required: false,
        }),
      },
      resolve: async (k, args, ctx) => {
        const calendar = await calendarOf(ctx, k.workspaceId);
        const period = resolveScorecardPeriod(
          toPeriodRequest(args.period) ?? { type: k.periodType },
          calendar,
          ctx.now(),
        );
        const t = (await targetsFor(ctx, k.workspaceId, period)).get(k.key) ?? {
          value: null,
          source: null,
          effectiveFrom: null,
        };
        return {
          value: dec(t.value),
          source: t.source,
          effectiveFrom: t.effectiveFrom,
          derivedFrom: t.derivedFrom ? { kpiKey: t.derivedFrom.kpiKey, factor: dec(t.derivedFrom.factor)! } : null,
          setByUserId: t.actorUserId ?? null,
          setByApiKeyId: t.actorApiKeyId ?? null,
          workspaceId: k.workspaceId,
        };
      },
    }),
    targetHistory: t.field({
      type: [TargetVersionRef],
      description: "Every target version, newest first; with `period`, only that period's.",
      args: { period: t.arg({ description: "Only this period's versions.", type: PeriodInput, required: false }) },
      resolve: async (k, args, ctx) => {
        const request = toPeriodRequest(args.period);
        const period = request
          ? resolveScorecardPeriod(request, await calendarOf(ctx, k.workspaceId), ctx.now())
          : null;
        const histories = await ctx.memo(
          `targetHistory:${k.workspaceId}:${period ? `${period.from}:${period.to}` : "all"}`,
          () => findTargetHistories(ctx.db, { workspaceId: k.workspaceId, period }),
        );
        return histories.get(k.id) ?? [];
      },
    }),
  }),
});

builder.objectField(WorkspaceRef, "kpis", (t) =>
  t.field({
    type: [KpiRef],
    description: "KPI definitions of the scorecards the caller may read, company first; `role` picks one scorecard.",
    args: { role: t.arg({ description: "Only this scorecard's KPIs.", type: ScorecardOwnerEnum, required: false }) },
    authScopes: onWorkspace("access"),
    resolve: async (ws, args, ctx) => {
      const access = await accessIn(ctx, ws.id);
      if (!SCORECARD_OWNERS.some((o) => canReadScorecard(access.permissions, access.role, o))) {
        throw new AppError("FORBIDDEN", "No scorecard is readable with this role");
      }
      if (args.role && !canReadScorecard(access.permissions, access.role, args.role)) {
        throw new AppError("FORBIDDEN", `Not allowed to read the ${args.role} scorecard`);
      }
      const kpis = await kpisOf(ctx, ws.id);
      return kpis.filter((k) =>
        args.role ? k.ownerRole === args.role : canReadScorecard(access.permissions, access.role, k.ownerRole),
      );
    },
  }),
);

// ---------------------------------------------------------------- inputs

const RangeInput = builder.inputType("KpiRangeInput", {
  description: "The bounds of a RANGE goal (min ≤ max).",
  fields: (t) => ({
    min: t.field({ description: "Lower bound.", type: "Decimal", required: true }),
    max: t.field({ description: "Upper bound.", type: "Decimal", required: true }),
  }),
});
const ThresholdsInput = builder.inputType("KpiThresholdsInput", {
  description: "Attainment fractions: onTrack ≥ atRisk, both in (0, 2].",
  fields: (t) => ({
    onTrack: t.field({
      description: "Attainment at or above which the KPI is ON_TRACK.",
      type: "Decimal",
      required: true,
    }),
    atRisk: t.field({
      description: "Attainment at or above which the KPI is AT_RISK.",
      type: "Decimal",
      required: true,
    }),
  }),
});
const QualityGateInput = builder.inputType("QualityGateInput", {
  description: "A condition a KPI needs to count: metricKey comparator threshold.",
  fields: (t) => ({
    metricKey: t.string({ description: "The metric the gate checks.", required: true }),
    comparator: t.field({ description: "How the metric is compared.", type: ComparatorEnum, required: true }),
    threshold: t.field({ description: "The value it is compared with.", type: "Decimal", required: true }),
  }),
});

type KpiInputFieldBuilder = InputFieldBuilder<
  typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never,
  "InputObject"
>;

/** The optional KPI fields that createKpi and updateKpi both accept. */
function optionalKpiFields(t: KpiInputFieldBuilder) {
  return {
    key: t.string({ required: false, description: "Slug, unique in the workspace; default <owner>.<metric>." }),
    periodType: t.field({
      description: "How often its target is set (new KPIs: default MONTH).",
      type: KpiPeriodTypeEnum,
      required: false,
    }),
    range: t.field({
      description: "RANGE direction only: the bounds of the goal; null removes them.",
      type: RangeInput,
      required: false,
    }),
    thresholds: t.field({
      description: "Attainment fractions for ON_TRACK and AT_RISK (new KPIs: default 0.95 and 0.8).",
      type: ThresholdsInput,
      required: false,
    }),
    weight: t.field({
      description: "Weight in the scorecard score (new KPIs: default 1).",
      type: "Decimal",
      required: false,
    }),
    parentId: t.id({ required: false, description: "The Kpi this one drives; null makes it a root." }),
    qualityGate: t.field({
      description: "A condition the KPI needs to count; null removes it.",
      type: QualityGateInput,
      required: false,
    }),
    diagnostics: t.stringList({
      description: "Process metrics shown beneath the KPI for diagnosis (never judged).",
      required: false,
    }),
    channelScope: t.string({
      required: false,
      description: 'A channel group ("paid", "social", "content") or one channel name.',
    }),
    defaultTarget: t.field({
      description: "Standing target for periods without an explicit one; null removes it.",
      type: "Decimal",
      required: false,
    }),
    position: t.int({ description: "Order on the scorecard (0 first).", required: false }),
  };
}

const CreateKpiInput = builder.inputType("CreateKpiInput", {
  description: "A new KPI on a scorecard (SPEC §5).",
  fields: (t) => ({
    workspaceId: t.id({ description: "The workspace (global id or UUID).", required: true }),
    metricKey: t.string({ description: "The metric the KPI measures (a catalog or custom key).", required: true }),
    ownerRole: t.field({ description: "The scorecard it belongs to.", type: ScorecardOwnerEnum, required: true }),
    direction: t.field({
      description: "Whether higher or lower is better, or a range is the goal.",
      type: KpiDirectionEnum,
      required: true,
    }),
    ...optionalKpiFields(t),
  }),
});
const UpdateKpiInput = builder.inputType("UpdateKpiInput", {
  description: "A patch: absent fields keep their value; null clears an optional one.",
  fields: (t) => ({
    id: t.id({ description: "The Kpi's global id.", required: true }),
    metricKey: t.string({ description: "The metric the KPI measures.", required: false }),
    ownerRole: t.field({ description: "The scorecard it belongs to.", type: ScorecardOwnerEnum, required: false }),
    direction: t.field({
      description: "Whether higher or lower is better, or a range is the goal.",
      type: KpiDirectionEnum,
      required: false,
    }),
    ...optionalKpiFields(t),
  }),
});

type KpiInputShape = Record<string, unknown> & { parentId?: string | null };

/** GraphQL input → lib input: global parent id → row id (same workspace only); absent stays absent. */
function toLibKpiInput(input: KpiInputShape, workspaceId: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) if (v !== undefined && k !== "workspaceId" && k !== "id") out[k] = v;
  if (input.parentId !== undefined && input.parentId !== null) {
    const parent = parseTenantNodeInput(String(input.parentId), "Kpi", ["input", "parentId"]);
    if (parent.workspaceId !== workspaceId) throw AppError.badInput(["input", "parentId"], "NO_SUCH_KPI");
    out.parentId = parent.rowId;
  }
  for (const k of ["key", "metricKey", "ownerRole", "direction", "periodType", "weight", "diagnostics", "position"])
    if (out[k] === null) delete out[k];
  return out;
}

const KpiPayload = builder.objectRef<{ kpi: KpiRecord }>("KpiPayload").implement({
  description: "A KPI after a change.",
  fields: (t) => ({ kpi: t.field({ description: "The KPI.", type: KpiRef, resolve: (p) => p.kpi }) }),
});

builder.mutationField("createKpi", (t) =>
  t.field({
    type: KpiPayload,
    description:
      "Adds a KPI (kpi.manage for marketing scorecards, kpi.manageCompany for COMPANY and SALES). A sixth KPI on a role is allowed and flagged by the health check.",
    args: { input: t.arg({ description: "The KPI to add.", type: CreateKpiInput, required: true }) },
    authScopes: inWorkspace("access", (_root, { input }) =>
      parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]),
    ),
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]);
      const access = await accessIn(ctx, workspaceId);
      const fields = toLibKpiInput(input as unknown as KpiInputShape, workspaceId);
      const kpi = await underInput(() =>
        createKpi(ctx.db, {
          workspaceId,
          permissions: access.permissions,
          actor: actorOf(ctx.viewer!),
          ...(fields as unknown as KpiFieldsInput),
        }),
      );
      return { kpi };
    },
  }),
);

builder.mutationField("updateKpi", (t) =>
  t.field({
    type: KpiPayload,
    description:
      "Changes a KPI (a patch). A new parent that would close a cycle is refused with BAD_USER_INPUT at input.parentId.",
    args: { input: t.arg({ description: "The changes.", type: UpdateKpiInput, required: true }) },
    authScopes: inWorkspace(
      "access",
      (_root, { input }) => parseTenantNodeInput(String(input.id), "Kpi", ["input", "id"]).workspaceId,
    ),
    resolve: async (_root, { input }, ctx) => {
      const { workspaceId, rowId } = parseTenantNodeInput(String(input.id), "Kpi", ["input", "id"]);
      const access = await accessIn(ctx, workspaceId);
      const fields = toLibKpiInput(input as unknown as KpiInputShape, workspaceId);
      const kpi = await underInput(() =>
        updateKpi(ctx.db, {
          workspaceId,
          kpiId: rowId,
          permissions: access.permissions,
          actor: actorOf(ctx.viewer!),
          ...(fields as unknown as KpiFieldsInput),
        }),
      );
      return { kpi };
    },
  }),
);

const DeleteKpiPayload = builder.objectRef<{ kpi: KpiRecord }>("DeleteKpiPayload").implement({
  description: "What deleteKpi removed.",
  fields: (t) => ({
    deletedKpiId: t.id({
      description: "The deleted Kpi's global id.",
      resolve: (p) => tenantNodeId(p.kpi.workspaceId, p.kpi.id),
    }),
    key: t.string({ description: "The deleted KPI's key.", resolve: (p) => p.kpi.key }),
  }),
});

builder.mutationField("deleteKpi", (t) =>
  t.field({
    type: DeleteKpiPayload,
    description: "Deletes a KPI with its targets and annotations; its children move up to its parent.",
    args: { id: t.arg.id({ description: "The Kpi's global id.", required: true }) },
    authScopes: inWorkspace(
      "access",
      (_root, args) => parseTenantNodeInput(String(args.id), "Kpi", ["id"]).workspaceId,
    ),
    resolve: async (_root, args, ctx) => {
      const { workspaceId, rowId } = parseTenantNodeInput(String(args.id), "Kpi", ["id"]);
      const access = await accessIn(ctx, workspaceId);
      return {
        kpi: await deleteKpi(ctx.db, {
          workspaceId,
          kpiId: rowId,
          permissions: access.permissions,
          actor: actorOf(ctx.viewer!),
        }),
      };
    },
  }),
);

/** The KPI named by a `kpiId` argument (BAD_USER_INPUT when it is not a Kpi id). */
const kpiOfArgs = (args: { kpiId: string | number }) => parseTenantNodeInput(String(args.kpiId), "Kpi", ["kpiId"]);

/** The caller's access to the `kpiId` argument's workspace; the KPI's owner rules apply in lib. */
const kpiArgAccess = inWorkspace(
  "access",
  (_root: unknown, args: { kpiId: string | number }) => kpiOfArgs(args).workspaceId,
);

const SetKpiTargetPayload = builder
  .objectRef<{ kpi: KpiRecord; period: Period; value: string | null }>("SetKpiTargetPayload")
  .implement({
    description: "A KPI's target after setKpiTarget.",
    fields: (t) => ({
      kpi: t.field({ description: "The KPI.", type: KpiRef, resolve: (p) => p.kpi }),
      period: t.field({ description: "The period the target is for.", type: PeriodRef, resolve: (p) => p.period }),
      target: t.field({
        description: "The target now; null when it was removed.",
        type: "Decimal",
        nullable: true,
        resolve: (p) => p.value,
      }),
    }),
  });

builder.mutationField("setKpiTarget", (t) =>
  t.field({
    type: SetKpiTargetPayload,
    description:
      "Sets (value null: removes) a KPI's target for one period of its period type; earlier values stay in targetHistory (target.manage / target.manageCompany).",
    args: {
      kpiId: t.arg.id({ description: "The Kpi's global id.", required: true }),
      period: t.arg({ description: "A period of the KPI's period type.", type: PeriodInput, required: true }),
      value: t.arg({ description: "The target; null removes it.", type: "Decimal", required: false }),
    },
    authScopes: kpiArgAccess,
    resolve: async (_root, args, ctx) => {
      const { workspaceId, rowId } = kpiOfArgs(args);
      const access = await accessIn(ctx, workspaceId);
      const result = await setKpiTarget(ctx.db, {
        workspaceId,
        kpiId: rowId,
        period: toPeriodRequest(args.period)!,
        value: args.value ?? null,
        actor: actorOf(ctx.viewer!),
        permissions: access.permissions,
        now: ctx.now(),
      });
      return { kpi: result.kpi, period: result.period, value: dec(result.value) };
    },
  }),
);

const ReturnToDerivedPayload = builder
  .objectRef<{ kpi: KpiRecord; period: Period }>("ReturnKpiTargetToDerivedPayload")
  .implement({
    description: "The KPI whose explicit target was dropped; read its target for the derived value.",
    fields: (t) => ({
      kpi: t.field({
        description: "The KPI; its target for the period now follows its source again.",
        type: KpiRef,
        resolve: (p) => p.kpi,
      }),
      period: t.field({
        description: "The period whose target was returned to the derived value.",
        type: PeriodRef,
        resolve: (p) => p.period,
      }),
    }),
  });

builder.mutationField("returnKpiTargetToDerived", (t) =>
  t.field({
    type: ReturnToDerivedPayload,
    description:
      'Drops a KPI\'s explicit target for one period so it follows its derivation again — pipeline = 3 × the revenue target, the sum of the months, or the standing default (SPEC §5 "Targets flow down"). The explicit values stay in targetHistory; audited (target.manage / target.manageCompany).',
    args: {
      kpiId: t.arg.id({ required: true, description: "The KPI (a Kpi node id)." }),
      period: t.arg({ type: PeriodInput, required: true, description: "A period of the KPI's period type." }),
    },
    authScopes: kpiArgAccess,
    resolve: async (_root, args, ctx) => {
      const { workspaceId, rowId } = kpiOfArgs(args);
      const access = await accessIn(ctx, workspaceId);
      return returnTargetToDerived(ctx.db, {
        workspaceId,
        kpiId: rowId,
        period: toPeriodRequest(args.period)!,
        actor: actorOf(ctx.viewer!),
        permissions: access.permissions,
        now: ctx.now(),
      });
    },
  }),
);

const ResetTemplatePayload = builder.objectRef<{ kpis: KpiRecord[] }>("ResetScorecardTemplatePayload").implement({
  description: "The scorecard's KPIs after the reset.",
  fields: (t) => ({
    kpis: t.field({ description: "The KPIs now on the scorecard.", type: [KpiRef], resolve: (p) => p.kpis }),
  }),
});

builder.mutationField("resetScorecardTemplate", (t) =>
  t.field({
    type: ResetTemplatePayload,
    description:
      "Restores one scorecard's KPIs to the SPEC §5 template (targets and notes of template KPIs stay; hand-added KPIs go).",
    args: {
      workspaceId: t.arg.id({ description: "The workspace (global id or UUID).", required: true }),
      role: t.arg({ description: "The scorecard to reset.", type: ScorecardOwnerEnum, required: true }),
    },
    authScopes: inWorkspace("access", (_root, args) => parseWorkspaceId(String(args.workspaceId))),
    resolve: async (_root, args, ctx) => {
      const workspaceId = parseWorkspaceId(String(args.workspaceId));
      const access = await accessIn(ctx, workspaceId);
      return {
        kpis: await resetScorecardTemplate(ctx.db, {
          workspaceId,
          owner: args.role,
          permissions: access.permissions,
          actor: actorOf(ctx.viewer!),
        }),
      };
    },
  }),
);

const AnnotationPayload = builder
  .objectRef<{ annotation: (KpiAnnotationRecord & { workspaceId: string }) | null; period: Period }>(
    "SetKpiAnnotationPayload",
  )
  .implement({
    description: "The note after setKpiAnnotation.",
    fields: (t) => ({
      annotation: t.field({
        type: KpiAnnotationRef,
        nullable: true,
        description: "Null when the note was removed.",
        resolve: (p) => p.annotation,
      }),
      period: t.field({ description: "The period the note is for.", type: PeriodRef, resolve: (p) => p.period }),
    }),
  });

builder.mutationField("setKpiAnnotation", (t) =>
  t.field({
    type: AnnotationPayload,
    description:
      "Writes (empty body: removes) the caller's note on a KPI of their own scorecard for a period (annotation.write).",
    args: {
      kpiId: t.arg.id({ description: "The Kpi's global id.", required: true }),
      period: t.arg({ description: "The period (default: the current one).", type: PeriodInput, required: false }),
      body: t.arg.string({ description: "The note's text; empty removes it.", required: true }),
    },
    authScopes: kpiArgAccess,
    resolve: async (_root, args, ctx) => {
      const { workspaceId, rowId } = kpiOfArgs(args);
      const access = await accessIn(ctx, workspaceId);
      if (ctx.viewer?.kind !== "user") throw new AppError("FORBIDDEN", "Annotations are written by members");
      const result = await setKpiAnnotation(ctx.db, {
        workspaceId,
        kpiId: rowId,
        period: toPeriodRequest(args.period) ?? { type: "month" },
        body: args.body,
        userId: ctx.viewer.userId,
        role: access.role,
        permissions: access.permissions,
        now: ctx.now(),
      });
      return { period: result.period, annotation: result.annotation ? { ...result.annotation, workspaceId } : null };
    },
  }),
);

export { isoDate };
