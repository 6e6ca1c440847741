/** Option lists shared by the sign-up, onboarding and settings forms. The server validates. */
export const CURRENCIES = [
  "RUB",
  "USD",
  "EUR",
  "GBP",
  "KZT",
  "BYN",
  "UAH",
  "TRY",
  "AED",
  "CNY",
  "INR",
  "JPY",
  "CHF",
  "PLN",
  "CAD",
  "AUD",
  "BRL",
] as const;

/** IANA time zones the runtime knows, with UTC first. */
export function timeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...zones.filter((z) => z !== "UTC")];
}

export function defaultTimeZone(locale: string): string {
  return locale === "ru" ? "Europe/Moscow" : "UTC";
}

export function defaultCurrency(locale: string): string {
  return locale === "ru" ? "RUB" : "USD";
}

/** Keeps a value selectable even when it is not in the usual list (e.g. a rare currency). */
export function withValue(options: readonly string[], value: string | null | undefined): string[] {
  return value && !options.includes(value) ? [value, ...options] : [...options];
}
