import { CHANNEL_GROUPS } from "@/lib/kpis/channel-groups";

/**
 * The channel group a client's channel counts under in the portfolio benchmarks — the ONE
 * place the agency module reads channel groups. Today the groups are the global lists of
 * lib/kpis/channel-groups.ts (a channel in none is "other"); when groups become per-workspace,
 * this function takes the workspace's own mapping (the `workspaceId` is passed for that).
 */
export function channelGroupOf(channel: string, _workspaceId: string): string {
  for (const [group, channels] of Object.entries(CHANNEL_GROUPS)) if (channels.includes(channel)) return group;
  return "other";
}
