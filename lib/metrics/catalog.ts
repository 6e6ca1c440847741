import type { MetricDefinition } from "./metric-definition";
import { METRIC_KEYS, type MetricKey } from "./metric-keys";
import { bounceRate, costPerQualifiedLead, cpc, cpl, cpm, ctr, landingConversion } from "./metric-families/acquisition";
import {
  brandedTrafficGrowth,
  costPerEngagement,
  emailClickRate,
  emailOpenRate,
  engagementRate,
  followerGrowth,
  nps,
} from "./metric-families/audience";
import { averageDealSize, leadQualityRate, leadToDealConversion, pipelineCoverage } from "./metric-families/funnel";
import { cac, churnRate, ltv, ltvToCac, paybackMonths, roi, romi } from "./metric-families/unit-economics";

export { METRIC_KEYS, isKnownMetricKey, type MetricKey } from "./metric-keys";

/**
 * The derived-metric catalog of SPEC §4.2 (plus `cost_per_engagement` and
 * `follower_growth`, extensions needed by the SMM template of SPEC §5), keyed by
 * metric key. The mapped type makes the compiler reject a missing or extra key,
 * so this object and `METRIC_KEYS` cannot drift apart.
 */
const DEFINITIONS = {
  ctr,
  cpc,
  cpm,
  cpl,
  cost_per_qualified_lead: costPerQualifiedLead,
  landing_conversion: landingConversion,
  bounce_rate: bounceRate,
  lead_quality_rate: leadQualityRate,
  lead_to_deal_conversion: leadToDealConversion,
  average_deal_size: averageDealSize,
  cac,
  churn_rate: churnRate,
  ltv,
  ltv_to_cac: ltvToCac,
  romi,
  roi,
  payback_months: paybackMonths,
  pipeline_coverage: pipelineCoverage,
  nps,
  engagement_rate: engagementRate,
  email_open_rate: emailOpenRate,
  email_click_rate: emailClickRate,
  branded_traffic_growth: brandedTrafficGrowth,
  cost_per_engagement: costPerEngagement,
  follower_growth: followerGrowth,
} as const satisfies { [K in MetricKey]: MetricDefinition<K> };

/** Every catalog definition, in `METRIC_KEYS` order (the SPEC table order). */
export const METRIC_CATALOG: readonly MetricDefinition[] = METRIC_KEYS.map((key) => DEFINITIONS[key]);

/** The catalog definition of a derived metric, or `undefined` for unknown keys (base measures included). */
export function getMetricDefinition(key: string): MetricDefinition | undefined {
  return Object.hasOwn(DEFINITIONS, key) ? DEFINITIONS[key as MetricKey] : undefined;
}
