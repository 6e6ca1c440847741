import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import type { Database } from "@/lib/db/client";
import { getMetricDefinition } from "@/lib/metrics/catalog";
import { computeMetrics } from "@/lib/metrics/compute-metrics";
import { Decimal } from "@/lib/metrics/decimal";
import { canReadScorecard } from "@/lib/permissions/registry";
import { findScorecard, type ScorecardView } from "@/lib/scorecard-service/find-scorecard";
import { loadScorecardContext } from "@/lib/scorecard-service/load-scorecard-context";
import type { PeriodRequest } from "@/lib/scorecard-service/resolve-scorecard-period";
import { DATA_VERSION_SQL } from "@/lib/data-version/data-version-cache";
import { readAsTenants } from "@/lib/tenancy/read-as-tenants";
import { type WorkspaceAccess, accessOfAgencyKey, accessOfMembership } from "@/lib/tenancy/workspace-access";
import { type BenchmarkSummary, summarizeBenchmark } from "./benchmarks";
import { CHANNEL_GROUP_MAPPINGS_SQL, channelGroupOf, clientChannelGroups } from "./channel-group-of";
import type { AgencyAccess } from "./find-agency-access";
import type { AgencyClient } from "./list-agency-clients";

/** The catalog metrics the portfolio benchmarks (SPEC §8), each per channel group. */
export const BENCHMARK_METRICS = ["cpl", "cac", "romi", "ctr", "lead_to_deal_conversion"] as const;
const BENCHMARK_MEASURES = ["spend", "sales_cost", "leads", "deals_won", "revenue", "clicks", "impressions"];

export interface PortfolioEntry {
  client: AgencyClient;
  /** The caller's access in the client: the grant's role through the one permission registry. */
  access: WorkspaceAccess;
  /** The client's company scorecard — the same view Workspace.scorecard(role: OWNER) returns. */
  scorecard: ScorecardView;
  /** Off-track or at-risk KPIs: listed first. */
  needsAttention: boolean;
}

export interface ChannelGroupBenchmark {
  channelGroup: string;
  metricKey: (typeof BENCHMARK_METRICS)[number];
  direction: "higher" | "lower";
  summary: BenchmarkSummary;
}

export interface Portfolio {
  entries: PortfolioEntry[];
  benchmarks: ChannelGroupBenchmark[];
}

/**
 * The agency portfolio (SPEC §8, §9.2 Agency.portfolio): every client whose granted role may
 * read the company scorecard, with that scorecard, clients that need attention first; and the
 * benchmarks across the clients whose role may also read metrics.
 *
 * Tenancy: every read of client data runs in that client's own tenant scope. The data versions
 * and the per-channel sums of all clients travel in one round trip each (readAsTenants: one
 * message, one tenant setting per client's statements); each scorecard comes from the shared
 * per-workspace cache keyed by the client's data version, computed in the client's scope on a
 * miss. The whole result is cached per (caller's clients × their versions × period × day), so
 * a warm portfolio costs the client list and the versions: two round trips.
 */
export async function findPortfolio(
  db: Database,
  input: {
    viewer: Viewer;
    agency: AgencyAccess;
    clients: readonly AgencyClient[];
    period?: PeriodRequest | null;
    now: Date;
  },
): Promise<Portfolio> {
  const readable = input.clients.flatMap((client) => {
    const access =
      input.viewer.kind === "agencyKey"
        ? accessOfAgencyKey(client.workspace.id, client.role, input.viewer.scopes, input.agency.agencyId)
        : accessOfMembership(client.workspace.id, client.role);
    return access && canReadScorecard(access.permissions, access.role, "COMPANY")
      ? [{ client, access: { ...access, agencyId: input.agency.agencyId } }]
      : [];
  });
  if (readable.length === 0) return { entries: [], benchmarks: [] };

  const versionRows = await readAsTenants(
    db,
    readable.map(({ client }) => ({
      workspaceId: client.workspace.id,
      statements: [{ text: DATA_VERSION_SQL, params: [client.workspace.id] }],
    })),
  );
  const versions = versionRows.map((r) => String(r[0][0]?.version ?? "0"));
  const cacheKey = JSON.stringify([
    input.agency.agencyId,
    input.period ?? null,
    input.now.toISOString().slice(0, 10),
    readable.map(({ client, access }, i) => [
      client.workspace.id,
      client.workspace.timeZone,
      client.workspace.fiscalYearStartMonth,
      versions[i],
      [...access.permissions].sort().join(),
    ]),
  ]);
  const cached = portfolioCache.get(cacheKey);
  if (cached) {
    portfolioCache.delete(cacheKey);
    portfolioCache.set(cacheKey, cached);
    return withClients(await cached, readable);
  }
  const loading = computePortfolio(db, input, readable, versions);
  portfolioCache.set(cacheKey, loading);
  while (portfolioCache.size > 32) portfolioCache.delete(portfolioCache.keys().next().value!);
  loading.catch(() => portfolioCache.delete(cacheKey));
  return withClients(await loading, readable);
}

const portfolioCache = new Map<string, Promise<Portfolio>>();

/** Empties this process's portfolio cache (benchmarks measure cold reads; tests never need it). */
export function clearPortfolioCache(): void {
  portfolioCache.clear();
}

/** The cached portfolio with this request's client rows (names may have changed; ids and versions did not). */
function withClients(portfolio: Portfolio, readable: { client: AgencyClient; access: WorkspaceAccess }[]): Portfolio {
  const byId = new Map(readable.map((r) => [r.client.workspace.id, r]));
  return {
    ...portfolio,
    entries: portfolio.entries.map((e) => ({ ...e, client: byId.get(e.client.workspace.id)?.client ?? e.client })),
  };
}

async function computePortfolio(
  db: Database,
  input: { period?: PeriodRequest | null; now: Date },
  readable: { client: AgencyClient; access: WorkspaceAccess }[],
  versions: string[],
): Promise<Portfolio> {
  // Scorecards: each in its client's scope (a cache hit when the client's data did not change).
  // A few at a time: PostgreSQL's pool serves them in parallel; PGlite queues them anyway.
  const loaded = new Array<{
    scorecard: ScorecardView;
    settings: Awaited<ReturnType<typeof loadScorecardContext>>["metricDefinitions"]["settings"];
  }>(readable.length);
  let next = 0;
  const worker = async () => {
    while (next < readable.length) {
      const i = next++;
      const { workspace } = readable[i].client;
      const args = {
        workspaceId: workspace.id,
        calendar: { timeZone: workspace.timeZone, fiscalYearStartMonth: workspace.fiscalYearStartMonth },
        period: input.period,
        now: input.now,
        dataVersion: Promise.resolve(versions[i]),
      };
      const scorecard = await findScorecard(db, { ...args, owner: "COMPANY" });
      const context = await loadScorecardContext(db, args);
      loaded[i] = { scorecard, settings: context.metricDefinitions.settings };
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, readable.length) }, worker));

  const entries = readable.map(({ client, access }, i): PortfolioEntry => {
    const counts = loaded[i].scorecard.statusCounts as Record<string, number>;
    return {
      client,
      access,
      scorecard: loaded[i].scorecard,
      needsAttention: (counts.OFF_TRACK ?? 0) + (counts.AT_RISK ?? 0) > 0,
    };
  });
  const benchmarks = await loadBenchmarks(
    db,
    entries,
    loaded.map((l) => l.settings),
  );
  return { entries: sortPortfolio(entries, "ATTENTION", "ASC"), benchmarks };
}

/** Per-channel sums of every client that may read metrics, over its scorecard's period so far; one round trip. */
async function loadBenchmarks(
  db: Database,
  entries: PortfolioEntry[],
  settings: Parameters<typeof computeMetrics>[1]["settings"][],
): Promise<ChannelGroupBenchmark[]> {
  const counted = entries.flatMap((e, i) =>
    e.access.permissions.has("metrics.read") && e.scorecard.asOf >= e.scorecard.period.from
      ? [{ e, settings: settings[i] }]
      : [],
  );
  const rows = await readAsTenants(
    db,
    counted.map(({ e }) => ({
      workspaceId: e.client.workspace.id,
      statements: [
        {
          text: `SELECT channel, measure, sum(value)::text AS total FROM metric_channel_daily_totals
                  WHERE workspace_id = $1::uuid AND measure = ANY ($2) AND date BETWEEN $3::date AND $4::date
                  GROUP BY channel, measure`,
          params: [e.client.workspace.id, BENCHMARK_MEASURES, e.scorecard.period.from, e.scorecard.asOf],
        },
        { text: CHANNEL_GROUP_MAPPINGS_SQL, params: [e.client.workspace.id] },
      ],
    })),
  );
  // group → metric → samples
  const samples = new Map<string, Map<string, { clientId: string; value: Decimal }[]>>();
  counted.forEach(({ e, settings: s }, i) => {
    const byGroup = new Map<string, Record<string, Decimal>>();
    const overrides = clientChannelGroups(rows[i][1]);
    for (const row of rows[i][0]) {
      const group = channelGroupOf(String(row.channel), overrides);
      const sums = byGroup.get(group) ?? {};
      const measure = String(row.measure);
      sums[measure] = (sums[measure] ?? new Decimal(0)).plus(String(row.total));
      byGroup.set(group, sums);
    }
    const periodDays = daysInclusive(e.scorecard.period.from, e.scorecard.asOf);
    for (const [group, sums] of byGroup) {
      const values = computeMetrics(BENCHMARK_METRICS, { sums, settings: s, periodDays });
      for (const key of BENCHMARK_METRICS) {
        const v = values.get(key)?.value;
        if (!v) continue;
        const perGroup = samples.get(group) ?? new Map();
        samples.set(group, perGroup);
        const list = perGroup.get(key) ?? [];
        perGroup.set(key, list);
        list.push({ clientId: e.client.workspace.id, value: v });
      }
    }
  });
  const out: ChannelGroupBenchmark[] = [];
  for (const group of [...samples.keys()].sort()) {
    for (const key of BENCHMARK_METRICS) {
      const list = samples.get(group)!.get(key);
      if (!list) continue;
      const direction = getMetricDefinition(key)!.direction;
      const summary = summarizeBenchmark(list, direction);
      if (summary) out.push({ channelGroup: group, metricKey: key, direction, summary });
    }
  }
  return out;
}

function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export const PORTFOLIO_SORTS = ["ATTENTION", "NAME", "SCORE", "REVENUE", "CAC", "LTV_TO_CAC", "ROMI"] as const;
export type PortfolioSort = (typeof PORTFOLIO_SORTS)[number];
const SORT_METRIC: Partial<Record<PortfolioSort, string>> = {
  REVENUE: "revenue",
  CAC: "cac",
  LTV_TO_CAC: "ltv_to_cac",
  ROMI: "romi",
};

/** The company KPI of `metricKey` (all channels) on a client's scorecard, or null. */
export function companyFigure(scorecard: ScorecardView, metricKey: string) {
  return scorecard.kpis.find((k) => k.metricKey === metricKey && !k.channelScope) ?? null;
}

/**
 * Orders portfolio entries. ATTENTION (default): off-track count, then at-risk count (most
 * first), then score (lowest first), then name. Other keys sort by the figure, clients
 * without it last whatever the direction; ties by name. Pure.
 */
export function sortPortfolio(
  entries: readonly PortfolioEntry[],
  sort: PortfolioSort,
  direction: "ASC" | "DESC",
): PortfolioEntry[] {
  const name = (e: PortfolioEntry) => e.client.workspace.name.toLocaleLowerCase();
  const byName = (a: PortfolioEntry, b: PortfolioEntry) =>
    name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : a.client.workspace.id < b.client.workspace.id ? -1 : 1;
  const figure = (e: PortfolioEntry): Decimal | null =>
    sort === "SCORE"
      ? e.scorecard.score.score
      : SORT_METRIC[sort]
        ? (companyFigure(e.scorecard, SORT_METRIC[sort]!)?.actual ?? null)
        : null;
  const sign = direction === "DESC" ? -1 : 1;
  return [...entries].sort((a, b) => {
    if (sort === "NAME") return sign * byName(a, b);
    if (sort === "ATTENTION") {
      const ca = a.scorecard.statusCounts as Record<string, number>;
      const cb = b.scorecard.statusCounts as Record<string, number>;
      const diff =
        (cb.OFF_TRACK ?? 0) - (ca.OFF_TRACK ?? 0) ||
        (cb.AT_RISK ?? 0) - (ca.AT_RISK ?? 0) ||
        compareNullable(a.scorecard.score.score, b.scorecard.score.score, 1);
      return sign * diff || byName(a, b);
    }
    return compareNullable(figure(a), figure(b), sign) || byName(a, b);
  });
}

/** Ascending × sign, nulls always last. */
function compareNullable(a: Decimal | null, b: Decimal | null, sign: number): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return sign * a.comparedTo(b);
}
