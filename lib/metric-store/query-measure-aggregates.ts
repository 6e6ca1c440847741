import "server-only";
import { type ChannelGroup, defaultKeysOfGroup, groupKeysSql } from "@/lib/channel-groups/channel-groups";
import type { MeasureSums } from "@/lib/metrics/aggregate";
import { Decimal } from "@/lib/metrics/decimal";
import type { MeasureDefinition } from "@/lib/metrics/measures";
import { DEFINITIONS_SQL, type DefinitionsRow } from "./load-metric-definitions";
import type { SqlReader } from "@/lib/tenancy/read-as-tenant";

/** An inclusive range of local dates, "YYYY-MM-DD". */
export interface DateRange {
  from: string;
  to: string;
}

/**
 * How rows are grouped: one aggregate per range (`none`), per channel, per (channel,
 * campaign), or per calendar bucket (day, ISO week starting Monday, month) of the local date.
 */
export type AggregateGrouping = "none" | "channel" | "campaign" | "day" | "week" | "month";

export interface AggregateQuery {
  workspaceId: string;
  /** The measures to aggregate, with their flow/stock rule (catalog or custom). */
  measures: readonly MeasureDefinition[];
  /** Several ranges in one round trip: the period, its previous period, last year… */
  ranges: readonly DateRange[];
  /** One channel, or several (a channel group such as "paid"); null/empty = all channels. */
  channel?: string | readonly string[] | null;
  campaign?: string | null;
  /** A channel group of the workspace (its own mappings over the defaults, resolved in SQL). */
  group?: ChannelGroup | null;
  groupBy?: AggregateGrouping;
  /** Also return the workspace's metric definitions (settings, custom measures/metrics) in the same statement. */
  withDefinitions?: boolean;
}

/** One aggregate group: its key columns and the sums of its measures. */
export interface AggregateGroup {
  /** channel (channel/campaign grouping) or bucket start date (day/week/month); null for `none`. */
  key: string | null;
  /** campaign, for campaign grouping ("" = no campaign). */
  campaign: string | null;
  sums: MeasureSums;
}

export interface AggregateResult {
  /** Per range (same order as `ranges`), its groups; for `none`, exactly one group. */
  ranges: AggregateGroup[][];
  definitions: DefinitionsRow | null;
}

const GROUP_SQL: Record<AggregateGrouping, [string, string]> = {
  none: ["NULL::text", "NULL::text"],
  channel: ["s.channel", "NULL::text"],
  campaign: ["s.channel", "s.campaign"],
  day: ["s.date::text", "NULL::text"],
  week: ["date_trunc('week', s.date)::date::text", "NULL::text"],
  month: ["date_trunc('month', s.date)::date::text", "NULL::text"],
};

interface Row {
  idx: number | string;
  g1: string | null;
  g2: string | null;
  measure: string;
  value: string | null;
}

/**
 * Every base aggregate a request needs, in ONE SQL round trip, with the rules of
 * lib/metrics/aggregate.ts (`sqlAggregateFor`): flows are Σ value over the range; a
 * `stock_start` is Σ value on the earliest date with data for that measure in the range (and
 * group), a `stock_end` on the latest. Filters apply to the stock's day choice as well.
 *
 * The source is the smallest table that can answer: per-day totals without filters, per-day
 * per-channel totals for a channel filter or grouping, the facts themselves for a campaign.
 * The rollups are exact (trigger-maintained with the facts), so all three give equal numbers.
 * `read` runs the statement in the tenant's scope (txReader inside withTenant, or tenantReader).
 *
 * A measure is absent from a group's sums when the group has no fact for it (so "no data"
 * and "zero" stay different, as the catalog expects).
 */
export async function queryMeasureAggregates(read: SqlReader, q: AggregateQuery): Promise<AggregateResult> {
  const groupBy = q.groupBy ?? "none";
  const flows = q.measures.filter((m) => m.aggregation === "flow").map((m) => m.key);
  const stockStart = q.measures.filter((m) => m.aggregation === "stock_start").map((m) => m.key);
  const stockEnd = q.measures.filter((m) => m.aggregation === "stock_end").map((m) => m.key);

  const channels = q.channel == null ? [] : typeof q.channel === "string" ? [q.channel] : [...q.channel];
  const useFacts = Boolean(q.campaign) || groupBy === "campaign";
  const useChannel = !useFacts && (channels.length > 0 || Boolean(q.group) || groupBy === "channel");
  const table = useFacts ? "metric_facts" : useChannel ? "metric_channel_daily_totals" : "metric_daily_totals";
  const [g1, g2] = GROUP_SQL[groupBy];

  const params: unknown[] = [
    q.workspaceId,
    q.ranges.map((_, i) => i),
    q.ranges.map((r) => r.from),
    q.ranges.map((r) => r.to),
  ];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const filters: string[] = [];
  if (channels.length === 1) filters.push(`s.channel = ${param(channels[0])}`);
  else if (channels.length > 1) filters.push(`s.channel = ANY(${param(channels)}::text[])`);
  if (q.campaign) filters.push(`s.campaign = ${param(q.campaign)}`);
  if (q.group)
    filters.push(`channel_key(s.channel) IN ${groupKeysSql("$1", param(defaultKeysOfGroup(q.group)), param(q.group))}`);
  const filterSql = filters.map((f) => ` AND ${f}`).join("");
  // The outer bounds of all ranges, as plain parameters, let the planner use an index range scan.
  const lo = param(q.ranges.reduce((m, r) => (r.from < m ? r.from : m), q.ranges[0]?.from ?? "1970-01-01"));
  const hi = param(q.ranges.reduce((m, r) => (r.to > m ? r.to : m), q.ranges[0]?.to ?? "1970-01-01"));
  const from = `r JOIN ${table} s ON s.workspace_id = $1::uuid AND s.date BETWEEN r.d_from AND r.d_to AND s.date BETWEEN ${lo}::date AND ${hi}::date${filterSql}`;

  const parts: string[] = [];
  if (flows.length > 0) {
    parts.push(
      `SELECT r.idx, ${g1} AS g1, ${g2} AS g2, s.measure, sum(s.value)::text AS value
       FROM ${from} AND s.measure = ANY(${param(flows)}::text[])
       GROUP BY 1, 2, 3, 4`,
    );
  }
  if (stockStart.length + stockEnd.length > 0 && groupBy === "none") {
    // Ungrouped (the hot path): per (range, stock) find the edge day with an index probe, then
    // sum that day — a handful of index lookups instead of a window over the range.
    const filtersOf = (alias: string) => filterSql.replaceAll("s.", `${alias}.`);
    const edge = (fn: "min" | "max", measures: string[]) =>
      `SELECT r.idx, NULL::text AS g1, NULL::text AS g2, m.measure,
         (SELECT sum(s.value) FROM ${table} s WHERE s.workspace_id = $1::uuid AND s.measure = m.measure${filterSql}
            AND s.date = (SELECT ${fn}(e.date) FROM ${table} e WHERE e.workspace_id = $1::uuid AND e.measure = m.measure
                            AND e.date BETWEEN r.d_from AND r.d_to${filtersOf("e")}))::text AS value
       FROM r CROSS JOIN unnest(${param(measures)}::text[]) AS m(measure)`;
    if (stockStart.length > 0) parts.push(edge("min", stockStart));
    if (stockEnd.length > 0) parts.push(edge("max", stockEnd));
  } else if (stockStart.length + stockEnd.length > 0) {
    const startParam = param(stockStart);
    const endParam = param(stockEnd);
    parts.push(
      `SELECT idx, g1, g2, measure, sum(value)::text AS value FROM (
         SELECT r.idx, ${g1} AS g1, ${g2} AS g2, s.measure, s.date, s.value,
                min(s.date) OVER w AS first_day, max(s.date) OVER w AS last_day
         FROM ${from} AND (s.measure = ANY(${startParam}::text[]) OR s.measure = ANY(${endParam}::text[]))
         WINDOW w AS (PARTITION BY r.idx, ${g1}, ${g2}, s.measure)
       ) y
       WHERE (measure = ANY(${startParam}::text[]) AND date = first_day) OR (measure = ANY(${endParam}::text[]) AND date = last_day)
       GROUP BY 1, 2, 3, 4`,
    );
  }
  const statements: { text: string; params: unknown[] }[] = [];
  if (parts.length > 0) {
    statements.push({
      text: `WITH r AS (SELECT * FROM unnest($2::int[], $3::date[], $4::date[]) AS r(idx, d_from, d_to))\n${parts.join("\nUNION ALL\n")}`,
      params,
    });
  }
  if (q.withDefinitions) {
    // A statement of its own in the same batch (one round trip on the hot path); folding it
    // into the UNION made the planner's job slower than both apart.
    statements.push({ text: `SELECT (${DEFINITIONS_SQL})::text AS defs`, params: [q.workspaceId] });
  }
  const result: AggregateResult = { ranges: q.ranges.map(() => []), definitions: null };
  if (statements.length === 0) return result;
  const results = await read(statements);
  const rows = (parts.length > 0 ? results[0] : []) as unknown as Row[];
  if (q.withDefinitions) {
    const defs = results[results.length - 1][0] as { defs: string } | undefined;
    result.definitions = JSON.parse(defs?.defs ?? "null") as DefinitionsRow;
  }

  const groups = q.ranges.map(() => new Map<string, AggregateGroup>());
  if (groupBy === "none") q.ranges.forEach((_, i) => groups[i].set("", { key: null, campaign: null, sums: {} }));
  for (const row of rows) {
    const idx = Number(row.idx);
    if (row.value === null) continue;
    const id = groupBy === "none" ? "" : `${row.g1}\u0000${row.g2 ?? ""}`;
    let group = groups[idx].get(id);
    if (!group) {
      group = { key: row.g1, campaign: row.g2, sums: {} };
      groups[idx].set(id, group);
    }
    group.sums[row.measure] = new Decimal(row.value);
  }
  result.ranges = groups.map((g) => [...g.values()]);
  return result;
}
