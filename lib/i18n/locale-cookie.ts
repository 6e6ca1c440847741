import { LOCALE_COOKIE, type Locale } from "./config";

/** Remembers the UI locale in the browser (read back by app/_i18n/request.ts on the server). */
export function setLocaleCookie(locale: Locale) {
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax`;
}
