/**
 * Channel groups (SPEC §4.2 "Channel groups"): scoped KPIs ("ROMI of paid channels",
 * "qualified leads from social") read a group of channels. Facts carry free-text channel
 * names; a workspace maps each name to one group, starting from the defaults below, and may
 * move any channel to another group (lib/channel-groups/set-channel-group.ts). This file is
 * the one source of the groups and the defaults. Pure.
 *
 * Matching is case- and space-insensitive: a channel's *key* is its name in lower case
 * without spaces, underscores and hyphens, so "Google Ads ", "google_ads" and "GOOGLE-ADS"
 * are one channel for grouping. The SQL function `channel_key(text)` (migration
 * 20261206020000_channel_groups) computes the same key in the database.
 */
export const CHANNEL_GROUPS = ["paid", "social", "content", "email", "organic", "referral", "other"] as const;
export type ChannelGroup = (typeof CHANNEL_GROUPS)[number];

export function isChannelGroup(value: string): value is ChannelGroup {
  return (CHANNEL_GROUPS as readonly string[]).includes(value);
}

/** The names integrations and CSV templates use, by group (every workspace starts with these). */
export const DEFAULT_CHANNEL_GROUPS: Readonly<Record<ChannelGroup, readonly string[]>> = {
  paid: [
    "paid",
    "paid_search",
    "paid_social",
    "google_ads",
    "yandex_direct",
    "meta_ads",
    "facebook_ads",
    "instagram_ads",
    "vk_ads",
    "mytarget",
    "telegram_ads",
    "tiktok_ads",
    "linkedin_ads",
    "bing_ads",
    "display",
    "cpa",
  ],
  social: [
    "social",
    "vk",
    "telegram",
    "instagram",
    "facebook",
    "tiktok",
    "youtube",
    "linkedin",
    "x",
    "ok",
    "dzen",
    "smm",
  ],
  content: ["content", "blog", "webinar", "podcast"],
  email: ["email", "newsletter", "email_marketing"],
  organic: ["organic", "seo", "organic_search", "direct"],
  referral: ["referral", "partners", "affiliate"],
  // Pseudo-channels that carry company-level figures (sales cost, the customer base, NPS
  // answers): in a group, so that they are never reported as unmapped marketing channels.
  other: ["other", "offline", "crm", "sales", "survey"],
};

/** The comparable form of a channel name: A–Z in lower case, no spaces, underscores or hyphens (as SQL channel_key()). */
export function channelKey(name: string): string {
  return name.replace(/[ \t\n\r_\-\u00a0]+/g, "").replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** A workspace's choices over the defaults: channel key → group. */
export type ChannelGroupOverrides = ReadonlyMap<string, ChannelGroup>;

const DEFAULT_BY_KEY: ReadonlyMap<string, ChannelGroup> = new Map(
  CHANNEL_GROUPS.flatMap((group) => DEFAULT_CHANNEL_GROUPS[group].map((name) => [channelKey(name), group] as const)),
);

/** The group of a channel in a workspace (its own choice, else the default), or null: unmapped. */
export function groupOfChannel(name: string, overrides: ChannelGroupOverrides): ChannelGroup | null {
  const key = channelKey(name);
  return overrides.get(key) ?? DEFAULT_BY_KEY.get(key) ?? null;
}

/** Whether a channel's group comes from the workspace or the defaults. */
export function groupSourceOf(name: string, overrides: ChannelGroupOverrides): "WORKSPACE" | "DEFAULT" | null {
  const key = channelKey(name);
  return overrides.has(key) ? "WORKSPACE" : DEFAULT_BY_KEY.has(key) ? "DEFAULT" : null;
}

/** The channel keys of one group in a workspace: its own mappings plus the defaults it did not move. */
export function keysOfGroup(group: ChannelGroup, overrides: ChannelGroupOverrides): string[] {
  const keys = new Set<string>();
  for (const [key, g] of DEFAULT_BY_KEY) if (g === group && !overrides.has(key)) keys.add(key);
  for (const [key, g] of overrides) if (g === group) keys.add(key);
  return [...keys].sort();
}

/** Every key that has a group in a workspace (any channel outside these is unmapped). */
export function mappedKeys(overrides: ChannelGroupOverrides): string[] {
  return [...new Set([...DEFAULT_BY_KEY.keys(), ...overrides.keys()])].sort();
}

/**
 * The channel keys a KPI's `channelScope` reads: a group's channels, or the scope itself as
 * one channel name ("google_ads", matched like any name).
 */
export function keysOfScope(scope: string, overrides: ChannelGroupOverrides): string[] {
  return isChannelGroup(scope) ? keysOfGroup(scope, overrides) : [channelKey(scope)];
}

const CHANNEL_NAME = /^[A-Za-z0-9_.:\- ]{1,64}$/;

/** A KPI scope must be a group or a plausible channel name. */
export function isValidChannelScope(scope: string): boolean {
  return isChannelGroup(scope) || CHANNEL_NAME.test(scope);
}

/** Overrides from the rows the definitions statement returns (rows naming no known group are ignored). */
export function parseOverrides(
  rows: readonly { key: string; group: string }[] | null | undefined,
): Map<string, ChannelGroup> {
  const out = new Map<string, ChannelGroup>();
  for (const r of rows ?? []) if (isChannelGroup(r.group)) out.set(r.key, r.group);
  return out;
}

/** The default channel keys of a group (for SQL that resolves a workspace's group in the database). */
export function defaultKeysOfGroup(group: ChannelGroup): string[] {
  return [...DEFAULT_BY_KEY].filter(([, g]) => g === group).map(([key]) => key);
}

/**
 * SQL for the channel keys of one group in one workspace, resolved in the database: the
 * workspace's own mappings to the group plus the defaults it did not move. `workspace`,
 * `defaults` (text[] of defaultKeysOfGroup) and `group` are parameter placeholders.
 */
export function groupKeysSql(workspace: string, defaults: string, group: string): string {
  return `(SELECT k FROM unnest(${defaults}::text[]) AS d(k)
            WHERE NOT EXISTS (SELECT 1 FROM channel_group_mappings m WHERE m.workspace_id = ${workspace}::uuid AND m.channel_key = d.k)
           UNION ALL
           SELECT m.channel_key FROM channel_group_mappings m WHERE m.workspace_id = ${workspace}::uuid AND m.group_key = ${group}::text)`;
}

/** A group argument of the API, checked: null when absent; an unknown group is an error the caller raises with its path. */
export function parseGroupArgument(
  value: string | null | undefined,
):
  { ok: true; group: ChannelGroup | null } | { ok: false; message: string; params: { group: string; groups: string } } {
  if (value == null || value === "") return { ok: true, group: null };
  const group = value.trim().toLowerCase();
  return isChannelGroup(group)
    ? { ok: true, group }
    : {
        ok: false,
        message: `Unknown channel group "${value}"; one of ${CHANNEL_GROUPS.join(", ")}`,
        params: { group: String(value), groups: CHANNEL_GROUPS.join(", ") },
      };
}
