import { z } from "zod";
import { ue } from "@/lib/errors/user-errors";

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
  .min(1, ue("WORKSPACE_NAME_REQUIRED"))
  .max(80, ue("WORKSPACE_NAME_TOO_LONG"));

export const currencySchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .refine((s) => CURRENCY_SET.has(s), ue("UNKNOWN_CURRENCY_CODE"));

export const timeZoneSchema = z
  .string()
  .trim()
  .refine((s) => TIME_ZONE_BY_LOWER.has(s.toLowerCase()), ue("UNKNOWN_TIME_ZONE"))
  .transform((s) => TIME_ZONE_BY_LOWER.get(s.toLowerCase())!);

export const localeSchema = z.enum(LOCALES, { error: ue("LOCALE_CHOICE") });

export const fiscalYearStartMonthSchema = z
  .number()
  .int()
  .min(1, ue("FISCAL_MONTH_RANGE"))
  .max(12, ue("FISCAL_MONTH_RANGE"));

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,46}[a-z0-9])$/;

export const slugSchema = z
  .string()
  .trim()
  .transform((s) => s.toLowerCase())
  .refine((s) => SLUG_PATTERN.test(s) && !s.includes("--"), ue("SLUG_FORMAT"))
  // The app's URLs also open a workspace by its id when two a person can see share a slug
  // (app/(app)/_lib/load.ts): a slug never looks like one.
  .refine((s) => !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(s), ue("SLUG_LOOKS_LIKE_ID"));

/** An input as callers hold it: `locale` is any string until the schema has checked it. */
export type LooseSettings<T> = Omit<T, "locale"> & { locale?: string | null };
