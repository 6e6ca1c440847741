import Decimal from "decimal.js";
import { DEFAULT_PIPELINE_COVERAGE } from "@/lib/scorecards/method-constants";
import { TEMPLATES } from "@/lib/scorecards/templates";
import type { KpiOwner } from "@/lib/scorecards/types";

/**
 * Target planner — SPEC §6: from a revenue target, average deal size, lead→deal
 * conversion, qualified-lead rate, pipeline coverage (default 3×) and target CAC,
 * derive required deals, leads, qualified leads, pipeline value, the marketing budget
 * ceiling at that CAC, the maximum CPL and the implied ROMI, and propose them as role
 * KPI targets the CMO accepts or edits. Seed example: revenue 10M → pipeline 30M.
 */

export interface PlanTargetsInput {
  revenueTarget: Decimal.Value;
  averageDealSize: Decimal.Value;
  /** deals_won / leads, in (0, 1]. */
  leadToDealConversion: Decimal.Value;
  /** qualified_leads / leads, in (0, 1]. */
  qualifiedLeadRate: Decimal.Value;
  /** pipeline_value / revenue target; default 3 (the seed's 10M → 30M). */
  pipelineCoverage?: Decimal.Value;
  targetCac: Decimal.Value;
}

export type PlannerField = keyof PlanTargetsInput;

/** A rejected input, per field, for the form to show next to it. */
export interface PlannerFieldError {
  /** Field path in the input object. */
  path: PlannerField;
  code: "REQUIRED" | "NOT_A_NUMBER" | "NOT_POSITIVE" | "ABOVE_ONE";
  message: string;
}

export interface TargetProposal {
  kpiKey: string;
  role: KpiOwner;
  metricKey: string;
  target: Decimal;
  /** How the number was derived, for the CMO deciding whether to accept it. */
  basis: { ru: string; en: string };
}

export interface TargetPlan {
  /** ceil(revenue target / average deal size): a deal is not divisible. */
  requiredDeals: Decimal;
  /** ceil(required deals / lead→deal conversion). */
  requiredLeads: Decimal;
  /** ceil(required leads × qualified-lead rate). */
  requiredQualifiedLeads: Decimal;
  /** pipeline coverage × revenue target. */
  pipelineValue: Decimal;
  /**
   * required deals × target CAC. CAC counts sales cost too (SPEC §4.2), so this is the
   * whole acquisition budget; the marketing share is lower by the sales cost.
   */
  marketingBudgetCeiling: Decimal;
  /** budget ceiling / required leads, rounded down to cents (a ceiling must not be exceeded by rounding). */
  maxCpl: Decimal;
  /** budget ceiling / required qualified leads, rounded down to cents. */
  maxCostPerQualifiedLead: Decimal;
  /** (revenue target − budget ceiling) / budget ceiling, to 4 decimals (0.01%). */
  impliedRomi: Decimal;
  proposals: TargetProposal[];
}

export type PlanTargetsResult = { ok: true; plan: TargetPlan } | { ok: false; errors: PlannerFieldError[] };

const ONE = new Decimal(1);

/** Parses one field; positive, finite, and for rates at most 1. Never lets NaN or Infinity through. */
function readField(
  input: Partial<Record<PlannerField, Decimal.Value | null>>,
  path: PlannerField,
  errors: PlannerFieldError[],
  options: { isRate?: boolean; fallback?: Decimal } = {},
): Decimal | null {
  const raw = input[path];
  if (raw === undefined || raw === null || raw === "") {
    if (options.fallback) return options.fallback;
    errors.push({ path, code: "REQUIRED", message: `${path} is required` });
    return null;
  }
  let value: Decimal;
  try {
    value = new Decimal(raw);
  } catch {
    errors.push({ path, code: "NOT_A_NUMBER", message: `${path} must be a number` });
    return null;
  }
  if (!value.isFinite()) {
    errors.push({ path, code: "NOT_A_NUMBER", message: `${path} must be a finite number` });
    return null;
  }
  if (!value.gt(0)) {
    errors.push({ path, code: "NOT_POSITIVE", message: `${path} must be greater than 0` });
    return null;
  }
  if (options.isRate && value.gt(ONE)) {
    errors.push({ path, code: "ABOVE_ONE", message: `${path} is a share and must be at most 1 (100%)` });
    return null;
  }
  return value;
}

/**
 * Plans the funnel backwards from the revenue target. Every input must be > 0 (zero
 * would divide by zero down the chain); errors are returned per field, all at once.
 *
 *   deals           = ⌈revenue / average deal size⌉
 *   leads           = ⌈deals / lead→deal conversion⌉
 *   qualified leads = ⌈leads × qualified-lead rate⌉
 *   pipeline        = coverage × revenue                  (10M × 3 = 30M)
 *   budget ceiling  = deals × target CAC
 *   max CPL         = budget / leads
 *   implied ROMI    = (revenue − budget) / budget
 */
export function planTargets(input: PlanTargetsInput): PlanTargetsResult {
  const errors: PlannerFieldError[] = [];
  const revenue = readField(input, "revenueTarget", errors);
  const averageDealSize = readField(input, "averageDealSize", errors);
  const conversion = readField(input, "leadToDealConversion", errors, { isRate: true });
  const qualifiedRate = readField(input, "qualifiedLeadRate", errors, { isRate: true });
  const coverage = readField(input, "pipelineCoverage", errors, { fallback: DEFAULT_PIPELINE_COVERAGE });
  const cac = readField(input, "targetCac", errors);
  if (!revenue || !averageDealSize || !conversion || !qualifiedRate || !coverage || !cac) {
    return { ok: false, errors };
  }

  const requiredDeals = revenue.div(averageDealSize).ceil();
  const requiredLeads = requiredDeals.div(conversion).ceil();
  // Rate ≤ 1 and leads ≥ 1, so qualified leads ≥ 1 and the divisions below are safe.
  const requiredQualifiedLeads = requiredLeads.times(qualifiedRate).ceil();
  const pipelineValue = revenue.times(coverage);
  const budget = requiredDeals.times(cac);
  const maxCpl = budget.div(requiredLeads).toDecimalPlaces(2, Decimal.ROUND_DOWN);
  const maxCostPerQualifiedLead = budget.div(requiredQualifiedLeads).toDecimalPlaces(2, Decimal.ROUND_DOWN);
  const impliedRomi = revenue.minus(budget).div(budget).toDecimalPlaces(4, Decimal.ROUND_HALF_UP);

  const proposals = buildProposals({
    revenue,
    requiredDeals,
    cac,
    impliedRomi,
    conversion,
    pipelineValue,
    coverage,
    requiredQualifiedLeads,
    maxCostPerQualifiedLead,
  });

  return {
    ok: true,
    plan: {
      requiredDeals,
      requiredLeads,
      requiredQualifiedLeads,
      pipelineValue,
      marketingBudgetCeiling: budget,
      maxCpl,
      maxCostPerQualifiedLead,
      impliedRomi,
      proposals,
    },
  };
}

const TEMPLATE_KPIS = new Map(TEMPLATES.flatMap((t) => t.kpis).map((k) => [k.key, k]));

/**
 * Proposals for the default KPIs the plan has a number for. Not proposed, on purpose:
 * LTV (no LTV input), paid ROMI (the paid share of the budget is unknown), and the
 * SMM/Content KPIs (no honest arithmetic leads from revenue to engagement rate);
 * LTV:CAC and branded growth keep the seeds' fixed targets.
 */
function buildProposals(p: {
  revenue: Decimal;
  requiredDeals: Decimal;
  cac: Decimal;
  impliedRomi: Decimal;
  conversion: Decimal;
  pipelineValue: Decimal;
  coverage: Decimal;
  requiredQualifiedLeads: Decimal;
  maxCostPerQualifiedLead: Decimal;
}): TargetProposal[] {
  const revenue = { en: "revenue target", ru: "цель по выручке" };
  const deals = {
    en: "deals needed for the revenue target at the average deal size",
    ru: "сделок нужно для цели по выручке при среднем чеке",
  };
  const cac = { en: "target CAC", ru: "целевой CAC" };
  const romi = {
    en: "(revenue − budget ceiling) / budget ceiling",
    ru: "(выручка − потолок бюджета) / потолок бюджета",
  };
  const conversion = { en: "planned lead→deal conversion", ru: "плановая конверсия из лида в сделку" };
  const pipeline = {
    en: `${p.coverage.toString()} × revenue target`,
    ru: `${p.coverage.toString().replace(".", ",")} × цель по выручке`,
  };
  const qualified = { en: "leads needed × qualified-lead rate", ru: "нужных лидов × доля квалифицированных" };
  const cpql = {
    en: "budget ceiling / qualified leads needed",
    ru: "потолок бюджета / нужных квалифицированных лидов",
  };

  const rows: Array<[string, Decimal, TargetProposal["basis"]]> = [
    ["company.revenue", p.revenue, revenue],
    ["company.new_customers", p.requiredDeals, deals],
    ["company.cac", p.cac, cac],
    ["company.romi", p.impliedRomi, romi],
    ["sales.cac", p.cac, cac],
    ["sales.lead_to_deal_conversion", p.conversion, conversion],
    ["cmo.pipeline_value", p.pipelineValue, pipeline],
    ["cmo.romi", p.impliedRomi, romi],
    ["cmo.cac", p.cac, cac],
    ["cmo.lead_to_deal_conversion", p.conversion, conversion],
    ["performance.qualified_leads", p.requiredQualifiedLeads, qualified],
    ["performance.cost_per_qualified_lead", p.maxCostPerQualifiedLead, cpql],
    ["performance.lead_to_deal_conversion", p.conversion, conversion],
  ];

  return rows.flatMap(([kpiKey, target, basis]) => {
    const kpi = TEMPLATE_KPIS.get(kpiKey);
    return kpi ? [{ kpiKey, role: kpi.ownerRole, metricKey: kpi.metricKey, target, basis }] : [];
  });
}
