/**
 * Synthetic daily facts generated inside the database (generate_series), for volume benchmarks:
 * `campaignsPerChannel` campaigns × 6 channels × every measure below × every day. One
 * campaign slice (6 channels × 23 measures × 730 days ≈ 100 000 rows) per statement keeps the
 * rollup triggers' transition tables moderate. Values are deterministic (hash of the key).
 */
export const BENCH_MEASURES = [
  "spend",
  "sales_cost",
  "impressions",
  "reach",
  "clicks",
  "sessions",
  "bounces",
  "leads",
  "qualified_leads",
  "opportunities",
  "deals_won",
  "revenue",
  "pipeline_value",
  "customers_active",
  "customers_churned",
  "engagements",
  "followers",
  "email_sent",
  "email_opens",
  "email_clicks",
  "nps_promoters",
  "nps_passives",
  "nps_detractors",
] as const;

export const BENCH_CHANNELS = ["google_ads", "yandex_direct", "vk_ads", "telegram", "seo", "email"] as const;

/** Rows one campaign index adds (all channels). */
export function rowsPerCampaign(days: number): number {
  return days * BENCH_CHANNELS.length * BENCH_MEASURES.length;
}

/**
 * INSERT … SELECT for campaign index `campaign` ($1 workspace, $2 first day, $3 days). Money
 * measures get kopecks; counts are whole. Runs as the owner (bulk load), triggers included.
 */
export function insertCampaignSliceSql(campaign: number): string {
  const measures = BENCH_MEASURES.map((m) => `'${m}'`).join(",");
  const channels = BENCH_CHANNELS.map((c) => `'${c}'`).join(",");
  return `INSERT INTO metric_facts (workspace_id, date, channel, campaign, measure, value)
    SELECT $1::uuid, d::date, ch, 'campaign_${campaign}', m,
      CASE WHEN m IN ('spend', 'sales_cost', 'revenue', 'pipeline_value')
           THEN (abs(hashtext(d::text || ch || m || '${campaign}')) % 100000000) / 100.0
           WHEN m = 'customers_active' THEN 1000 + abs(hashtext(d::text || ch || '${campaign}')) % 50
           WHEN m IN ('impressions', 'reach', 'email_sent') THEN abs(hashtext(d::text || ch || m || '${campaign}')) % 100000
           ELSE abs(hashtext(d::text || ch || m || '${campaign}')) % 500 END
    FROM generate_series($2::date, $2::date + ($3::int - 1), interval '1 day') AS d,
         unnest(ARRAY[${channels}]) AS ch, unnest(ARRAY[${measures}]) AS m`;
}
