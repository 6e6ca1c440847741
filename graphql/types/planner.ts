import { actorOf } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors/app-error";
import { badInput } from "@/lib/errors/parse-input";
import { applyTargetPlan } from "@/lib/kpis/apply-target-plan";
import type { KpiRecord } from "@/lib/kpis/kpi-record";
import { loadKpis } from "@/lib/kpis/load-kpis";
import type { Period } from "@/lib/periods/period";
import { SCORECARD_PERMISSIONS, type Permission, type ScorecardOwner } from "@/lib/permissions/registry";
import { type TargetPlan, type TargetProposal, planTargets } from "@/lib/targets/planner";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { builder } from "../builder";
import { parseWorkspaceId } from "../ids";
import { KpiRef, ScorecardOwnerEnum } from "./kpis";
import { PeriodInput, PeriodRef, dec, toPeriodRequest } from "./periods";

const PlanTargetsInput = builder.inputType("PlanTargetsInput", {
  description: "SPEC §6 planner inputs. Rates are fractions in (0, 1]; every number must be > 0.",
  fields: (t) => ({
    revenueTarget: t.field({ type: "Decimal", required: true }),
    averageDealSize: t.field({ type: "Decimal", required: true }),
    leadToDealConversion: t.field({ type: "Decimal", required: true }),
    qualifiedLeadRate: t.field({ type: "Decimal", required: true }),
    pipelineCoverage: t.field({ type: "Decimal", required: false, description: "Default 3 (revenue 10M → pipeline 30M)." }),
    targetCac: t.field({ type: "Decimal", required: true }),
  }),
});

type ProposalView = TargetProposal & { kpi: KpiRecord | null; canApply: boolean; locale: "ru" | "en" };
type PlanView = TargetPlan & { proposals: ProposalView[] };

const ProposalRef = builder.objectRef<ProposalView>("TargetProposal").implement({
  description: "A role KPI target the plan proposes; accept as is or edit before applyTargetPlan.",
  fields: (t) => ({
    kpiKey: t.exposeString("kpiKey"),
    role: t.field({ type: ScorecardOwnerEnum, resolve: (p) => p.role as ScorecardOwner }),
    metricKey: t.exposeString("metricKey"),
    target: t.field({ type: "Decimal", resolve: (p) => dec(p.target)! }),
    basis: t.string({ description: "How the number was derived, in the viewer's locale.", resolve: (p) => p.basis[p.locale] }),
    basisRu: t.string({ resolve: (p) => p.basis.ru }),
    basisEn: t.string({ resolve: (p) => p.basis.en }),
    kpi: t.field({ type: KpiRef, nullable: true, description: "The workspace's KPI with this key; null if it was deleted.", resolve: (p) => p.kpi }),
    canApply: t.boolean({ description: "Whether the caller may set this target (and the KPI exists).", resolve: (p) => p.canApply }),
  }),
});

const TargetPlanRef = builder.objectRef<PlanView>("TargetPlan").implement({
  description: "The funnel planned backwards from the revenue target (SPEC §6).",
  fields: (t) => ({
    requiredDeals: t.field({ type: "Decimal", resolve: (p) => dec(p.requiredDeals)! }),
    requiredLeads: t.field({ type: "Decimal", resolve: (p) => dec(p.requiredLeads)! }),
    requiredQualifiedLeads: t.field({ type: "Decimal", resolve: (p) => dec(p.requiredQualifiedLeads)! }),
    pipelineValue: t.field({ type: "Decimal", resolve: (p) => dec(p.pipelineValue)! }),
    marketingBudgetCeiling: t.field({ type: "Decimal", resolve: (p) => dec(p.marketingBudgetCeiling)! }),
    maxCpl: t.field({ type: "Decimal", resolve: (p) => dec(p.maxCpl)! }),
    maxCostPerQualifiedLead: t.field({ type: "Decimal", resolve: (p) => dec(p.maxCostPerQualifiedLead)! }),
    impliedRomi: t.field({ type: "Decimal", resolve: (p) => dec(p.impliedRomi)! }),
    proposals: t.field({ type: [ProposalRef], resolve: (p) => p.proposals }),
  }),
});

const canSetTarget = (permissions: ReadonlySet<Permission>, owner: ScorecardOwner) => permissions.has(SCORECARD_PERMISSIONS[owner].target);

builder.queryField("planTargets", (t) =>
  t.field({
    type: TargetPlanRef,
    description: "Plans role targets from the revenue target (target.manage or target.manageCompany). Zero or missing inputs → BAD_USER_INPUT per field.",
    args: { workspaceId: t.arg.id({ required: true }), input: t.arg({ type: PlanTargetsInput, required: true }) },
    resolve: async (_root, args, ctx) => {
      const workspaceId = parseWorkspaceId(String(args.workspaceId));
      if (!ctx.viewer) throw new AppError("UNAUTHENTICATED", "Sign in or send an API key");
      const access = await ctx.access(workspaceId);
      if (!access) throw AppError.notFound("Workspace not found");
      if (!access.permissions.has("target.manage") && !access.permissions.has("target.manageCompany")) {
        throw new AppError("FORBIDDEN", "Planning targets needs target.manage");
      }
      const result = planTargets({ ...args.input, pipelineCoverage: args.input.pipelineCoverage ?? undefined });
      if (!result.ok) throw badInput(result.errors.map((e) => ({ path: ["input", e.path], message: e.message })));
      const kpis = await withTenant(ctx.db, { workspaceId }, (tx) => loadKpis(tx, workspaceId));
      const byKey = new Map(kpis.map((k) => [k.key, k]));
      const locale: "ru" | "en" = ctx.viewer.kind === "user" && ctx.viewer.locale === "ru" ? "ru" : "en";
      return {
        ...result.plan,
        proposals: result.plan.proposals.map((p) => {
          const kpi = byKey.get(p.kpiKey) ?? null;
          return { ...p, kpi, locale, canApply: !!kpi && canSetTarget(access.permissions, kpi.ownerRole) };
        }),
      };
    },
  }),
);

const ProposalInput = builder.inputType("TargetProposalInput", {
  fields: (t) => ({ kpiKey: t.string({ required: true }), target: t.field({ type: "Decimal", required: true }) }),
});

const ApplyPayload = builder.objectRef<{ period: Period; kpis: KpiRecord[] }>("ApplyTargetPlanPayload").implement({
  fields: (t) => ({
    period: t.field({ type: PeriodRef, resolve: (p) => p.period }),
    kpis: t.field({ type: [KpiRef], description: "The KPIs whose targets were set.", resolve: (p) => p.kpis }),
  }),
});

builder.mutationField("applyTargetPlan", (t) =>
  t.field({
    type: ApplyPayload,
    description: "Sets the (possibly edited) proposals as KPI targets for the period in one transaction: all or nothing.",
    args: {
      workspaceId: t.arg.id({ required: true }),
      period: t.arg({ type: PeriodInput, required: true }),
      proposals: t.arg({ type: [ProposalInput], required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const workspaceId = parseWorkspaceId(String(args.workspaceId));
      if (!ctx.viewer) throw new AppError("UNAUTHENTICATED", "Sign in or send an API key");
      const access = await ctx.access(workspaceId);
      if (!access) throw AppError.notFound("Workspace not found");
      // Field paths are relative to the arguments: ["proposals", 2, "target"], ["period", "anchor"].
      return applyTargetPlan(ctx.db, {
        workspaceId,
        period: toPeriodRequest(args.period)!,
        proposals: args.proposals,
        actor: actorOf(ctx.viewer),
        permissions: access.permissions,
        now: ctx.now(),
      });
    },
  }),
);
