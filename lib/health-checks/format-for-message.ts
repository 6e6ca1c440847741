import Decimal from "decimal.js";
import type { KpiOwner } from "@/lib/scorecards/types";

/**
 * Minimal number formatting for health-check messages (the UI formats the raw
 * figures itself): two decimals at most, decimal comma in Russian.
 */
export function formatNumber(value: Decimal, locale: "ru" | "en"): string {
  const text = value.toDecimalPlaces(2).toString();
  return locale === "ru" ? text.replace(".", ",") : text;
}

/** A ratio as a percentage with one decimal: 0.123 → "12.3%" / "12,3%". */
export function formatPercent(value: Decimal, locale: "ru" | "en"): string {
  const text = value.times(100).toDecimalPlaces(1).toString();
  return `${locale === "ru" ? text.replace(".", ",") : text}%`;
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
