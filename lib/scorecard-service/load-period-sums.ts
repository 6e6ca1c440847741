import type { MeasureSums } from "@/lib/metrics/aggregate";
import { Decimal } from "@/lib/metrics/decimal";
import type { MeasureAggregation } from "@/lib/metrics/measures";
import type { Tx } from "@/lib/tenancy/with-tenant";

export interface DateWindow {
  name: string;
  from: string;
  to: string;
}

export interface PeriodSumsRequest {
  workspaceId: string;
  /** Periods to aggregate (current, previous, last year...). */
  windows: readonly DateWindow[];
  /** The window whose days are also returned one by one, for sparklines (usually "current"); null = none. */
  series: string | null;
  /** Channel scopes besides "all channels", each with the channel names it reads. */
  scopes: ReadonlyMap<string, readonly string[]>;
  /** Measures to read, with their aggregation (flows sum; stocks take the first/last day). */
  measures: ReadonlyMap<string, MeasureAggregation>;
}

/** Sums by window, then by scope ("" = all channels). */
export type WindowSums = Map<string, Map<string, MeasureSums>>;
/** Day sums by scope, then by date. */
export type SeriesSums = Map<string, Map<string, MeasureSums>>;

interface Row {
  w: string;
  scope: string;
  measure: string;
  date: string | null;
  total: string;
  first_value: string | null;
  last_value: string | null;
}

/**
 * Every measure aggregate a scorecard needs in ONE round trip: for each window and each
 * channel scope the period aggregate of each measure (exactly what aggregateDailyFacts gives:
 * Σ for flows, the earliest / latest day with data for stocks), plus the per-day values of
 * the series window. Reads the trigger-maintained rollups (metric_daily_totals for all
 * channels, metric_channel_daily_totals for scopes), never the facts, so the cost follows
 * days × measures, not the number of facts. A measure absent from a window had no data.
 */
export async function loadPeriodSums(tx: Tx, request: PeriodSumsRequest): Promise<{ sums: WindowSums; series: SeriesSums }> {
  const { windows, series, scopes, measures } = request;
  const measureKeys = [...measures.keys()];
  const scopeNames: string[] = [];
  const scopeChannels: string[] = [];
  for (const [scope, channels] of scopes) {
    for (const channel of channels) {
      scopeNames.push(scope);
      scopeChannels.push(channel);
    }
  }

  // One UNION ALL branch per window with its bounds as plain parameters, so that each reads
  // exactly its own days through the primary-key range (a join against a list of windows let
  // the planner scan every day between them and filter afterwards), and a scope reads only
  // its channels. The cost follows the days of the windows × measures, not the facts.
  const params: unknown[] = [request.workspaceId, measureKeys, scopeNames, scopeChannels];
  const branches = windows.map((w) => {
    params.push(w.name, w.from, w.to);
    const [name, from, to] = [params.length - 2, params.length - 1, params.length];
    return `SELECT $${name}::text AS w, ''::text AS scope, d.measure, d.date, d.value
              FROM metric_daily_totals d
             WHERE d.workspace_id = $1::uuid AND d.measure = ANY($2::text[]) AND d.date BETWEEN $${from}::date AND $${to}::date
            UNION ALL
            SELECT $${name}::text, sc.scope, c.measure, c.date, sum(c.value)
              FROM metric_channel_daily_totals c JOIN sc ON c.channel = ANY(sc.channels)
             WHERE c.workspace_id = $1::uuid AND c.measure = ANY($2::text[]) AND c.date BETWEEN $${from}::date AND $${to}::date
               AND c.channel = ANY($4::text[])
             GROUP BY sc.scope, c.measure, c.date`;
  });
  params.push(series ?? "");
  const rows = await tx.$queryRawUnsafe<Row[]>(
    `WITH sc AS (SELECT scope, array_agg(channel) AS channels FROM unnest($3::text[], $4::text[]) AS s(scope, channel) GROUP BY scope),
     src AS (${branches.join("\n UNION ALL\n")})
     SELECT s.w, s.scope, s.measure, NULL::text AS date, sum(s.value)::text AS total,
            (array_agg(s.value ORDER BY s.date))[1]::text AS first_value,
            (array_agg(s.value ORDER BY s.date DESC))[1]::text AS last_value
       FROM src s
      GROUP BY s.w, s.scope, s.measure
     UNION ALL
     SELECT '', s.scope, s.measure, s.date::text, s.value::text, NULL, NULL
       FROM src s WHERE s.w = $${params.length}`,
    ...params,
  );

  const sums: WindowSums = new Map(windows.map((w) => [w.name, new Map([["", {}], ...[...scopes.keys()].map((s) => [s, {}] as [string, MeasureSums])])]));
  const daily: SeriesSums = new Map([["", new Map()], ...[...scopes.keys()].map((s) => [s, new Map()] as [string, Map<string, MeasureSums>])]);
  for (const row of rows) {
    if (row.date !== null) {
      const byDate = daily.get(row.scope)!;
      const day = byDate.get(row.date) ?? {};
      day[row.measure] = new Decimal(row.total);
      byDate.set(row.date, day);
      continue;
    }
    const aggregation = measures.get(row.measure) ?? "flow";
    const value = aggregation === "flow" ? row.total : aggregation === "stock_start" ? row.first_value : row.last_value;
    sums.get(row.w)!.get(row.scope)![row.measure] = new Decimal(value ?? row.total);
  }
  return { sums, series: daily };
}
