import "server-only";
import { readCookie } from "@/lib/auth/session-cookie";
import { LOCALE_COOKIE, type Locale, resolveLocale } from "./config";

/**
 * The language of a request's error messages, chosen like a page's (lib/i18n/request.ts): the
 * locale cookie the switcher sets, else the signed-in person's setting, else Accept-Language,
 * else English.
 */
export function requestLocale(
  headers: { get(name: string): string | null },
  viewerLocale: string | null = null,
): Locale {
  return resolveLocale({
    cookie: readCookie(headers.get("cookie"), LOCALE_COOKIE),
    viewerLocale,
    acceptLanguage: headers.get("accept-language"),
  });
}
