import { BASE_MEASURES, type MeasureDefinition } from "@/lib/metrics/measures";
import { type DimensionTarget, IGNORE, type ImportMapping, normalizeHeader } from "./import-mapping";

/**
 * Header words in Russian and English for the dimensions and every base measure of SPEC
 * §4.1 (the catalog's own key and names are added automatically). Compared after
 * normalizeHeader, so case, "ё", units and punctuation do not matter.
 */
const DIMENSION_ALIASES: Record<DimensionTarget, string[]> = {
  date: ["date", "day", "дата", "день", "период", "date day"],
  channel: ["channel", "source", "канал", "источник", "площадка", "source medium", "utm source"],
  campaign: ["campaign", "campaign name", "кампания", "рекламная кампания", "название кампании", "utm campaign"],
  measure: ["measure", "metric", "показатель", "метрика", "мера"],
  value: ["value", "значение", "величина", "количество"],
  currency: ["currency", "currency code", "валюта", "код валюты"],
};

const MEASURE_ALIASES: Record<string, string[]> = {
  spend: [
    "spend",
    "cost",
    "costs",
    "ad spend",
    "amount spent",
    "marketing spend",
    "расход",
    "расходы",
    "затраты",
    "стоимость",
    "бюджет",
    "расход на рекламу",
  ],
  sales_cost: ["sales cost", "cost of sales", "расходы продаж", "затраты на продажи", "расходы на продажи"],
  impressions: ["impressions", "impr", "показы", "показов"],
  reach: ["reach", "охват"],
  clicks: ["clicks", "клики", "кликов", "переходы"],
  sessions: ["sessions", "visits", "сеансы", "визиты", "сессии"],
  bounces: ["bounces", "отказы"],
  leads: ["leads", "лиды", "заявки", "лидов"],
  qualified_leads: ["qualified leads", "mql", "sql", "квал лиды", "квалифицированные лиды", "целевые лиды"],
  opportunities: ["opportunities", "opps", "сделки в воронке", "возможности"],
  deals_won: [
    "deals",
    "deals won",
    "won deals",
    "new customers",
    "customers won",
    "сделки",
    "продажи",
    "новые клиенты",
    "выигранные сделки",
  ],
  revenue: ["revenue", "income", "sales revenue", "выручка", "доход", "доходы"],
  pipeline_value: ["pipeline", "pipeline value", "сумма сделок", "потенциальная сумма сделок", "воронка"],
  customers_active: ["active customers", "customers", "активные клиенты", "клиенты"],
  customers_churned: ["churned", "churned customers", "customers churned", "ушедшие клиенты", "отток"],
  engagements: ["engagements", "engagement", "вовлечения", "вовлеченность", "реакции", "взаимодействия"],
  followers: ["followers", "subscribers", "подписчики"],
  posts_published: ["posts", "posts published", "посты", "публикации"],
  content_published: ["content published", "content", "материалы", "опубликованные материалы", "контент"],
  content_views: ["content views", "views", "просмотры", "просмотры контента"],
  email_sent: ["emails sent", "email sent", "sent", "отправлено", "отправленные письма", "письма"],
  email_opens: ["email opens", "opens", "открытия", "открытия писем"],
  email_clicks: ["email clicks", "клики в письмах", "клики из писем"],
  nps_promoters: ["promoters", "nps promoters", "промоутеры"],
  nps_passives: ["passives", "nps passives", "нейтралы", "нейтральные"],
  nps_detractors: ["detractors", "nps detractors", "критики"],
  branded_sessions: ["branded sessions", "branded traffic", "брендовый трафик", "брендовые сеансы"],
};

/** normalized header → target; catalog keys and names included. */
function buildAliasIndex(customMeasures: readonly MeasureDefinition[]): Map<string, string> {
  const index = new Map<string, string>();
  const add = (alias: string, target: string) => {
    const key = normalizeHeader(alias);
    if (key && !index.has(key)) index.set(key, target);
  };
  for (const [target, aliases] of Object.entries(DIMENSION_ALIASES)) for (const a of aliases) add(a, target);
  for (const m of [...BASE_MEASURES, ...customMeasures]) {
    add(m.key, m.key);
    for (const a of MEASURE_ALIASES[m.key] ?? []) add(a, m.key);
    add(m.name.en, m.key);
    add(m.name.ru, m.key);
  }
  return index;
}

const defaultIndex = buildAliasIndex([]);

/** The target a header suggests, or null. */
export function suggestTarget(header: string, customMeasures: readonly MeasureDefinition[] = []): string | null {
  const index = customMeasures.length > 0 ? buildAliasIndex(customMeasures) : defaultIndex;
  return index.get(normalizeHeader(header)) ?? null;
}

/** The measure key a name in a long-layout measure column suggests ("Расход" → spend), or null. */
export function suggestMeasure(name: string, customMeasures: readonly MeasureDefinition[] = []): string | null {
  const target = suggestTarget(name, customMeasures);
  return target && !(target in DIMENSION_ALIASES) ? target : null;
}

/**
 * The closest known measure to an unknown name, for "did you mean …" in the report: an
 * alias within edit distance 2, or null.
 */
export function closestMeasure(name: string, customMeasures: readonly MeasureDefinition[] = []): string | null {
  const wanted = normalizeHeader(name);
  if (!wanted) return null;
  const index = customMeasures.length > 0 ? buildAliasIndex(customMeasures) : defaultIndex;
  let best: { target: string; distance: number } | null = null;
  for (const [alias, target] of index) {
    if (target in DIMENSION_ALIASES) continue;
    if (Math.abs(alias.length - wanted.length) > 2) continue;
    const distance = editDistance(alias, wanted);
    if (distance <= 2 && (!best || distance < best.distance)) best = { target, distance };
  }
  return best?.target ?? null;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/**
 * A suggested mapping for a header: each column gets the target its header names, the first
 * claim wins, anything unknown is ignored (and listed by the caller as "not mapped").
 * A file with both a measure and a value column is long layout: measure-named columns are
 * then ignored.
 */
export function suggestMapping(
  headers: readonly string[],
  customMeasures: readonly MeasureDefinition[] = [],
): ImportMapping {
  const targets = headers.map((h) => suggestTarget(h, customMeasures));
  const long = targets.includes("measure") && targets.includes("value");
  const taken = new Set<string>();
  const columns = targets.map((target, index) => {
    let t = target ?? IGNORE;
    if (long && t !== IGNORE && !(t in DIMENSION_ALIASES)) t = IGNORE;
    if (!long && (t === "measure" || t === "value")) t = IGNORE;
    if (t !== IGNORE && taken.has(t)) t = IGNORE;
    taken.add(t);
    return { index, target: t };
  });
  return { columns, measureAliases: [], defaultChannel: null };
}
