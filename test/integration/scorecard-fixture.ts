import type { ApolloServer } from "@apollo/server";
import { type GraphQLContext, createContext } from "@/graphql/context";
import { createApolloServer } from "@/graphql/server";
import type { Viewer } from "@/lib/auth/viewer";
import type { Database } from "@/lib/db/client";
import { ingestRows } from "@/lib/ingestion/ingest-rows";
import type { MetricRowInput } from "@/lib/ingestion/validate-metric-rows";
import type { GqlResult } from "./harness";

let server: ApolloServer<GraphQLContext> | undefined;

/** Like harness gql(), with "now" pinned (pacing depends on the day). */
export async function gqlAt<T = Record<string, any>>(
  db: Database,
  viewer: Viewer | null,
  now: Date,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GqlResult<T>> {
  if (!server) {
    server = createApolloServer();
    await server.start();
  }
  const context = createContext({ db, viewer, clock: () => now });
  const response = await server.executeOperation({ query, variables }, { contextValue: context });
  if (response.body.kind !== "single") throw new Error("Incremental delivery is not expected here");
  const { data, errors } = response.body.singleResult;
  return { data: data as T, errors: errors as GqlResult["errors"], context };
}

/**
 * The golden fixture (workspace time zone Europe/Moscow). April 2026 has 30 days.
 *
 * | measure          | 2026-04-01 | 04-03 | 04-05   | 04-10   | 04-12   | April 1–15 total |
 * |------------------|-----------:|------:|--------:|--------:|--------:|-----------------:|
 * | spend            | 200 000    |       |         | 100 000 |         | 300 000          |
 * | impressions      | 100 000    |       |         |         |         | 100 000          |
 * | clicks           | 3 000      |       |         |         |         | 3 000            |
 * | sessions         | 2 000      |       |         |         |         | 2 000            |
 * | bounces          | 500        |       |         |         |         | 500              |
 * | leads            | 250        |       |         |         | 150     | 400              |
 * | qualified_leads  | 10         | 70    |         |         | 40      | 120              |
 * | deals_won        | 60         |       |         |         | 40      | 100              |
 * | revenue          |            |       | 600 000 |         | 400 000 | 1 000 000        |
 *
 * All on channel google_ads (in the "paid" group). March 2026: qualified_leads 60 on 03-05
 * and 30 on 03-20 (previous period to the 15th: 60; whole March: 90). April 2025:
 * qualified_leads 50 on 2025-04-10 (same period last year).
 */
export const APRIL_ROWS: MetricRowInput[] = [
  ...row("2026-04-01", {
    spend: "200000",
    impressions: "100000",
    clicks: "3000",
    sessions: "2000",
    bounces: "500",
    leads: "250",
    qualified_leads: "10",
    deals_won: "60",
  }),
  ...row("2026-04-03", { qualified_leads: "70" }),
  ...row("2026-04-05", { revenue: "600000" }),
  ...row("2026-04-10", { spend: "100000" }),
  ...row("2026-04-12", { leads: "150", qualified_leads: "40", deals_won: "40", revenue: "400000" }),
  ...row("2026-03-05", { qualified_leads: "60" }),
  ...row("2026-03-20", { qualified_leads: "30" }),
  ...row("2025-04-10", { qualified_leads: "50" }),
];

function row(date: string, values: Record<string, string>): MetricRowInput[] {
  return Object.entries(values).map(([measure, value]) => ({
    date,
    channel: "google_ads",
    campaign: "search",
    measure,
    value,
  }));
}

export async function ingest(db: Database, workspaceId: string, rows: MetricRowInput[]): Promise<void> {
  await ingestRows(db, { workspaceId, rows, maxDate: "2030-12-31" });
}

/** Instants inside April 2026 in Europe/Moscow (UTC+3): the 1st, the 15th (late evening UTC of the 14th) and the 30th. */
export const APRIL_1 = new Date("2026-04-01T09:00:00Z");
export const APRIL_15 = new Date("2026-04-14T22:30:00Z");
export const APRIL_30 = new Date("2026-04-30T12:00:00Z");
