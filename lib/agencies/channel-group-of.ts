import { type ChannelGroupOverrides, groupOfChannel, parseOverrides } from "@/lib/channel-groups/channel-groups";

/** The statement that reads a client's own channel-group mapping (run in that client's tenant scope). */
export const CHANNEL_GROUP_MAPPINGS_SQL = `SELECT channel_key AS key, group_key AS "group" FROM channel_group_mappings WHERE workspace_id = $1::uuid`;

/** A client's mapping from the rows of {@link CHANNEL_GROUP_MAPPINGS_SQL}. */
export function clientChannelGroups(rows: readonly Record<string, unknown>[]): ChannelGroupOverrides {
  return parseOverrides(rows as unknown as { key: string; group: string }[]);
}

/**
 * The channel group a client's channel counts under in the portfolio benchmarks — the ONE
 * place the agency module reads channel groups: the client's own mapping over the defaults
 * (lib/channel-groups); a channel in no group counts as "other".
 */
export function channelGroupOf(channel: string, overrides: ChannelGroupOverrides): string {
  return groupOfChannel(channel, overrides) ?? "other";
}
