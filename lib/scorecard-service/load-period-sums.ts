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

  // Each window reads only its own days (a lateral index range per window), and a scope reads
  // only its channels: the cost follows the days of the four windows × measures, whatever the
  // span between them or the number of facts behind each rollup row.
  const rows = await tx.$queryRawUnsafe<Row[]>(
    `WITH win AS (SELECT * FROM unnest($2::text[], $3::date[], $4::date[]) AS w(name, d_from, d_to)),
     sc AS (SELECT scope, array_agg(channel) AS channels FROM unnest($5::text[], $6::text[]) AS s(scope, channel) GROUP BY scope),
     src AS (
       SELECT w.name AS w, ''::text AS scope, t.measure, t.date, t.value
         FROM win w
         JOIN metric_daily_totals t
           ON t.workspace_id = $1::uuid AND t.measure = ANY($7::text[]) AND t.date BETWEEN w.d_from AND w.d_to
       UNION ALL
       SELECT w.name, sc.scope, t.measure, t.date, sum(t.value)
         FROM win w CROSS JOIN sc
         JOIN metric_channel_daily_totals t
           ON t.workspace_id = $1::uuid AND t.measure = ANY($7::text[]) AND t.date BETWEEN w.d_from AND w.d_to
          AND t.channel = ANY(sc.channels)
        GROUP BY w.name, sc.scope, t.measure, t.date
     )
     SELECT s.w, s.scope, s.measure, NULL::text AS date, sum(s.value)::text AS total,
            (array_agg(s.value ORDER BY s.date))[1]::text AS first_value,
            (array_agg(s.value ORDER BY s.date DESC))[1]::text AS last_value
       FROM src s
      GROUP BY s.w, s.scope, s.measure
     UNION ALL
     SELECT '', s.scope, s.measure, s.date::text, s.value::text, NULL, NULL
       FROM src s WHERE s.w = $8`,
    request.workspaceId,
    windows.map((w) => w.name),
    windows.map((w) => w.from),
    windows.map((w) => w.to),
    scopeNames,
    scopeChannels,
    measureKeys,
    series ?? "",
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
