import "server-only";
import type { Database } from "@/lib/db/client";
import { parseOverrides } from "./channel-groups";
import { type ChannelGroup, channelKey, groupOfChannel, groupSourceOf } from "./channel-groups";
import { tenantReader } from "@/lib/tenancy/read-as-tenant";

export interface WorkspaceChannel {
  /** The name as the facts carry it (or as the person wrote it, for a mapping without facts yet). */
  channel: string;
  group: ChannelGroup | null;
  /** WORKSPACE: the workspace chose it; DEFAULT: the default groups; null: unmapped. */
  source: "WORKSPACE" | "DEFAULT" | null;
  /** Whether any fact carries this channel. */
  hasData: boolean;
}

/**
 * The workspace's channels with their group: every channel name its facts carry, plus the
 * channels it mapped before any fact arrived, ordered unmapped first, then by name. One
 * round trip (tenantReader).
 */
export async function listWorkspaceChannels({
  db,
  workspaceId,
}: {
  db: Database;
  workspaceId: string;
}): Promise<WorkspaceChannel[]> {
  const [channelRows, mappingRows] = await tenantReader(
    db,
    workspaceId,
  )([
    {
      text: `SELECT DISTINCT channel::text AS channel FROM metric_channel_daily_totals WHERE workspace_id = $1::uuid`,
      params: [workspaceId],
    },
    {
      text: `SELECT channel_key AS key, channel, group_key AS "group" FROM channel_group_mappings WHERE workspace_id = $1::uuid`,
      params: [workspaceId],
    },
  ]);
  const mappings = mappingRows as unknown as { key: string; channel: string; group: string }[];
  const overrides = parseOverrides(mappings);
  const names = (channelRows as unknown as { channel: string }[]).map((r) => r.channel);
  const seenKeys = new Set(names.map(channelKey));
  const out: WorkspaceChannel[] = names.map((channel) => ({
    channel,
    group: groupOfChannel(channel, overrides),
    source: groupSourceOf(channel, overrides),
    hasData: true,
  }));
  for (const m of mappings) {
    if (!seenKeys.has(m.key))
      out.push({
        channel: m.channel,
        group: groupOfChannel(m.channel, overrides),
        source: "WORKSPACE",
        hasData: false,
      });
  }
  return out.sort((a, b) => Number(a.group !== null) - Number(b.group !== null) || a.channel.localeCompare(b.channel));
}
