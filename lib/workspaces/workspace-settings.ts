import { z } from "zod";

/**
 * The rules for workspace settings (SPEC §2.1), shared by signUp, createWorkspace and
 * updateWorkspace, the GraphQL validation plugin and the web forms.
 */
export const LOCALES = ["ru", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** ISO 4217 codes this runtime can format (Intl), e.g. "RUB", "USD", "EUR". */
export const CURRENCIES: readonly string[] = Intl.supportedValuesOf("currency");
const CURRENCY_SET = new Set(CURRENCIES);

/** IANA time zones known to this runtime, plus "UTC" (Intl lists only canonical zones). */
export const TIME_ZONES: readonly string[] = [...Intl.supportedValuesOf("timeZone"), "UTC"];
const TIME_ZONE_BY_LOWER = new Map(TIME_ZONES.map((tz) => [tz.toLowerCase(), tz]));

/**
 * Defaults when sign-up leaves a setting out: the workspace speaks the person's language
 * (en unless "ru"), counts money in roubles for ru and US dollars otherwise, and keeps days
 * in UTC until someone picks a zone (the web form pre-fills the browser's zone).
 */
export function defaultSettings(locale: Locale | undefined): { locale: Locale; currency: string; timeZone: string } {
  const l = locale ?? "en";
  return { locale: l, currency: l === "ru" ? "RUB" : "USD", timeZone: "UTC" };
}

export const workspaceNameSchema = z
  .string()
  .trim()
  .min(1, "Workspace name is required")
  .max(80, "Workspace name must be at most 80 characters");

export const currencySchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .refine((s) => CURRENCY_SET.has(s), "Unknown currency: use an ISO 4217 code such as RUB, USD or EUR");

export const timeZoneSchema = z
  .string()
  .trim()
  .refine((s) => TIME_ZONE_BY_LOWER.has(s.toLowerCase()), "Unknown time zone: use an IANA name such as Europe/Moscow or UTC")
  .transform((s) => TIME_ZONE_BY_LOWER.get(s.toLowerCase())!);

export const localeSchema = z.enum(LOCALES, { error: 'Locale must be "ru" or "en"' });

export const fiscalYearStartMonthSchema = z
  .number()
  .int()
  .min(1, "Fiscal year start month must be 1–12")
  .max(12, "Fiscal year start month must be 1–12");

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,46}[a-z0-9])$/;

export const slugSchema = z
  .string()
  .trim()
  .transform((s) => s.toLowerCase())
  .refine(
    (s) => SLUG_PATTERN.test(s) && !s.includes("--"),
    "Slug must be 3–48 characters: lowercase letters, digits and single hyphens, starting and ending with a letter or digit",
  )
  // The app's URLs also open a workspace by its id when two a person can see share a slug
  // (app/(app)/_lib/load.ts): a slug never looks like one.
  .refine((s) => !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(s), "A slug cannot have the form of an id");

/** An input as callers hold it: `locale` is any string until the schema has checked it. */
export type LooseSettings<T> = Omit<T, "locale"> & { locale?: string | null };
