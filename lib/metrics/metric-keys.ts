/**
 * Keys of the derived-metric catalog (SPEC §4.2), kept in a dependency-free file
 * so that key validation can reserve them without importing the formulas.
 * `catalog.ts` checks at compile time that it defines exactly these keys.
 *
 * The last two (`cost_per_engagement`, `follower_growth`) are extensions beyond
 * the SPEC §4.2 table: the SMM role template of SPEC §5 needs them.
 */
export const METRIC_KEYS = [
  "ctr",
  "cpc",
  "cpm",
  "cpl",
  "cost_per_qualified_lead",
  "landing_conversion",
  "bounce_rate",
  "lead_quality_rate",
  "lead_to_deal_conversion",
  "average_deal_size",
  "cac",
  "churn_rate",
  "ltv",
  "ltv_to_cac",
  "romi",
  "roi",
  "payback_months",
  "pipeline_coverage",
  "nps",
  "engagement_rate",
  "email_open_rate",
  "email_click_rate",
  "branded_traffic_growth",
  "cost_per_engagement",
  "follower_growth",
] as const;

export type MetricKey = (typeof METRIC_KEYS)[number];

const KEY_SET: ReadonlySet<string> = new Set(METRIC_KEYS);

/** True when `key` names a derived metric of the catalog (not a base measure). */
export function isKnownMetricKey(key: string): key is MetricKey {
  return KEY_SET.has(key);
}
