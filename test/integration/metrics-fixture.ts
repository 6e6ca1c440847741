import { ingestRows } from "@/lib/ingestion/ingest-rows";
import type { MetricRowInput } from "@/lib/ingestion/validate-metric-rows";
import type { Database } from "@/lib/db/client";

/**
 * A small hand-checkable month (March 2026) for metrics tests. Totals for 2026-03-01…31:
 *
 * | measure            | google_ads (brand / generic) | vk_ads | crm | total   |
 * |--------------------|------------------------------|--------|-----|---------|
 * | spend              | 100 000 + 100 000.50         | 99 999.50 | | 300 000 |
 * | impressions        | 40 000 + 40 000              | 20 000 |     | 100 000 |
 * | clicks             | 1 500 + 1 000                | 500    |     | 3 000   |
 * | leads              | 150 + 150                    | 100    |     | 400     |
 * | deals_won          | 3 + 2                        | 0      |     | 5       |
 * | revenue            | 150 000 + 100 000            | 0      |     | 250 000 |
 * | sales_cost         |                              |        | 0   | —       |
 * | customers_active   | (stock) 03-01: 100 + 50 (two segments), 03-31: 160 | | |
 * | customers_churned  |                              |        | 6   | 6       |
 *
 * Seeds' example: 300 000 spend, 400 leads, 5 deals of 50 000 → CPL 750, CAC 60 000,
 * ROMI (250 000 − 300 000) / 300 000 = −1/6, CTR 3 000 / 100 000 = 0.03.
 * Churn = 6 / 150 (stock at the period start) = 0.04. February holds a little data
 * (spend 1 000, revenue 3 000 on 2026-02-28) for comparisons; 2025-03 holds spend 500.
 */
export const MARCH: MetricRowInput[] = [
  { date: "2026-03-01", channel: "google_ads", campaign: "brand", measure: "spend", value: "60000" },
  { date: "2026-03-15", channel: "google_ads", campaign: "brand", measure: "spend", value: "40000" },
  { date: "2026-03-31", channel: "google_ads", campaign: "generic", measure: "spend", value: "100000.50" },
  { date: "2026-03-02", channel: "vk_ads", campaign: "feed", measure: "spend", value: "99999.50" },
  { date: "2026-03-01", channel: "google_ads", campaign: "brand", measure: "impressions", value: "40000" },
  { date: "2026-03-01", channel: "google_ads", campaign: "generic", measure: "impressions", value: "40000" },
  { date: "2026-03-02", channel: "vk_ads", campaign: "feed", measure: "impressions", value: "20000" },
  { date: "2026-03-01", channel: "google_ads", campaign: "brand", measure: "clicks", value: "1500" },
  { date: "2026-03-01", channel: "google_ads", campaign: "generic", measure: "clicks", value: "1000" },
  { date: "2026-03-02", channel: "vk_ads", campaign: "feed", measure: "clicks", value: "500" },
  { date: "2026-03-05", channel: "google_ads", campaign: "brand", measure: "leads", value: "150" },
  { date: "2026-03-06", channel: "google_ads", campaign: "generic", measure: "leads", value: "150" },
  { date: "2026-03-07", channel: "vk_ads", campaign: "feed", measure: "leads", value: "100" },
  { date: "2026-03-20", channel: "google_ads", campaign: "brand", measure: "deals_won", value: "3" },
  { date: "2026-03-21", channel: "google_ads", campaign: "generic", measure: "deals_won", value: "2" },
  { date: "2026-03-20", channel: "google_ads", campaign: "brand", measure: "revenue", value: "150000" },
  { date: "2026-03-21", channel: "google_ads", campaign: "generic", measure: "revenue", value: "100000" },
  { date: "2026-03-01", channel: "crm", campaign: "smb", measure: "customers_active", value: "100" },
  { date: "2026-03-01", channel: "crm", campaign: "enterprise", measure: "customers_active", value: "50" },
  { date: "2026-03-31", channel: "crm", campaign: "smb", measure: "customers_active", value: "160" },
  { date: "2026-03-10", channel: "crm", campaign: "smb", measure: "customers_churned", value: "6" },
  { date: "2026-02-28", channel: "google_ads", campaign: "brand", measure: "spend", value: "1000" },
  { date: "2026-02-28", channel: "google_ads", campaign: "brand", measure: "revenue", value: "3000" },
  { date: "2025-03-10", channel: "google_ads", campaign: "brand", measure: "spend", value: "500" },
];

export async function loadMarch(db: Database, workspaceId: string): Promise<void> {
  await ingestRows(db, { workspaceId, rows: MARCH });
}
