import { defineMetric } from "../metric-definition";
import { flowSum, noDataUnlessAny, noValue, ratioOfSums, valueOf } from "../metric-value";
import { ratioMetric } from "./ratio-metric";

/** Audience, social, email, brand and satisfaction metrics (SPEC §4.2). */

/**
 * NPS — SPEC §4.2: `100 × (nps_promoters − nps_detractors) / (all answers)`
 * (result), where all answers = promoters + passives + detractors. A score from
 * −100 to 100 (unit `count`, not a fraction).
 */
export const nps = defineMetric({
  key: "nps",
  name: { en: "NPS", ru: "NPS (индекс лояльности)" },
  formula: "100 × (nps_promoters − nps_detractors) / (nps_promoters + nps_passives + nps_detractors)",
  unit: "count",
  class: "result",
  direction: "higher",
  measures: ["nps_promoters", "nps_passives", "nps_detractors"],
  compute: ({ sums }) => {
    const answers = ["nps_promoters", "nps_passives", "nps_detractors"] as const;
    const missing = noDataUnlessAny(sums, answers);
    if (missing) return missing;
    const net = flowSum(sums, "nps_promoters").minus(flowSum(sums, "nps_detractors")).times(100);
    return ratioOfSums(net, flowSum(sums, ...answers), answers.join("+"));
  },
});

/**
 * Engagement rate — SPEC §4.2: `engagements / reach (basis reach, impressions
 * or followers is a setting)` (process). With the followers basis the
 * denominator is the audience at the period end (a stock), so a missing
 * snapshot is `NO_DATA:followers` rather than a zero denominator.
 */
export const engagementRate = defineMetric({
  key: "engagement_rate",
  name: { en: "Engagement rate", ru: "Уровень вовлечённости (ER)" },
  formula: "engagements / reach",
  unit: "ratio",
  class: "process",
  direction: "higher",
  measures: ["engagements", "reach", "impressions", "followers"],
  compute: ({ sums, settings }) => {
    const basis = settings.engagementBasis;
    const missing = noDataUnlessAny(sums, ["engagements", basis]);
    if (missing) return missing;
    if (basis === "followers") {
      const followers = sums.followers;
      if (followers === undefined) return noValue("NO_DATA:followers");
      return ratioOfSums(flowSum(sums, "engagements"), followers, "followers");
    }
    return ratioOfSums(flowSum(sums, "engagements"), flowSum(sums, basis), basis);
  },
});

/** Email open rate — SPEC §4.2: `email_opens / email_sent` (process). */
export const emailOpenRate = ratioMetric({
  key: "email_open_rate",
  name: { en: "Email open rate", ru: "Открываемость писем" },
  formula: "email_opens / email_sent",
  unit: "ratio",
  class: "process",
  direction: "higher",
  numerator: ["email_opens"],
  denominator: ["email_sent"],
});

/** Email click rate — SPEC §4.2: `email_clicks / email_sent` (process). */
export const emailClickRate = ratioMetric({
  key: "email_click_rate",
  name: { en: "Email click rate", ru: "Кликабельность писем" },
  formula: "email_clicks / email_sent",
  unit: "ratio",
  class: "process",
  direction: "higher",
  numerator: ["email_clicks"],
  denominator: ["email_sent"],
});

/**
 * Branded traffic growth — SPEC §4.2: `branded_sessions / branded_sessions of
 * the previous period − 1` (result). Seeds: "grow branded traffic by 30%" is a
 * good KPI, i.e. a target of 0.3. Without previous sums: `NO_PREVIOUS_PERIOD`;
 * a previous period without branded sessions: `ZERO_DENOMINATOR:prev(branded_sessions)`.
 */
export const brandedTrafficGrowth = defineMetric({
  key: "branded_traffic_growth",
  name: { en: "Branded traffic growth", ru: "Рост брендового трафика" },
  formula: "branded_sessions / prev(branded_sessions) − 1",
  unit: "ratio",
  class: "result",
  direction: "higher",
  measures: ["branded_sessions"],
  usesPreviousPeriod: true,
  compute: ({ sums, previousSums }) => {
    if (previousSums === undefined) return noValue("NO_PREVIOUS_PERIOD");
    const missing = noDataUnlessAny(sums, ["branded_sessions"]);
    if (missing) return missing;
    const growth = ratioOfSums(
      flowSum(sums, "branded_sessions"),
      flowSum(previousSums, "branded_sessions"),
      "prev(branded_sessions)",
    );
    return growth.value === null ? growth : valueOf(growth.value.minus(1));
  },
});

/**
 * Cost per engagement — `spend / engagements` (process, lower is better).
 * Extension beyond the SPEC §4.2 table: the SMM template of SPEC §5 lists
 * "cost per engagement" as a KPI.
 */
export const costPerEngagement = ratioMetric({
  key: "cost_per_engagement",
  name: { en: "Cost per engagement", ru: "Цена вовлечения" },
  formula: "spend / engagements",
  unit: "money",
  class: "process",
  direction: "lower",
  numerator: ["spend"],
  denominator: ["engagements"],
  extension: true,
});

/**
 * Follower growth — `followers (end of period) − followers (end of previous
 * period)` (count, result, higher is better). Extension beyond the SPEC §4.2
 * table: the SMM template of SPEC §5 lists "follower growth". An absolute
 * change, so that it can be summed and targeted like other counts. Both sides
 * are stocks: a missing snapshot is `NO_DATA:followers` or
 * `NO_DATA:prev(followers)` — treating it as zero would report the whole
 * audience as growth.
 */
export const followerGrowth = defineMetric({
  key: "follower_growth",
  name: { en: "Follower growth", ru: "Прирост подписчиков" },
  formula: "followers − prev(followers)",
  unit: "count",
  class: "result",
  direction: "higher",
  measures: ["followers"],
  usesPreviousPeriod: true,
  extension: true,
  compute: ({ sums, previousSums }) => {
    if (previousSums === undefined) return noValue("NO_PREVIOUS_PERIOD");
    const current = sums.followers;
    if (current === undefined) return noValue("NO_DATA");
    const previous = previousSums.followers;
    if (previous === undefined) return noValue("NO_DATA:prev(followers)");
    return valueOf(current.minus(previous));
  },
});
