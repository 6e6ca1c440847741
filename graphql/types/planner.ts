import { actorOf } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors/app-error";
import { badInput } from "@/lib/errors/parse-input";
import { applyTargetPlan } from "@/lib/kpis/apply-target-plan";
import type { KpiRecord } from "@/lib/kpis/kpi-record";
import { listKpis } from "@/lib/kpis/list-kpis";
import type { Period } from "@/lib/periods/period";
import { SCORECARD_PERMISSIONS, type Permission, type ScorecardOwner } from "@/lib/permissions/registry";
import { type TargetPlan, type TargetProposal, planTargets } from "@/lib/targets/planner";
import { builder } from "../builder";
import { accessIn, inWorkspace } from "../authz";
import { parseWorkspaceId } from "../ids";
import { KpiRef, ScorecardOwnerEnum } from "./kpis";
import { PeriodInput, PeriodRef, dec, toPeriodRequest } from "./periods";
import { fieldError } from "@/lib/errors/app-error";

const PlanTargetsInput = builder.inputType("PlanTargetsInput", {
  description: "SPEC §6 planner inputs. Rates are fractions in (0, 1]; every number must be > 0.",
  fields: (t) => ({
    revenueTarget: t.field({
      description: "Revenue to reach in the period, in the reporting currency.",
      type: "Decimal",
      required: true,
    }),
    averageDealSize: t.field({
      description: "Average revenue per won deal, in the reporting currency.",
      type: "Decimal",
      required: true,
    }),
    leadToDealConversion: t.field({
      description: "Share of leads that become won deals, a fraction in (0, 1].",
      type: "Decimal",
      required: true,
    }),
    qualifiedLeadRate: t.field({
      description: "Share of leads that qualify, a fraction in (0, 1].",
      type: "Decimal",
      required: true,
    }),
    pipelineCoverage: t.field({
      type: "Decimal",
      required: false,
      description: "Default 3 (revenue 10M → pipeline 30M).",
    }),
    targetCac: t.field({
      description: "Acquisition cost per customer the plan may spend.",
      type: "Decimal",
      required: true,
    }),
  }),
});

type ProposalView = TargetProposal & { kpi: KpiRecord | null; canApply: boolean; locale: "ru" | "en" };
type PlanView = TargetPlan & { proposals: ProposalView[] };

const ProposalRef = builder.objectRef<ProposalView>("TargetProposal").implement({
  description: "A role KPI target the plan proposes; accept as is or edit before applyTargetPlan.",
  fields: (t) => ({
    kpiKey: t.exposeString("kpiKey", { description: "The KPI the target is for." }),
    role: t.field({
      description: "The scorecard the KPI belongs to.",
      type: ScorecardOwnerEnum,
      resolve: (p) => p.role as ScorecardOwner,
    }),
    metricKey: t.exposeString("metricKey", { description: "The KPI's metric." }),
    target: t.field({ description: "The proposed target value.", type: "Decimal", resolve: (p) => dec(p.target)! }),
    basis: t.string({
      description: "How the number was derived, in the viewer's locale.",
      resolve: (p) => p.basis[p.locale],
    }),
    basisRu: t.string({ description: "How the number was derived, in Russian.", resolve: (p) => p.basis.ru }),
    basisEn: t.string({ description: "How the number was derived, in English.", resolve: (p) => p.basis.en }),
    kpi: t.field({
      type: KpiRef,
      nullable: true,
      description: "The workspace's KPI with this key; null if it was deleted.",
      resolve: (p) => p.kpi,
    }),
    canApply: t.boolean({
      description: "Whether the caller may set this target (and the KPI exists).",
      resolve: (p) => p.canApply,
    }),
  }),
});

const TargetPlanRef = builder.objectRef<PlanView>("TargetPlan").implement({
  description: "The funnel planned backwards from the revenue target (SPEC §6).",
  fields: (t) => ({
    requiredDeals: t.field({
      description: "Won deals needed: revenue target / average deal size.",
      type: "Decimal",
      resolve: (p) => dec(p.requiredDeals)!,
    }),
    requiredLeads: t.field({
      description: "Leads needed: required deals / lead→deal conversion.",
      type: "Decimal",
      resolve: (p) => dec(p.requiredLeads)!,
    }),
    requiredQualifiedLeads: t.field({
      description: "Qualified leads needed: required leads × qualified-lead rate.",
      type: "Decimal",
      resolve: (p) => dec(p.requiredQualifiedLeads)!,
    }),
    pipelineValue: t.field({
      description: "Pipeline needed: revenue target × pipeline coverage.",
      type: "Decimal",
      resolve: (p) => dec(p.pipelineValue)!,
    }),
    marketingBudgetCeiling: t.field({
      description: "The most the plan may spend: required deals × target CAC.",
      type: "Decimal",
      resolve: (p) => dec(p.marketingBudgetCeiling)!,
    }),
    maxCpl: t.field({
      description: "The most a lead may cost within the budget.",
      type: "Decimal",
      resolve: (p) => dec(p.maxCpl)!,
    }),
    maxCostPerQualifiedLead: t.field({
      description: "The most a qualified lead may cost within the budget.",
      type: "Decimal",
      resolve: (p) => dec(p.maxCostPerQualifiedLead)!,
    }),
    impliedRomi: t.field({
      description: "Return on marketing investment the plan implies (a fraction: 2 = 200%).",
      type: "Decimal",
      resolve: (p) => dec(p.impliedRomi)!,
    }),
    proposals: t.field({
      description: "Role KPI targets the plan proposes.",
      type: [ProposalRef],
      resolve: (p) => p.proposals,
    }),
  }),
});

const canSetTarget = (permissions: ReadonlySet<Permission>, owner: ScorecardOwner) =>
  permissions.has(SCORECARD_PERMISSIONS[owner].target);

builder.queryField("planTargets", (t) =>
  t.field({
    type: TargetPlanRef,
    description:
      "Plans role targets from the revenue target (target.manage or target.manageCompany). Zero or missing inputs → BAD_USER_INPUT per field.",
    args: {
      workspaceId: t.arg.id({ description: "The workspace to plan (global id or UUID).", required: true }),
      input: t.arg({ description: "The planner inputs.", type: PlanTargetsInput, required: true }),
    },
    // Either target permission will do; which proposals apply is decided per KPI (canSetTarget).
    authScopes: inWorkspace("access", (_root, args) => parseWorkspaceId(String(args.workspaceId))),
    resolve: async (_root, args, ctx) => {
      const workspaceId = parseWorkspaceId(String(args.workspaceId));
      const access = await accessIn(ctx, workspaceId);
      if (!access.permissions.has("target.manage") && !access.permissions.has("target.manageCompany")) {
        throw new AppError("FORBIDDEN", "Planning targets needs target.manage");
      }
      const result = planTargets({ ...args.input, pipelineCoverage: args.input.pipelineCoverage ?? undefined });
      if (!result.ok) throw badInput(result.errors.map((e) => fieldError(["input", e.path], `PLANNER_${e.code}`)));
      const kpis = await listKpis(ctx.db, { workspaceId });
      const byKey = new Map(kpis.map((k) => [k.key, k]));
      const locale: "ru" | "en" = ctx.viewer?.kind === "user" && ctx.viewer.locale === "ru" ? "ru" : "en";
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
  description: "A proposal to apply, possibly edited.",
  fields: (t) => ({
    kpiKey: t.string({ description: "The KPI's key.", required: true }),
    target: t.field({ description: "The target to set.", type: "Decimal", required: true }),
  }),
});

const ApplyPayload = builder.objectRef<{ period: Period; kpis: KpiRecord[] }>("ApplyTargetPlanPayload").implement({
  description: "The targets applyTargetPlan set.",
  fields: (t) => ({
    period: t.field({ description: "The period the targets were set for.", type: PeriodRef, resolve: (p) => p.period }),
    kpis: t.field({ type: [KpiRef], description: "The KPIs whose targets were set.", resolve: (p) => p.kpis }),
  }),
});

builder.mutationField("applyTargetPlan", (t) =>
  t.field({
    type: ApplyPayload,
    description:
      "Sets the (possibly edited) proposals as KPI targets for the period in one transaction: all or nothing.",
    args: {
      workspaceId: t.arg.id({ description: "The workspace (global id or UUID).", required: true }),
      period: t.arg({ description: "The period the targets are for.", type: PeriodInput, required: true }),
      proposals: t.arg({
        description: "The proposals to apply, possibly edited.",
        type: [ProposalInput],
        required: true,
      }),
    },
    // The target permission depends on each KPI's scorecard: applyTargetPlan checks it per proposal.
    authScopes: inWorkspace("access", (_root, args) => parseWorkspaceId(String(args.workspaceId))),
    resolve: async (_root, args, ctx) => {
      const workspaceId = parseWorkspaceId(String(args.workspaceId));
      const access = await accessIn(ctx, workspaceId);
      // Field paths are relative to the arguments: ["proposals", 2, "target"], ["period", "anchor"].
      return applyTargetPlan(ctx.db, {
        workspaceId,
        period: toPeriodRequest(args.period)!,
        proposals: args.proposals,
        actor: actorOf(ctx.viewer!),
        permissions: access.permissions,
        now: ctx.now(),
      });
    },
  }),
);
