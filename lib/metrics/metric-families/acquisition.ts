import { ratioMetric } from "./ratio-metric";

/**
 * Paid-traffic and landing metrics (SPEC §4.2). All are process metrics — they
 * diagnose, they do not say whether a goal is reached (SPEC §1: "A CTR of 5%
 * means nothing by itself").
 */

/** CTR — SPEC §4.2: `clicks / impressions` (process). A fraction: 0.05 = 5 %. */
export const ctr = ratioMetric({
  key: "ctr",
  name: { en: "CTR", ru: "CTR (кликабельность)" },
  formula: "clicks / impressions",
  unit: "ratio",
  class: "process",
  direction: "higher",
  numerator: ["clicks"],
  denominator: ["impressions"],
});

/** CPC — SPEC §4.2: `spend / clicks` (process). Money per click. */
export const cpc = ratioMetric({
  key: "cpc",
  name: { en: "CPC", ru: "CPC (цена клика)" },
  formula: "spend / clicks",
  unit: "money",
  class: "process",
  direction: "lower",
  numerator: ["spend"],
  denominator: ["clicks"],
});

/** CPM — SPEC §4.2: `1000 × spend / impressions` (process). Money per thousand impressions. */
export const cpm = ratioMetric({
  key: "cpm",
  name: { en: "CPM", ru: "CPM (цена 1000 показов)" },
  formula: "1000 × spend / impressions",
  unit: "money",
  class: "process",
  direction: "lower",
  numerator: ["spend"],
  denominator: ["impressions"],
  scale: 1000,
});

/** CPL — SPEC §4.2: `spend / leads` (process). Seeds: 300,000 ₽ / 400 leads = 750 ₽. */
export const cpl = ratioMetric({
  key: "cpl",
  name: { en: "CPL", ru: "CPL (цена лида)" },
  formula: "spend / leads",
  unit: "money",
  class: "process",
  direction: "lower",
  numerator: ["spend"],
  denominator: ["leads"],
});

/**
 * Cost per qualified lead — SPEC §4.2: `spend / qualified_leads` (result).
 * A result metric, unlike CPL: it prices leads that survived qualification,
 * which is what closes the "junk leads" trap of SPEC §1.
 */
export const costPerQualifiedLead = ratioMetric({
  key: "cost_per_qualified_lead",
  name: { en: "Cost per qualified lead", ru: "Цена квалифицированного лида" },
  formula: "spend / qualified_leads",
  unit: "money",
  class: "result",
  direction: "lower",
  numerator: ["spend"],
  denominator: ["qualified_leads"],
});

/** Landing conversion — SPEC §4.2: `leads / sessions` (process). */
export const landingConversion = ratioMetric({
  key: "landing_conversion",
  name: { en: "Landing conversion", ru: "Конверсия посадочной страницы" },
  formula: "leads / sessions",
  unit: "ratio",
  class: "process",
  direction: "higher",
  numerator: ["leads"],
  denominator: ["sessions"],
});

/** Bounce rate — SPEC §4.2: `bounces / sessions` (process). */
export const bounceRate = ratioMetric({
  key: "bounce_rate",
  name: { en: "Bounce rate", ru: "Показатель отказов" },
  formula: "bounces / sessions",
  unit: "ratio",
  class: "process",
  direction: "lower",
  numerator: ["bounces"],
  denominator: ["sessions"],
});
