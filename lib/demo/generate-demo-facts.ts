import type { MetricRowInput } from "@/lib/ingestion/validate-metric-rows";
import { addDays, utcToday } from "@/lib/metric-store/calendar-date";

/**
 * A deterministic, realistic marketing dataset for the demo workspace (and benchmarks):
 * 6 channels × 5 campaigns, two years of days, yearly and weekly seasonality and growth,
 * funnels with believable ratios (impressions → clicks → sessions → leads → qualified →
 * opportunities → deals, revenue = deals × deal size) — paid search pays back, VK ads and
 * Telegram do not, the blog and email are cheap and profitable — plus social audience, content,
 * branded search, NPS answers and the customer base (active stock, churn).
 *
 * Determinism: every (date, channel, campaign) draws from its own PRNG seeded by a hash of
 * the seed and those names, so a day's values never depend on the window generated — loading
 * the demo again tomorrow changes nothing already loaded, it only adds the new day.
 */
export interface DemoOptions {
  /** Last day (default yesterday, UTC). */
  endDate?: string;
  /** Days generated, ending at endDate (default 730 = two years). */
  days?: number;
  seed?: number;
  /** Campaigns per channel (default 5 → 30 campaigns). Benchmarks raise it for volume. */
  campaignsPerChannel?: number;
  /** The workspace's reporting currency: money is scaled to it (demoCurrencyScale; default RUB). */
  currency?: string;
}

interface ChannelModel {
  channel: string;
  kind: "paid" | "social" | "content" | "email";
  /** Daily spend per campaign (₽) at the base level. */
  spend: number;
  cpm: number;
  ctr: number;
  /** sessions → leads */
  conversion: number;
  qualified: number;
  opportunity: number;
  win: number;
  dealSize: number;
  campaignNames: string[];
}

// Funnels tuned so the company tells one story (issue 11): leads convert to deals at about
// the 20 % quality gate overall (paid search and owned channels above it, VK ads and Telegram
// well below), VK ads and Telegram lose money while search, the blog and email pay back, and —
// with the demo's 40 % gross margin and ≈ 9 % monthly churn — LTV:CAC sits between 3 and 6
// under the time-normalised rule (LTV = deal size × margin ÷ monthly churn).
const CHANNELS: ChannelModel[] = [
  {
    channel: "google_ads",
    kind: "paid",
    spend: 8000,
    cpm: 1800,
    ctr: 0.04,
    conversion: 0.0035,
    qualified: 0.75,
    opportunity: 0.6,
    win: 0.5,
    dealSize: 85000,
    campaignNames: ["brand_search", "generic_search", "competitors", "remarketing", "performance_max"],
  },
  {
    channel: "yandex_direct",
    kind: "paid",
    spend: 7000,
    cpm: 1500,
    ctr: 0.05,
    conversion: 0.0024,
    qualified: 0.7,
    opportunity: 0.6,
    win: 0.48,
    dealSize: 80000,
    campaignNames: ["search_brand", "search_generic", "rsya_retargeting", "rsya_lookalike", "master_campaign"],
  },
  {
    channel: "vk_ads",
    kind: "paid",
    spend: 6000,
    cpm: 200,
    ctr: 0.008,
    conversion: 0.00075,
    qualified: 0.4,
    opportunity: 0.5,
    win: 0.4,
    dealSize: 55000,
    campaignNames: ["feed_awareness", "lead_forms", "video_views", "lookalike_buyers", "community_promo"],
  },
  {
    channel: "telegram",
    kind: "social",
    spend: 4000,
    cpm: 250,
    ctr: 0.009,
    conversion: 0.00073,
    qualified: 0.45,
    opportunity: 0.5,
    win: 0.44,
    dealSize: 60000,
    campaignNames: ["tg_ads_it", "tg_ads_marketing", "channel_posts", "partner_posts", "bot_funnel"],
  },
  {
    channel: "blog",
    kind: "content",
    spend: 1500,
    cpm: 0,
    ctr: 0,
    conversion: 0.0016,
    qualified: 0.8,
    opportunity: 0.6,
    win: 0.52,
    dealSize: 90000,
    campaignNames: ["blog", "case_studies", "glossary", "webinars", "landing_pages"],
  },
  {
    channel: "email",
    kind: "email",
    spend: 2500,
    cpm: 0,
    ctr: 0,
    conversion: 0.0049,
    qualified: 0.8,
    opportunity: 0.65,
    win: 0.54,
    dealSize: 85000,
    campaignNames: ["newsletter", "nurture", "onboarding", "winback", "promo"],
  },
];

/** The demo campaigns' names as a Russian advertiser names them in the ad accounts. */
const CAMPAIGN_NAMES: Readonly<Record<string, string>> = {
  brand_search: "Бренд — поиск",
  generic_search: "Общий поиск",
  competitors: "Конкуренты",
  remarketing: "Ремаркетинг",
  performance_max: "Максимальная эффективность",
  search_brand: "Поиск — бренд",
  search_generic: "Поиск — общие запросы",
  rsya_retargeting: "РСЯ — ретаргетинг",
  rsya_lookalike: "РСЯ — похожие аудитории",
  master_campaign: "Мастер кампаний",
  feed_awareness: "Лента — охват",
  lead_forms: "Лид-формы",
  video_views: "Просмотры видео",
  lookalike_buyers: "Похожие покупатели",
  community_promo: "Продвижение сообщества",
  tg_ads_it: "Реклама в Telegram — IT",
  tg_ads_marketing: "Реклама в Telegram — маркетинг",
  channel_posts: "Посты в канале",
  partner_posts: "Посты партнёров",
  bot_funnel: "Воронка в боте",
  blog: "Блог",
  case_studies: "Кейсы",
  glossary: "Глоссарий",
  webinars: "Вебинары",
  landing_pages: "Посадочные страницы",
  newsletter: "Рассылка",
  nurture: "Прогрев",
  onboarding: "Онбординг",
  winback: "Возврат клиентов",
  promo: "Акции",
};

export const DEMO_CHANNELS = CHANNELS.map((c) => c.channel);
/** Share of active customers lost per day: ≈ 9.1 % a month (× 30.4375), a lifetime of about 11 months. */
const DAILY_CHURN = 0.003;
/** The demo company's gross margin (a services business): LTV and ROMI on gross profit read it. */
export const DEMO_GROSS_MARGIN = "0.4";

/**
 * Money in the demo is written in roubles and scaled to the workspace's currency by a rough
 * number of units per rouble, so a USD workspace sees a CAC of about $900, not $80 000.
 * Unknown currencies are treated like USD.
 */
const UNITS_PER_RUB: Readonly<Record<string, number>> = {
  RUB: 1,
  USD: 1 / 90,
  EUR: 1 / 100,
  GBP: 1 / 115,
  CHF: 1 / 100,
  KZT: 5,
  BYN: 1 / 28,
  UAH: 0.45,
  CNY: 0.08,
  JPY: 1.6,
  INR: 0.92,
  TRY: 0.35,
  AMD: 4.3,
  GEL: 0.03,
  UZS: 140,
};
export function demoCurrencyScale(currency: string): number {
  return UNITS_PER_RUB[currency] ?? UNITS_PER_RUB.USD;
}
const MONEY = new Set(["spend", "sales_cost", "revenue", "pipeline_value"]);
export const DEFAULT_DEMO_SEED = 20_261_126;

/** Generates the rows in date order; a 2-year default yields about 200 000 rows. */
export function generateDemoFacts(options: DemoOptions = {}): MetricRowInput[] {
  const out: MetricRowInput[] = [];
  for (const row of demoFacts(options)) out.push(row);
  return out;
}

export function* demoFacts(options: DemoOptions = {}): Generator<MetricRowInput> {
  const scale = demoCurrencyScale(options.currency ?? "RUB");
  if (scale === 1) {
    yield* rubleFacts(options);
    return;
  }
  for (const r of rubleFacts(options)) {
    if (!MONEY.has(r.measure)) yield r;
    else {
      const value = round2(Number(r.value) * scale);
      if (value !== 0) yield { ...r, value: Number.isInteger(value) ? String(value) : value.toFixed(2) };
    }
  }
}

function* rubleFacts(options: DemoOptions): Generator<MetricRowInput> {
  const end = options.endDate ?? utcToday(-1);
  const days = options.days ?? 730;
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const perChannel = options.campaignsPerChannel ?? 5;
  for (let d = days - 1; d >= 0; d--) {
    const date = addDays(end, -d);
    const season = seasonality(date);
    for (const model of CHANNELS) {
      for (let c = 0; c < perChannel; c++) {
        const base = model.campaignNames[c % model.campaignNames.length];
        const round = Math.floor(c / model.campaignNames.length) + 1;
        const campaignKey = c < model.campaignNames.length ? base : `${base}_${round}`;
        // The draw is seeded by the stable key (figures do not change); the fact carries the
        // campaign's name as an advertiser writes it (SPEC §10: no snake_case keys on pages).
        const campaign =
          c < model.campaignNames.length ? (CAMPAIGN_NAMES[base] ?? base) : `${CAMPAIGN_NAMES[base] ?? base} ${round}`;
        const rng = prng(hash(`${seed}|${date}|${model.channel}|${campaignKey}`));
        // Campaigns take breaks: some run only part of the year.
        if (c % 5 === 3 && !isActiveSeason(date, c)) continue;
        yield* campaignDay(date, model, campaign, c, season, rng);
      }
      // Channel-level audience stock.
      if (model.kind === "social" || model.channel === "vk_ads") {
        const rng = prng(hash(`${seed}|${date}|${model.channel}|followers`));
        const base = model.kind === "social" ? 18000 : 42000;
        const followers = Math.round(base * growth(date) * (1 + 0.01 * (rng() - 0.5)));
        yield row(date, model.channel, "", "followers", followers);
      }
    }
    yield* companyDay(date, season, prng(hash(`${seed}|${date}|company`)));
  }
}

function* campaignDay(
  date: string,
  m: ChannelModel,
  campaign: string,
  index: number,
  season: number,
  rng: () => number,
): Generator<MetricRowInput> {
  // Campaign weight: the first campaigns of a channel carry more budget.
  const weight = [1.6, 1.2, 1, 0.7, 0.5][index % 5] * (1 + 0.1 * Math.floor(index / 5));
  const noise = () => 0.85 + 0.3 * rng();
  const spend = round2(m.spend * weight * season * noise());
  const rows: MetricRowInput[] = [];
  let sessions = 0;
  if (m.kind === "paid" || m.kind === "social") {
    const impressions = Math.round((spend / m.cpm) * 1000 * noise());
    const clicks = binomial(rng, impressions, m.ctr * noise());
    sessions = binomial(rng, clicks, 0.92);
    rows.push(
      row(date, m.channel, campaign, "spend", spend),
      row(date, m.channel, campaign, "impressions", impressions),
      row(date, m.channel, campaign, "clicks", clicks),
    );
    if (m.kind === "social") {
      const reach = Math.round(impressions * (0.55 + 0.1 * rng()));
      rows.push(
        row(date, m.channel, campaign, "reach", reach),
        row(date, m.channel, campaign, "engagements", binomial(rng, reach, 0.035)),
      );
      if (rng() < 0.6) rows.push(row(date, m.channel, campaign, "posts_published", 1 + Math.floor(rng() * 2)));
    }
  } else if (m.kind === "content") {
    sessions = Math.round(160 * weight * season * growth(date) * noise());
    rows.push(
      row(date, m.channel, campaign, "spend", round2(spend)),
      row(date, m.channel, campaign, "content_views", Math.round(sessions * 1.7)),
    );
    rows.push(row(date, m.channel, campaign, "branded_sessions", binomial(rng, sessions, (0.18 * growth(date)) / 1.3)));
    if (rng() < 0.25) rows.push(row(date, m.channel, campaign, "content_published", 1));
  } else {
    // Email: sends on Tuesdays and Thursdays; clicks arrive on the send day.
    rows.push(row(date, m.channel, campaign, "spend", spend));
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday === 2 || weekday === 4) {
      const sent = Math.round(12000 * weight * growth(date) * noise());
      const opens = binomial(rng, sent, 0.24);
      const clicks = binomial(rng, opens, 0.13);
      sessions = binomial(rng, clicks, 0.9);
      rows.push(
        row(date, m.channel, campaign, "email_sent", sent),
        row(date, m.channel, campaign, "email_opens", opens),
        row(date, m.channel, campaign, "email_clicks", clicks),
      );
    }
  }
  if (sessions > 0) {
    const leads = binomial(rng, sessions, m.conversion);
    const qualified = binomial(rng, leads, m.qualified);
    const opportunities = binomial(rng, qualified, m.opportunity);
    const deals = binomial(rng, opportunities, m.win);
    let revenue = 0;
    for (let i = 0; i < deals; i++) revenue += Math.round((m.dealSize * (0.6 + 0.8 * rng())) / 100) * 100;
    let pipeline = 0;
    for (let i = 0; i < opportunities; i++) pipeline += Math.round((m.dealSize * (0.8 + 0.8 * rng())) / 100) * 100;
    rows.push(
      row(date, m.channel, campaign, "sessions", sessions),
      row(date, m.channel, campaign, "bounces", binomial(rng, sessions, 0.42)),
    );
    rows.push(
      row(date, m.channel, campaign, "leads", leads),
      row(date, m.channel, campaign, "qualified_leads", qualified),
    );
    rows.push(
      row(date, m.channel, campaign, "opportunities", opportunities),
      row(date, m.channel, campaign, "deals_won", deals),
    );
    rows.push(
      row(date, m.channel, campaign, "revenue", revenue),
      row(date, m.channel, campaign, "pipeline_value", pipeline),
    );
  }
  // Zero flows add nothing; leaving them out keeps the demo light (stocks are never zero here).
  for (const r of rows) if (r.value !== "0") yield r;
}

function* companyDay(date: string, season: number, rng: () => number): Generator<MetricRowInput> {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  const workday = weekday !== 0 && weekday !== 6;
  if (workday) yield row(date, "sales", "", "sales_cost", round2(42000 * season * (0.9 + 0.2 * rng())));
  const active = Math.round(1500 * growth(date) * (1 + 0.004 * (rng() - 0.5)));
  yield row(date, "crm", "", "customers_active", active);
  const churned = binomial(rng, active, DAILY_CHURN);
  if (churned > 0) yield row(date, "crm", "", "customers_churned", churned);
  const answers = workday ? 4 + Math.floor(rng() * 8) : Math.floor(rng() * 3);
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (let i = 0; i < answers; i++) {
    const x = rng();
    if (x < 0.56) promoters++;
    else if (x < 0.85) passives++;
    else detractors++;
  }
  if (promoters) yield row(date, "survey", "", "nps_promoters", promoters);
  if (passives) yield row(date, "survey", "", "nps_passives", passives);
  if (detractors) yield row(date, "survey", "", "nps_detractors", detractors);
}

/** Yearly wave (peak in October–November, dip in summer and New Year) × weekly rhythm × growth. */
function seasonality(date: string): number {
  const t = new Date(`${date}T00:00:00Z`);
  const dayOfYear = (t.getTime() - Date.UTC(t.getUTCFullYear(), 0, 1)) / 86_400_000;
  const yearly = 1 + 0.22 * Math.cos(((dayOfYear - 305) / 365) * 2 * Math.PI);
  const newYear = dayOfYear < 8 || dayOfYear > 360 ? 0.55 : 1;
  const weekday = t.getUTCDay();
  const weekly = weekday === 0 || weekday === 6 ? 0.6 : 1.08;
  return yearly * newYear * weekly * growth(date);
}

/** 25 % a year of growth, 1 on 2025-01-01 (a fixed anchor, so a day's level never depends on the window). */
function growth(date: string): number {
  const years = (Date.parse(`${date}T00:00:00Z`) - Date.UTC(2025, 0, 1)) / (365.25 * 86_400_000);
  return Math.pow(1.25, years);
}

function isActiveSeason(date: string, index: number): boolean {
  const month = Number(date.slice(5, 7));
  return index % 2 === 1 ? month >= 3 && month <= 11 : month <= 6 || month >= 9;
}

function row(date: string, channel: string, campaign: string, measure: string, value: number): MetricRowInput {
  return { date, channel, campaign, measure, value: Number.isInteger(value) ? String(value) : value.toFixed(2) };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Successes in n trials of probability p: exact for small n, normal approximation above. */
function binomial(rng: () => number, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (n < 40) {
    let k = 0;
    for (let i = 0; i < n; i++) if (rng() < p) k++;
    return k;
  }
  const mean = n * p;
  const sd = Math.sqrt(n * p * (1 - p));
  const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  return Math.min(n, Math.max(0, Math.round(mean + sd * z)));
}

/** mulberry32: tiny, fast, good enough for demo data (not for anything secret). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** FNV-1a, 32 bits. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
