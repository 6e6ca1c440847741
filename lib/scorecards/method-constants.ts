import Decimal from "decimal.js";

/**
 * The numbers the seeds fix, in one place, so that templates, health checks and the
 * planner cannot drift apart. Each one is an argument from the source articles.
 */

/** "LTV must be at least 3 × CAC, otherwise the unit economics don't close." */
export const LTV_TO_CAC_MINIMUM = new Decimal(3);

/** "Bonus only for leads whose deals closed at ≥ 20%": the default quality gate on lead KPIs. */
export const LEAD_TO_DEAL_GATE = new Decimal("0.2");

/** "'Grow branded traffic by 30%' is good": the measurable replacement of "raise brand awareness". */
export const BRANDED_TRAFFIC_GROWTH_TARGET = new Decimal("0.3");

/** "Revenue goal 10M → leads with a potential deal sum of 30M": pipeline coverage 3×. */
export const DEFAULT_PIPELINE_COVERAGE = new Decimal(3);

/** "3–5 KPIs are enough. More — focus is lost. Fewer — the picture is incomplete." */
export const KPI_COUNT_MIN = 3;
export const KPI_COUNT_MAX = 5;
