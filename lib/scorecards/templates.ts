import Decimal from "decimal.js";
import type { WorkspaceRole } from "@/lib/permissions/roles";
import {
  BRANDED_TRAFFIC_GROWTH_TARGET,
  DEFAULT_PIPELINE_COVERAGE,
  LEAD_TO_DEAL_GATE,
  LTV_TO_CAC_MINIMUM,
} from "@/lib/scorecards/method-constants";
import { DEFAULT_THRESHOLDS, type KpiDefinition, type KpiOwner } from "@/lib/scorecards/types";

/**
 * The default KPI templates of SPEC §5 — the one home of "which role gets which KPIs".
 * Every workspace starts with these (editable), so it is useful before any data arrives.
 *
 * Default targets are null (the workspace sets them, or accepts the planner's
 * proposals) except where the seeds fix a number: LTV:CAC ≥ 3, branded traffic +30%,
 * pipeline = 3 × the revenue target, and the lead→deal ≥ 20% quality gate.
 */

export type TemplateId = "company" | "sales" | "cmo" | "performance" | "smm" | "content";

export type DefaultTarget =
  | { kind: "none" }
  | { kind: "fixed"; value: Decimal }
  /** target = factor × the target of another KPI (pipeline = 3 × revenue). */
  | { kind: "multipleOf"; kpiKey: string; factor: Decimal };

export interface TemplateKpi extends KpiDefinition {
  defaultTarget: DefaultTarget;
}

export interface ScorecardTemplate {
  id: TemplateId;
  owner: KpiOwner;
  /** Roles that land on this scorecard after login (SPEC §2.3, §5). */
  landingRoles: readonly WorkspaceRole[];
  title: { ru: string; en: string };
  kpis: readonly TemplateKpi[];
}

const NO_TARGET: DefaultTarget = { kind: "none" };

/** A template KPI with the defaults every template shares: monthly, weight 1, default thresholds. */
function kpi(
  fields: Pick<KpiDefinition, "key" | "metricKey" | "ownerRole" | "direction" | "parentKey"> &
    Partial<Pick<KpiDefinition, "channelScope" | "qualityGate" | "diagnostics">> & { defaultTarget?: DefaultTarget },
): TemplateKpi {
  return {
    periodType: "month",
    thresholds: DEFAULT_THRESHOLDS,
    weight: new Decimal(1),
    diagnostics: [],
    defaultTarget: NO_TARGET,
    ...fields,
  };
}

export const TEMPLATES: readonly ScorecardTemplate[] = [
  {
    id: "company",
    owner: "COMPANY",
    landingRoles: ["OWNER", "ADMIN"],
    title: { ru: "Компания", en: "Company" },
    // The company targets: the roots of the KPI tree.
    kpis: [
      kpi({ key: "company.revenue", metricKey: "revenue", ownerRole: "COMPANY", direction: "higher", parentKey: null }),
      // New customers are how revenue is made; a child of revenue, still a company KPI.
      kpi({
        key: "company.new_customers",
        metricKey: "deals_won",
        ownerRole: "COMPANY",
        direction: "higher",
        parentKey: "company.revenue",
      }),
      kpi({ key: "company.cac", metricKey: "cac", ownerRole: "COMPANY", direction: "lower", parentKey: null }),
      kpi({
        key: "company.ltv_to_cac",
        metricKey: "ltv_to_cac",
        ownerRole: "COMPANY",
        direction: "higher",
        parentKey: null,
        defaultTarget: { kind: "fixed", value: LTV_TO_CAC_MINIMUM },
      }),
      kpi({ key: "company.romi", metricKey: "romi", ownerRole: "COMPANY", direction: "higher", parentKey: null }),
    ],
  },
  {
    id: "sales",
    owner: "SALES",
    landingRoles: ["SALES"],
    title: { ru: "Маркетинг и продажи", en: "Marketing & sales" },
    // One dashboard for marketing and sales (CAC, LTV, lead→deal) "so that they stop blaming each other".
    kpis: [
      kpi({ key: "sales.cac", metricKey: "cac", ownerRole: "SALES", direction: "lower", parentKey: "company.cac" }),
      // LTV is the numerator of LTV:CAC: raising it is how sales moves the ratio.
      kpi({
        key: "sales.ltv",
        metricKey: "ltv",
        ownerRole: "SALES",
        direction: "higher",
        parentKey: "company.ltv_to_cac",
      }),
      // Sales turns leads into deals, i.e. into revenue.
      kpi({
        key: "sales.lead_to_deal_conversion",
        metricKey: "lead_to_deal_conversion",
        ownerRole: "SALES",
        direction: "higher",
        parentKey: "company.revenue",
      }),
    ],
  },
  {
    id: "cmo",
    owner: "CMO",
    landingRoles: ["CMO"],
    title: { ru: "Директор по маркетингу", en: "CMO" },
    kpis: [
      // "Revenue goal 10M → leads with a potential deal sum of 30M": marketing owns the
      // pipeline, not the revenue (it controls neither sales nor prices).
      kpi({
        key: "cmo.pipeline_value",
        metricKey: "pipeline_value",
        ownerRole: "CMO",
        direction: "higher",
        parentKey: "company.revenue",
        defaultTarget: { kind: "multipleOf", kpiKey: "company.revenue", factor: DEFAULT_PIPELINE_COVERAGE },
      }),
      kpi({ key: "cmo.romi", metricKey: "romi", ownerRole: "CMO", direction: "higher", parentKey: "company.romi" }),
      kpi({ key: "cmo.cac", metricKey: "cac", ownerRole: "CMO", direction: "lower", parentKey: "company.cac" }),
      // Marketing's lever on CAC: better leads mean fewer leads bought per customer.
      kpi({
        key: "cmo.lead_to_deal_conversion",
        metricKey: "lead_to_deal_conversion",
        ownerRole: "CMO",
        direction: "higher",
        parentKey: "company.cac",
      }),
      kpi({
        key: "cmo.ltv_to_cac",
        metricKey: "ltv_to_cac",
        ownerRole: "CMO",
        direction: "higher",
        parentKey: "company.ltv_to_cac",
        defaultTarget: { kind: "fixed", value: LTV_TO_CAC_MINIMUM },
      }),
    ],
  },
  {
    id: "performance",
    owner: "PERFORMANCE",
    landingRoles: ["PERFORMANCE"],
    title: { ru: "Performance-маркетолог", en: "Performance marketer" },
    kpis: [
      // Lead volume with the seed's fix for the quantity trap: it counts only while
      // at least 20% of leads become deals.
      kpi({
        key: "performance.qualified_leads",
        metricKey: "qualified_leads",
        ownerRole: "PERFORMANCE",
        direction: "higher",
        parentKey: "company.revenue",
        qualityGate: { metricKey: "lead_to_deal_conversion", comparator: ">=", threshold: LEAD_TO_DEAL_GATE },
        diagnostics: ["ctr", "landing_conversion", "bounce_rate"],
      }),
      kpi({
        key: "performance.cost_per_qualified_lead",
        metricKey: "cost_per_qualified_lead",
        ownerRole: "PERFORMANCE",
        direction: "lower",
        parentKey: "company.cac",
        diagnostics: ["cpc", "cpm", "ctr"],
      }),
      kpi({
        key: "performance.paid_romi",
        metricKey: "romi",
        channelScope: "paid",
        ownerRole: "PERFORMANCE",
        direction: "higher",
        parentKey: "company.romi",
      }),
      kpi({
        key: "performance.lead_to_deal_conversion",
        metricKey: "lead_to_deal_conversion",
        ownerRole: "PERFORMANCE",
        direction: "higher",
        parentKey: "company.cac",
      }),
    ],
  },
  {
    id: "smm",
    owner: "SMM",
    landingRoles: ["SMM"],
    title: { ru: "SMM-специалист", en: "SMM" },
    kpis: [
      kpi({
        key: "smm.social_qualified_leads",
        metricKey: "qualified_leads",
        channelScope: "social",
        ownerRole: "SMM",
        direction: "higher",
        parentKey: "company.revenue",
        diagnostics: ["reach", "ctr"],
      }),
      // Engaged audience is where social leads come from.
      kpi({
        key: "smm.engagement_rate",
        metricKey: "engagement_rate",
        ownerRole: "SMM",
        direction: "higher",
        parentKey: "company.revenue",
        diagnostics: ["reach", "posts_published"],
      }),
      // Spend efficiency of social work feeds acquisition cost.
      kpi({
        key: "smm.cost_per_engagement",
        metricKey: "cost_per_engagement",
        ownerRole: "SMM",
        direction: "lower",
        parentKey: "company.cac",
        diagnostics: ["posts_published"],
      }),
      kpi({
        key: "smm.follower_growth",
        metricKey: "follower_growth",
        ownerRole: "SMM",
        direction: "higher",
        parentKey: "company.revenue",
        diagnostics: ["reach"],
      }),
    ],
  },
  {
    id: "content",
    owner: "CONTENT",
    landingRoles: ["CONTENT"],
    title: { ru: "Контент-маркетолог", en: "Content marketer" },
    kpis: [
      // The seed's measurable replacement for "raise brand awareness". Branded demand
      // arrives without paid clicks, so it lowers acquisition cost.
      kpi({
        key: "content.branded_traffic_growth",
        metricKey: "branded_traffic_growth",
        ownerRole: "CONTENT",
        direction: "higher",
        parentKey: "company.cac",
        defaultTarget: { kind: "fixed", value: BRANDED_TRAFFIC_GROWTH_TARGET },
        diagnostics: ["content_published", "content_views"],
      }),
      kpi({
        key: "content.content_leads",
        metricKey: "leads",
        channelScope: "content",
        ownerRole: "CONTENT",
        direction: "higher",
        parentKey: "company.revenue",
        diagnostics: ["content_views", "bounce_rate"],
      }),
      kpi({
        key: "content.landing_conversion",
        metricKey: "landing_conversion",
        ownerRole: "CONTENT",
        direction: "higher",
        parentKey: "company.cac",
        diagnostics: ["bounce_rate"],
      }),
      kpi({
        key: "content.email_click_rate",
        metricKey: "email_click_rate",
        ownerRole: "CONTENT",
        direction: "higher",
        parentKey: "company.revenue",
      }),
    ],
  },
];

/**
 * The KPI definitions a new workspace starts with: every template's KPIs, company
 * targets first (parents before children), as fresh objects the caller may persist.
 */
export function buildDefaultKpis(): KpiDefinition[] {
  return TEMPLATES.flatMap((template) =>
    template.kpis.map(({ defaultTarget: _defaultTarget, ...definition }) => ({
      ...definition,
      thresholds: { ...definition.thresholds },
      diagnostics: [...definition.diagnostics],
    })),
  );
}
