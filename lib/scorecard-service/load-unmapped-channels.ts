import "server-only";
import type { Tx } from "@/lib/tenancy/with-tenant";

/** A channel with facts in a window that no channel group of the workspace takes in. */
export interface UnmappedChannel {
  /** The name as the facts carry it. */
  channel: string;
  /** The measures it has facts for in the window (of those asked about). */
  measures: string[];
}

/**
 * The channels with facts for any of `measures` between `from` and `to` whose key
 * (channel_key(): case- and space-insensitive) is not among `mappedKeys` — the channels a
 * group-scoped KPI silently leaves out until someone maps them (SPEC §4.2: reported, never
 * dropped). Reads the per-channel rollup inside the caller's tenant transaction.
 */
export async function loadUnmappedChannels(
  tx: Tx,
  input: { workspaceId: string; from: string; to: string; measures: readonly string[]; mappedKeys: readonly string[] },
): Promise<UnmappedChannel[]> {
  if (input.measures.length === 0 || input.from > input.to) return [];
  const rows = await tx.$queryRawUnsafe<{ channel: string; measures: string[] }[]>(
    `SELECT c.channel, array_agg(DISTINCT c.measure::text ORDER BY c.measure::text) AS measures
       FROM unnest($2::text[]) AS m(measure),
            LATERAL (SELECT c.channel, c.measure FROM metric_channel_daily_totals c
                      WHERE c.workspace_id = $1::uuid AND c.measure = m.measure AND c.date BETWEEN $3::date AND $4::date
                     OFFSET 0) c
      WHERE channel_key(c.channel) <> ALL($5::text[])
      GROUP BY c.channel
      ORDER BY c.channel`,
    input.workspaceId,
    [...input.measures],
    input.from,
    input.to,
    [...input.mappedKeys],
  );
  return rows;
}
