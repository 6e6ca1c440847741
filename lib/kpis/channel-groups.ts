/**
 * Channel groups a KPI can be scoped to (`channelScope`): "qualified leads from social",
 * "ROMI of paid channels", "content-sourced leads". Facts carry free-text channel names, so a
 * group is a list of the names integrations and CSV templates use; any other scope is read as
 * one channel name ("google_ads"). Matching is exact and case-sensitive, like the facts' key.
 */
export const CHANNEL_GROUPS: Readonly<Record<string, readonly string[]>> = {
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
  social: ["social", "vk", "telegram", "instagram", "facebook", "tiktok", "youtube", "linkedin", "x", "ok", "dzen", "smm"],
  content: ["content", "blog", "seo", "organic", "email", "newsletter", "webinar", "podcast"],
};

const CHANNEL_NAME = /^[A-Za-z0-9_.:\-]{1,64}$/;

/** The channel names a scope reads: a group's members, or the scope itself as one channel. */
export function channelsOfScope(scope: string): readonly string[] {
  return CHANNEL_GROUPS[scope] ?? [scope];
}

/** A scope must be a group or a plausible channel name. */
export function isValidChannelScope(scope: string): boolean {
  return Object.hasOwn(CHANNEL_GROUPS, scope) || CHANNEL_NAME.test(scope);
}
