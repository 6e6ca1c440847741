import { MISSING, formatMoney, formatNumber, formatPercent, numberFormat } from "@/lib/i18n/format";

/**
 * Units of the API (MetricUnit): ratios are fractions; the UI formats them. MULTIPLE is a
 * RATIO the catalog marks `multiple` (LTV:CAC 3.2×) — catalogMap sets it from the API.
 */
export type MetricUnit = "COUNT" | "MONEY" | "MONTHS" | "RATIO" | "MULTIPLE";
export type KpiStatus = "ON_TRACK" | "AT_RISK" | "OFF_TRACK" | "NO_DATA" | "NO_TARGET";
export type Direction = "HIGHER" | "LOWER" | "RANGE";

export interface MetricInfo {
  key: string;
  unit: MetricUnit;
  nameEn: string;
  nameRu: string;
  direction: "HIGHER" | "LOWER" | null;
  class: "PROCESS" | "RESULT" | null;
  kind?: "MEASURE" | "METRIC";
  /** The catalog's "multiple" trait (LTV:CAC, pipeline coverage); catalogMap folds it into `unit`. */
  multiple?: boolean;
}

export interface FormatContext {
  locale: string;
  currency: string;
}

type Numeric = string | number | null | undefined;

export function toNumber(value: Numeric): number | null {
  if (value === null || value === undefined || value === "") return null;
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/** A metric value in its unit: money in the workspace currency, ratios as percents or multiples. */
export function formatValue(
  value: Numeric,
  unit: MetricUnit | undefined,
  metricKey: string,
  ctx: FormatContext,
  opts: { compact?: boolean } = {},
): string {
  if (value === null || value === undefined) return MISSING;
  const n = toNumber(value);
  if (n === null) return MISSING;
  if (opts.compact && Math.abs(n) >= 10_000 && unit !== "RATIO" && unit !== "MULTIPLE") {
    const compact = numberFormat(ctx.locale, {
      notation: "compact",
      maximumFractionDigits: 1,
      ...(unit === "MONEY" ? { style: "currency", currency: ctx.currency } : {}),
    });
    return compact.format(n);
  }
  switch (unit) {
    case "MONEY":
      return formatMoney(value, ctx.currency, ctx.locale, {
        maximumFractionDigits: Math.abs(n) >= 1000 ? 0 : 2,
        minimumFractionDigits: 0,
      });
    case "MULTIPLE":
      // "LTV:CAC 3.2×" is how the seeds say it ("LTV must be at least 3 × CAC").
      return `${formatNumber(value, ctx.locale, { maximumFractionDigits: 1 })}×`;
    case "RATIO":
      return formatPercent(value, ctx.locale, { maximumFractionDigits: Math.abs(n) < 0.1 ? 2 : 1 });
    case "MONTHS":
      return numberFormat(ctx.locale, {
        style: "unit",
        unit: "month",
        unitDisplay: "short",
        maximumFractionDigits: 1,
      }).format(n);
    case "COUNT":
    default:
      return formatNumber(value, ctx.locale, {
        maximumFractionDigits: Math.abs(n) >= 100 || Number.isInteger(n) ? 0 : 1,
      });
  }
}

/** A signed difference in a metric's unit ("+1 234 ₽", "−0.4 pp" is left to the caller). */
export function formatSignedValue(
  value: Numeric,
  unit: MetricUnit | undefined,
  metricKey: string,
  ctx: FormatContext,
): string {
  const n = toNumber(value);
  if (n === null) return MISSING;
  const abs = formatValue(Math.abs(n), unit, metricKey, ctx);
  return n > 0 ? `+${abs}` : n < 0 ? `−${abs}` : abs;
}

export function metricName(info: MetricInfo | undefined, key: string, locale: string): string {
  if (!info) return key;
  return locale === "ru" ? info.nameRu || info.nameEn : info.nameEn;
}

export type Tone = "ok" | "warn" | "bad" | "neutral";

export function statusTone(status: KpiStatus | null | undefined): Tone {
  switch (status) {
    case "ON_TRACK":
      return "ok";
    case "AT_RISK":
      return "warn";
    case "OFF_TRACK":
      return "bad";
    default:
      return "neutral";
  }
}

/** The catalog by key; a ratio the catalog marks `multiple` gets the MULTIPLE unit (formatted "3.2×"). */
export function catalogMap(entries: MetricInfo[]): Map<string, MetricInfo> {
  return new Map(
    entries.map((e) => [e.key, e.multiple && e.unit === "RATIO" ? { ...e, unit: "MULTIPLE" as const } : e]),
  );
}

/**
 * Channel groups and the channel names integrations use, as a person reads them (SPEC §10).
 * Any other channel is the customer's own name and is shown as their data spells it.
 */
const CHANNEL_LABELS: Readonly<Record<string, { ru: string; en: string }>> = {
  paid: { ru: "платные каналы", en: "paid channels" },
  social: { ru: "соцсети", en: "social" },
  content: { ru: "контент", en: "content" },
  google_ads: { ru: "Google Ads", en: "Google Ads" },
  yandex_direct: { ru: "Яндекс Директ", en: "Yandex Direct" },
  vk_ads: { ru: "VK Реклама", en: "VK Ads" },
  telegram_ads: { ru: "Telegram Ads", en: "Telegram Ads" },
  meta_ads: { ru: "Meta Ads", en: "Meta Ads" },
  mytarget: { ru: "myTarget", en: "myTarget" },
  seo: { ru: "SEO", en: "SEO" },
  email: { ru: "e-mail рассылки", en: "e-mail" },
  blog: { ru: "блог", en: "blog" },
  organic: { ru: "органический трафик", en: "organic" },
  telegram: { ru: "Telegram", en: "Telegram" },
  vk: { ru: "ВКонтакте", en: "VK" },
  youtube: { ru: "YouTube", en: "YouTube" },
  direct: { ru: "прямые заходы", en: "direct" },
  referral: { ru: "переходы с сайтов", en: "referral" },
  newsletter: { ru: "рассылка", en: "newsletter" },
  webinar: { ru: "вебинары", en: "webinars" },
  sales: { ru: "отдел продаж", en: "sales team" },
  crm: { ru: "CRM", en: "CRM" },
  partners: { ru: "партнёры", en: "partners" },
  survey: { ru: "опросы", en: "surveys" },
};

/** A channel or channel group by name ("paid" → "платные каналы"); unknown names as they are. */
export function channelLabel(channel: string, locale: string): string {
  const label = CHANNEL_LABELS[channel];
  return label ? (locale === "ru" ? label.ru : label.en) : channel;
}

/** A KPI as a person reads it: its metric's name, with its channel scope when it has one. */
export function kpiLabel(
  kpi: { metricKey: string; channelScope?: string | null },
  catalog: ReadonlyMap<string, MetricInfo>,
  locale: string,
): string {
  const name = metricName(catalog.get(kpi.metricKey), kpi.metricKey, locale);
  return kpi.channelScope ? `${name} (${channelLabel(kpi.channelScope, locale)})` : name;
}
