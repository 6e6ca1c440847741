import { describe, expect, it } from "vitest";
import {
  CHANNEL_GROUPS,
  DEFAULT_CHANNEL_GROUPS,
  channelKey,
  groupOfChannel,
  keysOfGroup,
  keysOfScope,
  mappedKeys,
  parseGroupArgument,
} from "./channel-groups";

describe("channel groups", () => {
  it('matches case- and space-insensitively: "Google Ads " is paid', () => {
    const none = new Map();
    for (const name of ["Google Ads ", "google_ads", "GOOGLE-ADS", " google ads", "GoogleAds"])
      expect(groupOfChannel(name, none), name).toBe("paid");
    expect(groupOfChannel("Mystery Network", none)).toBeNull();
    expect(channelKey("Yandex  Direct\u00a0")).toBe("yandexdirect");
  });

  it("a workspace's own mapping wins over the default, and moves the channel out of its default group", () => {
    const overrides = new Map([
      ["googleads", "other" as const],
      ["mysterynetwork", "paid" as const],
    ]);
    expect(groupOfChannel("Google Ads", overrides)).toBe("other");
    expect(keysOfGroup("paid", overrides)).toContain("mysterynetwork");
    expect(keysOfGroup("paid", overrides)).not.toContain("googleads");
    expect(keysOfGroup("other", overrides)).toContain("googleads");
    expect(mappedKeys(overrides)).toContain("mysterynetwork");
    expect(keysOfScope("vk_ads", overrides)).toEqual(["vkads"]);
  });

  it("every default group exists and no default channel is in two groups", () => {
    const seen = new Map<string, string>();
    for (const group of CHANNEL_GROUPS) {
      for (const name of DEFAULT_CHANNEL_GROUPS[group]) {
        expect(seen.get(channelKey(name)), `${name} in ${group} and ${seen.get(channelKey(name))}`).toBeUndefined();
        seen.set(channelKey(name), group);
      }
    }
    expect(seen.size).toBeGreaterThan(30);
    for (const name of ["google_ads", "yandex_direct", "vk_ads", "meta_ads"])
      expect(seen.get(channelKey(name))).toBe("paid");
  });

  it("checks a group argument", () => {
    expect(parseGroupArgument(" Paid ")).toEqual({ ok: true, group: "paid" });
    expect(parseGroupArgument(null)).toEqual({ ok: true, group: null });
    expect(parseGroupArgument("influencers").ok).toBe(false);
  });
});
