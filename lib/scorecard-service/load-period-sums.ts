import "server-only";
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
  /** Channel scopes besides "all channels", each with the channel keys it reads (lib/channel-groups channelKey). */
  scopes: ReadonlyMap<string, readonly string[]>;
  /** Measures to read, with their aggregation (flows sum; stocks take the first/last day). */
  measures: ReadonlyMap<string, MeasureAggregation>;
}

/** Sums by window, then by scope ("" = all channels). */
export type WindowSums = Map<string, Map<string, MeasureSums>>;
/** Day sums by scope, then by date. */
export type SeriesSums = Map<string, Map<string, MeasureSums>>;

interface Row {
  /** Index of the window in request.windows. */
  w: number;
  /** 0 = all channels, i = the i-th scope of request.scopes. */
  scope: number;
  /** 1-based index of the measure in request.measures. */
  m: number;
  total: string;
  /** Stocks only: the value of the earliest / latest day with data. */
  first_value: string | null;
  last_value: string | null;
  /** Series window only: its days and their values, in date order. */
  dates: string[] | null;
  day_values: string[] | null;
}

/**
 * Every measure aggregate a scorecard needs in ONE round trip: for each window and each
 * channel scope the period aggregate of each measure (exactly what aggregateDailyFacts gives:
 * Σ for flows, the earliest / latest day with data for stocks), plus the per-day values of
 * the series window. Reads the trigger-maintained rollups (metric_daily_totals for all
 * channels, metric_channel_daily_totals for scopes), never the facts, so the cost follows
 * days × measures, not the number of facts. A measure absent from a window had no data.
 */
export async function loadPeriodSums(
  tx: Tx,
  request: PeriodSumsRequest,
): Promise<{ sums: WindowSums; series: SeriesSums }> {
  const { windows, series, scopes, measures } = request;
  const measureKeys = [...measures.keys()];
  const scopeKeys = [...scopes.keys()];
  const stockIndexes: number[] = [];
  measureKeys.forEach((m, i) => {
    if (measures.get(m) !== "flow") stockIndexes.push(i + 1);
  });
  const scopeIndexes: number[] = [];
  const scopeChannels: string[] = [];
  scopeKeys.forEach((scope, i) => {
    for (const channel of new Set(scopes.get(scope))) {
      scopeIndexes.push(i + 1);
      scopeChannels.push(channel);
    }
  });
  const seriesIndex = windows.findIndex((w) => w.name === series);

  const params: unknown[] = [];
  const param = (value: unknown, type: string) => {
    params.push(value);
    return `$${params.length}::${type}`;
  };
  const workspace = param(request.workspaceId, "uuid");
  const channels = scopeChannels.length > 0 ? param(scopeChannels, "text[]") : "";

  // One UNION ALL branch per window (and per window for the scopes) with its bounds as plain
  // parameters. Each reads, for every measure in turn, exactly the primary-key range
  // (workspace, measure, date BETWEEN from AND to): the LATERAL … OFFSET 0 keeps that plan
  // whatever the statistics say (with `measure = ANY(…)` as a filter the planner walked all
  // of the workspace's days in every branch). A scope reads only its channels, joined by
  // equality to the (scope, channel) pairs. Windows, scopes and measures travel as small
  // integers, so that grouping compares integers rather than collated text. Channels match by
  // key (channel_key(): case- and space-insensitive), the workspace's channel groups having
  // been resolved to keys by the caller.
  const branches: string[] = [];
  windows.forEach((w, i) => {
    const [from, to] = [param(w.from, "date"), param(w.to, "date")];
    branches.push(`SELECT ${i} AS w, 0 AS scope, ms.m, d.date, d.value
        FROM ms, LATERAL (SELECT d.date, d.value FROM metric_daily_totals d
                           WHERE d.workspace_id = ${workspace} AND d.measure = ms.measure AND d.date BETWEEN ${from} AND ${to}
                          OFFSET 0) d`);
    if (scopeChannels.length > 0) {
      branches.push(`SELECT ${i}, sc.scope, ms.m, c.date, sum(c.value)
        FROM ms, LATERAL (SELECT c.date, c.channel, c.value FROM metric_channel_daily_totals c
                           WHERE c.workspace_id = ${workspace} AND c.measure = ms.measure AND c.date BETWEEN ${from} AND ${to}
                             AND channel_key(c.channel) = ANY(${channels})
                          OFFSET 0) c
        JOIN sc ON sc.channel = channel_key(c.channel)
       GROUP BY sc.scope, ms.m, c.date`);
    }
  });
  if (branches.length === 0 || measureKeys.length === 0)
    return { sums: emptySums(request), series: emptySeries(request) };

  // One pass over the day rows, nothing materialised and read twice: Σ for every measure,
  // the first / last day only for stocks, and the series window's days as two arrays per
  // measure, so one row per window × scope × measure comes back.
  const stocks = param(stockIndexes, "int[]");
  const seriesWindow = param(seriesIndex, "int");
  const rows = await tx.$queryRawUnsafe<Row[]>(
    `WITH ms AS (SELECT m.measure, m.m::int AS m FROM unnest(${param(measureKeys, "text[]")}) WITH ORDINALITY AS m(measure, m))${
      scopeChannels.length > 0
        ? `,\n     sc AS (SELECT scope, channel FROM unnest(${param(scopeIndexes, "int[]")}, ${channels}) AS s(scope, channel))`
        : ""
    }
     SELECT s.w, s.scope, s.m, sum(s.value)::text AS total,
            (array_agg(s.value ORDER BY s.date) FILTER (WHERE s.m = ANY(${stocks})))[1]::text AS first_value,
            (array_agg(s.value ORDER BY s.date DESC) FILTER (WHERE s.m = ANY(${stocks})))[1]::text AS last_value,
            array_agg(s.date::text ORDER BY s.date) FILTER (WHERE s.w = ${seriesWindow}) AS dates,
            array_agg(s.value::text ORDER BY s.date) FILTER (WHERE s.w = ${seriesWindow}) AS day_values
       FROM (${branches.join("\n UNION ALL\n")}) s
      GROUP BY s.w, s.scope, s.m`,
    ...params,
  );

  const sums = emptySums(request);
  const daily = emptySeries(request);
  for (const row of rows) {
    const scope = row.scope === 0 ? "" : scopeKeys[row.scope - 1];
    const measure = measureKeys[row.m - 1];
    if (row.dates && row.day_values) {
      const byDate = daily.get(scope)!;
      for (let i = 0; i < row.dates.length; i++) {
        const day = byDate.get(row.dates[i]) ?? {};
        day[measure] = new Decimal(row.day_values[i]);
        byDate.set(row.dates[i], day);
      }
    }
    const aggregation = measures.get(measure) ?? "flow";
    const value = aggregation === "flow" ? row.total : aggregation === "stock_start" ? row.first_value : row.last_value;
    sums.get(windows[row.w].name)!.get(scope)![measure] = new Decimal(value ?? row.total);
  }
  return { sums, series: daily };
}

function emptySums({ windows, scopes }: PeriodSumsRequest): WindowSums {
  return new Map(
    windows.map((w) => [
      w.name,
      new Map([["", {}], ...[...scopes.keys()].map((s) => [s, {}] as [string, MeasureSums])]),
    ]),
  );
}

function emptySeries({ scopes }: PeriodSumsRequest): SeriesSums {
  return new Map([
    ["", new Map()],
    ...[...scopes.keys()].map((s) => [s, new Map()] as [string, Map<string, MeasureSums>]),
  ]);
}
