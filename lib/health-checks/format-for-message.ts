import Decimal from "decimal.js";
import { formatNumber as formatLocaleNumber, formatPercent as formatLocalePercent } from "@/lib/i18n/format";
import type { KpiOwner } from "@/lib/scorecards/types";

/**
 * Numbers in health-check messages, formatted like every other figure (lib/i18n/format.ts,
 * exact decimal strings through Intl): two decimals at most, digit groups and decimal comma
 * by locale — 5425.5 → "5,425.5" / "5 425,5".
 */
export function formatNumber(value: Decimal, locale: "ru" | "en"): string {
  return formatLocaleNumber(value.toDecimalPlaces(2).toFixed(), locale);
}

/** A ratio as a percentage with one decimal: 0.123 → "12.3%" / "12,3 %". */
export function formatPercent(value: Decimal, locale: "ru" | "en"): string {
  return formatLocalePercent(value.toFixed(), locale);
}

export const OWNER_LABELS: Readonly<Record<KpiOwner, { ru: string; en: string }>> = {
  COMPANY: { ru: "Компания", en: "Company" },
  OWNER: { ru: "Владелец", en: "Owner" },
  ADMIN: { ru: "Администратор", en: "Admin" },
  CMO: { ru: "Директор по маркетингу", en: "CMO" },
  PERFORMANCE: { ru: "Performance-маркетолог", en: "Performance marketer" },
  SMM: { ru: "SMM-специалист", en: "SMM" },
  CONTENT: { ru: "Контент-маркетолог", en: "Content marketer" },
  SALES: { ru: "Продажи", en: "Sales" },
  CLIENT_VIEWER: { ru: "Клиент", en: "Client viewer" },
};
