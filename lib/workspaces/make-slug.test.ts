import { describe, expect, it } from "vitest";
import { SLUG_PATTERN } from "./workspace-settings";
import { makeSlug, slugCandidate } from "./make-slug";

describe("makeSlug", () => {
  it("transliterates Cyrillic", () => {
    expect(makeSlug("Ромашка")).toBe("romashka");
    expect(makeSlug("ООО «Щука и Ёж»")).toBe("ooo-shchuka-i-ezh");
  });

  it("strips diacritics and punctuation", () => {
    expect(makeSlug("Café Crème & Co.")).toBe("cafe-creme-co");
  });

  it("pads short names and falls back for empty ones", () => {
    expect(makeSlug("X")).toBe("x-workspace");
    expect(makeSlug("!!!")).toBe("workspace");
    expect(makeSlug("日本")).toBe("workspace");
  });

  it("always yields a valid slug", () => {
    for (const name of ["a".repeat(200), "-- Acme --", "Ромашка 2026", "Ab"]) {
      expect(makeSlug(name)).toMatch(SLUG_PATTERN);
      expect(slugCandidate(makeSlug(name), 12)).toMatch(SLUG_PATTERN);
    }
  });
});
