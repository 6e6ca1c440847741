import Decimal from "decimal.js";
import { formatNumber as formatLocaleNumber, formatPercent as formatLocalePercent } from "@/lib/i18n/format";
import { getMetricDefinition } from "@/lib/metrics/catalog";
import { getBaseMeasure } from "@/lib/metrics/measures";
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

/**
 * Names of channel groups a KPI can be scoped to (lib/kpis/channel-groups.ts); any other scope
 * is one channel's own name, shown as the data spells it.
 */
const CHANNEL_GROUP_LABELS: Readonly<Record<string, { ru: string; en: string }>> = {
  paid: { ru: "платные каналы", en: "paid channels" },
  social: { ru: "соцсети", en: "social" },
  content: { ru: "контент", en: "content" },
};

/** A channel scope as a person reads it: "paid" → "платные каналы" / "paid channels". */
export function channelScopeLabel(scope: string): { ru: string; en: string } {
  return CHANNEL_GROUP_LABELS[scope] ?? { ru: scope, en: scope };
}

/**
 * The name of a metric or measure in both languages: the catalog's, a base measure's, or a
 * custom one's from `custom` (the workspace's definitions). Health-check messages, audit
 * sentences and planner proposals say names, never keys (SPEC §10); a key nothing names is
 * shown as words ("deals_won" → "deals won").
 */
export function metricLabel(
  key: string,
  custom?: ReadonlyMap<string, { ru: string; en: string }>,
): { ru: string; en: string } {
  const name = getMetricDefinition(key)?.name ?? getBaseMeasure(key)?.name ?? custom?.get(key);
  if (name) return { ru: name.ru, en: name.en };
  const words = key.replace(/[_.]+/g, " ");
  return { ru: words, en: words };
}

/** A KPI as a person reads it: its metric's name, with the channel scope when it has one. */
export function kpiLabel(
  kpi: { metricKey: string; channelScope?: string | null },
  custom?: ReadonlyMap<string, { ru: string; en: string }>,
): { ru: string; en: string } {
  const name = metricLabel(kpi.metricKey, custom);
  if (!kpi.channelScope) return name;
  const scope = channelScopeLabel(kpi.channelScope);
  return { ru: `${name.ru} (${scope.ru})`, en: `${name.en} (${scope.en})` };
}
