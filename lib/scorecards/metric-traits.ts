import type { MetricClass, MetricKind } from "@/lib/scorecards/types";

/**
 * TO BE REPLACED BY THE CATALOG (`lib/metrics`, being written concurrently).
 *
 * A small local copy of the two facts the KPI core needs about a metric: how it
 * aggregates (kind → pacing) and whether it measures process or result (→ the
 * PROCESS_METRIC_AS_KPI health check). Kinds and classes follow SPEC §4.1/§4.2;
 * base measures have no class in the SPEC, so the choice is documented below.
 * Once the catalog exists, `metricTraits` should delegate to it and this map go.
 */
export interface MetricTraits {
  kind: MetricKind;
  class: MetricClass;
}

const flow = (cls: MetricClass): MetricTraits => ({ kind: "flow", class: cls });
const ratio = (cls: MetricClass): MetricTraits => ({ kind: "ratio", class: cls });
const stock = (cls: MetricClass): MetricTraits => ({ kind: "stock", class: cls });

const LOCAL_METRIC_TRAITS: Readonly<Record<string, MetricTraits>> = {
  // Base measures (SPEC §4.1). Money and funnel outcomes are results; traffic, audience
  // and output counts describe activity. Leads are "the start of the road, not a
  // result" — but they are the result a lead-generation role is paid for, so they are
  // classed as result and guarded by the QUANTITY_TRAP check instead.
  spend: flow("process"),
  sales_cost: flow("process"),
  impressions: flow("process"),
  reach: flow("process"),
  clicks: flow("process"),
  sessions: flow("process"),
  bounces: flow("process"),
  leads: flow("result"),
  qualified_leads: flow("result"),
  opportunities: flow("result"),
  deals_won: flow("result"),
  revenue: flow("result"),
  pipeline_value: flow("result"),
  customers_active: stock("result"),
  customers_churned: flow("result"),
  engagements: flow("process"),
  followers: stock("process"),
  posts_published: flow("process"),
  content_published: flow("process"),
  content_views: flow("process"),
  email_sent: flow("process"),
  email_opens: flow("process"),
  email_clicks: flow("process"),
  nps_promoters: flow("result"),
  nps_passives: flow("result"),
  nps_detractors: flow("result"),
  branded_sessions: flow("process"),
  // Derived metrics (SPEC §4.2): ratios of sums, class as in the SPEC table.
  ctr: ratio("process"),
  cpc: ratio("process"),
  cpm: ratio("process"),
  cpl: ratio("process"),
  cost_per_qualified_lead: ratio("result"),
  landing_conversion: ratio("process"),
  bounce_rate: ratio("process"),
  lead_quality_rate: ratio("result"),
  lead_to_deal_conversion: ratio("result"),
  average_deal_size: ratio("result"),
  cac: ratio("result"),
  churn_rate: ratio("result"),
  ltv: ratio("result"),
  ltv_to_cac: ratio("result"),
  romi: ratio("result"),
  roi: ratio("result"),
  payback_months: ratio("result"),
  pipeline_coverage: ratio("result"),
  nps: ratio("result"),
  engagement_rate: ratio("process"),
  email_open_rate: ratio("process"),
  email_click_rate: ratio("process"),
  branded_traffic_growth: ratio("result"),
  // Added to the catalog for the SMM template; classes as the catalog in lib/metrics
  // states them (spend per engagement is process like CPC; audience growth a result).
  cost_per_engagement: ratio("process"),
  follower_growth: ratio("result"),
};

/**
 * Kind and class of a metric. Unknown (custom) metrics are treated as ratios of class
 * "result": comparing directly is the safe default (pacing a ratio as a flow would
 * halve its expected value mid-period), and a custom metric is not accused of being
 * a process metric without evidence.
 */
export function metricTraits(metricKey: string): MetricTraits {
  return LOCAL_METRIC_TRAITS[metricKey] ?? { kind: "ratio", class: "result" };
}

/**
 * Whether the metric is one the local map (later: the catalog) knows. Checks that
 * need evidence about a metric — e.g. the zone of control — skip unknown custom metrics.
 */
export function isKnownMetric(metricKey: string): boolean {
  return Object.hasOwn(LOCAL_METRIC_TRAITS, metricKey);
}
