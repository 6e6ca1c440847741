import type { Tx } from "@/lib/tenancy/with-tenant";
import type { MetricRow } from "./validate-metric-rows";

export interface UpsertCounts {
  /** Rows that created a fact. */
  inserted: number;
  /** Rows that changed an existing fact's value. */
  updated: number;
  /** Rows equal to the stored fact (nothing written). */
  unchanged: number;
}

/**
 * Upserts validated rows on their natural key in ONE statement: `INSERT … SELECT FROM
 * unnest(…) ON CONFLICT … DO UPDATE … WHERE value IS DISTINCT FROM excluded.value`. A row
 * equal to the stored fact is not rewritten (no dead tuple, no rollup churn, batch id kept).
 * `xmax = 0` tells a fresh insert from an update in RETURNING; unchanged = the rest.
 *
 * The rollup triggers run inside the same statement, so the caller's transaction commits
 * facts and rollups together. Rows must be free of duplicate keys (validateMetricRows) —
 * PostgreSQL refuses to update one row twice in a statement. Values are compared as numerics
 * ("1.50" equals "1.5"). Runs inside the caller's withTenant transaction.
 */
export async function upsertFacts(
  tx: Tx,
  { workspaceId, rows, batchId }: { workspaceId: string; rows: readonly MetricRow[]; batchId: string | null },
): Promise<UpsertCounts> {
  const columns = factColumns();
  for (const r of rows) pushFact(columns, r);
  return upsertFactColumns(tx, { workspaceId, columns, batchId });
}

/** Validated rows as the five parallel arrays the upsert statement unnests. */
export interface FactColumns {
  dates: string[];
  channels: string[];
  campaigns: string[];
  measures: string[];
  /** Canonical decimal strings: sent as text, parsed by PostgreSQL as numeric (exact). */
  values: string[];
}

export function factColumns(): FactColumns {
  return { dates: [], channels: [], campaigns: [], measures: [], values: [] };
}

export function pushFact(c: FactColumns, r: MetricRow): void {
  c.dates.push(r.date);
  c.channels.push(r.channel);
  c.campaigns.push(r.campaign);
  c.measures.push(r.measure);
  c.values.push(r.value);
}

/** {@link upsertFacts} for rows already in columns (the CSV import builds them while streaming). */
export async function upsertFactColumns(
  tx: Tx,
  { workspaceId, columns, batchId }: { workspaceId: string; columns: FactColumns; batchId: string | null },
): Promise<UpsertCounts> {
  const n = columns.dates.length;
  if (n === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const result = await tx.$queryRawUnsafe<{ inserted: number | string; updated: number | string }[]>(
    `WITH changed AS (
       INSERT INTO metric_facts AS f (workspace_id, date, channel, campaign, measure, value, import_batch_id)
       SELECT $1::uuid, t.date, t.channel, t.campaign, t.measure, t.value, $7::uuid
       FROM unnest($2::date[], $3::text[], $4::text[], $5::text[], $6::numeric[]) AS t(date, channel, campaign, measure, value)
       ORDER BY t.date, t.channel, t.campaign, t.measure
       ON CONFLICT (workspace_id, date, channel, campaign, measure) DO UPDATE
         SET value = excluded.value, import_batch_id = excluded.import_batch_id, updated_at = now()
         WHERE f.value IS DISTINCT FROM excluded.value
       RETURNING (xmax = 0) AS inserted
     )
     SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM changed`,
    workspaceId,
    columns.dates,
    columns.channels,
    columns.campaigns,
    columns.measures,
    columns.values,
    batchId,
  );
  const inserted = Number(result[0]?.inserted ?? 0);
  const updated = Number(result[0]?.updated ?? 0);
  return { inserted, updated, unchanged: n - inserted - updated };
}
