import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage, resolveLocale } from "@/lib/i18n/config";

describe("resolveLocale", () => {
  it("prefers the cookie, then the viewer, then Accept-Language, then English", () => {
    expect(resolveLocale({ cookie: "ru", viewerLocale: "en", acceptLanguage: "en" })).toBe("ru");
    expect(resolveLocale({ cookie: "xx", viewerLocale: "ru", acceptLanguage: "en" })).toBe("ru");
    expect(resolveLocale({ acceptLanguage: "de-DE,ru;q=0.8,en;q=0.5" })).toBe("ru");
    expect(resolveLocale({ acceptLanguage: "de-DE" })).toBe("en");
    expect(resolveLocale({})).toBe("en");
  });
  it("honours q-values rather than order", () => {
    expect(localeFromAcceptLanguage("en;q=0.4, ru-RU;q=0.9")).toBe("ru");
    expect(localeFromAcceptLanguage("ru;q=0")).toBeNull();
  });
});
