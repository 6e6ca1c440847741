import { metricTraits } from "@/lib/metrics/metric-traits";
import type { KpiOwner } from "@/lib/scorecards/types";

/**
 * Zone of control: the metrics each role can actually move (SPEC §5, seed: "a marketer
 * must influence their KPIs; a revenue target is unfair if he runs neither sales nor
 * prices"). "ALL" for the owners of the company. Metrics outside the catalog are not
 * judged (see `isInZoneOfControl`).
 */
const FUNNEL_TOP = [
  "spend",
  "impressions",
  "reach",
  "clicks",
  "sessions",
  "bounces",
  "ctr",
  "cpc",
  "cpm",
  "bounce_rate",
];
const LEAD_GEN = [
  "leads",
  "qualified_leads",
  "cpl",
  "cost_per_qualified_lead",
  "landing_conversion",
  "lead_quality_rate",
];

export const ZONE_OF_CONTROL: Readonly<Record<KpiOwner, "ALL" | ReadonlySet<string>>> = {
  COMPANY: "ALL",
  OWNER: "ALL",
  ADMIN: "ALL",
  // The CMO runs budget, channels and messaging — everything marketing — but not
  // prices or the sales team's closing, so not revenue and average deal size.
  CMO: new Set([
    ...FUNNEL_TOP,
    ...LEAD_GEN,
    "opportunities",
    "pipeline_value",
    "pipeline_coverage",
    "lead_to_deal_conversion",
    "deals_won",
    "cac",
    "ltv",
    "ltv_to_cac",
    "romi",
    "roi",
    "payback_months",
    "churn_rate",
    "nps",
    "engagements",
    "engagement_rate",
    "followers",
    "follower_growth",
    "cost_per_engagement",
    "posts_published",
    "content_published",
    "content_views",
    "branded_sessions",
    "branded_traffic_growth",
    "email_sent",
    "email_opens",
    "email_clicks",
    "email_open_rate",
    "email_click_rate",
  ]),
  // Paid acquisition: traffic to leads, their cost and quality, and the return on paid spend.
  PERFORMANCE: new Set([...FUNNEL_TOP, ...LEAD_GEN, "lead_to_deal_conversion", "romi", "opportunities"]),
  // Social: audience, engagement and the leads it brings.
  SMM: new Set([
    "reach",
    "impressions",
    "clicks",
    "ctr",
    "sessions",
    "engagements",
    "engagement_rate",
    "cost_per_engagement",
    "followers",
    "follower_growth",
    "posts_published",
    "leads",
    "qualified_leads",
    "cpl",
    "cost_per_qualified_lead",
  ]),
  // Content, organic and email: branded demand, on-site conversion, email engagement.
  CONTENT: new Set([
    "content_published",
    "content_views",
    "branded_sessions",
    "branded_traffic_growth",
    "sessions",
    "bounces",
    "bounce_rate",
    "landing_conversion",
    "leads",
    "qualified_leads",
    "reach",
    "email_sent",
    "email_opens",
    "email_clicks",
    "email_open_rate",
    "email_click_rate",
  ]),
  // Sales closes deals and keeps customers; it shares CAC and LTV with marketing.
  SALES: new Set([
    "opportunities",
    "pipeline_value",
    "deals_won",
    "revenue",
    "average_deal_size",
    "lead_to_deal_conversion",
    "sales_cost",
    "cac",
    "ltv",
    "ltv_to_cac",
    "churn_rate",
    "customers_churned",
    "customers_active",
    "nps",
    "roi",
    "payback_months",
    "qualified_leads",
    "lead_quality_rate",
  ]),
  // Reads published reports only; owns nothing.
  CLIENT_VIEWER: new Set(),
};

/** Whether `owner` can influence `metricKey`. Unknown (custom) metrics get the benefit of the doubt. */
export function isInZoneOfControl(owner: KpiOwner, metricKey: string): boolean {
  const zone = ZONE_OF_CONTROL[owner];
  if (zone === "ALL" || !metricTraits(metricKey).known) return true;
  return zone.has(metricKey);
}
