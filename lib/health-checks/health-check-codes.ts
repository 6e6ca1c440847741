import type { HealthCheckSeverity, LocalizedText } from "@/lib/health-checks/types";

/**
 * The health-check codes of SPEC §5 — their single home. Codes are stable: the API
 * returns them, clients switch on them, and they must never be renamed.
 */
export const HEALTH_CHECK_CODES = [
  "ROLE_KPI_COUNT_LOW",
  "ROLE_KPI_COUNT_HIGH",
  "LTV_CAC_BELOW_3",
  "QUANTITY_TRAP",
  "HIGH_CTR_NO_CONVERSION",
  "PROCESS_METRIC_AS_KPI",
  "OUTSIDE_ZONE_OF_CONTROL",
  "KPI_NOT_TIED_TO_COMPANY_TARGET",
  "KPI_NO_DATA",
] as const;

export type HealthCheckCode = (typeof HEALTH_CHECK_CODES)[number];

export interface HealthCheckRule {
  /** Default severity; a check may lower or raise it with a documented reason. */
  severity: HealthCheckSeverity;
  /** The seed argument behind the check, in plain words, so a marketer can read why and argue. */
  rule: LocalizedText;
  /** Which seeds the argument comes from (files in `seeds/`). */
  seeds: readonly string[];
}

const SEED_KPI_GUIDE = "000_b1c3ce1d566da704"; // "metrics vs KPIs, by role"
const SEED_LEADS_ARE_NOT_RESULTS = "001_471d7a1865e6e5cb"; // "leads are the start of the road"

const KPI_COUNT_RULE: LocalizedText = {
  en: "3–5 KPIs per role are enough: with more the focus is lost, with fewer the picture is incomplete.",
  ru: "3–5 KPI на роль достаточно: больше — теряется фокус, меньше — картина неполная.",
};

export const HEALTH_CHECK_RULES: Readonly<Record<HealthCheckCode, HealthCheckRule>> = {
  ROLE_KPI_COUNT_LOW: { severity: "warning", rule: KPI_COUNT_RULE, seeds: [SEED_KPI_GUIDE] },
  ROLE_KPI_COUNT_HIGH: { severity: "warning", rule: KPI_COUNT_RULE, seeds: [SEED_KPI_GUIDE] },
  LTV_CAC_BELOW_3: {
    severity: "critical",
    rule: {
      en: "LTV must be at least 3 × CAC, otherwise the unit economics don't close.",
      ru: "LTV должен быть минимум в 3 раза выше CAC, иначе экономика не сходится.",
    },
    seeds: [SEED_KPI_GUIDE],
  },
  QUANTITY_TRAP: {
    severity: "warning",
    rule: {
      en:
        "Leads are the start of the road, not a result. A KPI on lead count alone makes the marketer chase volume at the expense of quality: leads are there, " +
        "sales are not, and sales complain about junk. Tie the KPI to quality too — e.g. count leads only while " +
        "at least 20% of them close.",
      ru:
        "Лиды — это не результат, а начало пути. KPI только на количество лидов заставляет гнать объём в ущерб качеству: лиды есть, продаж нет, отдел " +
        "продаж жалуется на мусор. Привязывайте KPI и к качеству — например, засчитывайте лидов, только пока из " +
        "них закрывается минимум 20% сделок.",
    },
    seeds: [SEED_KPI_GUIDE, SEED_LEADS_ARE_NOT_RESULTS],
  },
  HIGH_CTR_NO_CONVERSION: {
    severity: "warning",
    rule: {
      en:
        "A high CTR with zero conversion into sales is a problem, not an achievement: clicks matter only when " +
        "they become leads and deals. A million impressions with zero sales is zero.",
      ru:
        "Высокий CTR при нулевой конверсии в продажу — проблема, а не достижение: клики важны, только если " +
        "превращаются в заявки и сделки. Миллион показов при нуле продаж — это ноль.",
    },
    seeds: [SEED_KPI_GUIDE],
  },
  PROCESS_METRIC_AS_KPI: {
    severity: "warning",
    rule: {
      en:
        "Metrics show what is happening; KPIs show whether a goal is reached. Process metrics are for diagnosis, " +
        "result KPIs for evaluation — don't confuse one with the other.",
      ru:
        "Метрики показывают, что происходит; KPI — достигаете ли вы цели. Метрики процесса — для диагностики, " +
        "KPI результата — для оценки эффективности. Не путайте одно с другим.",
    },
    seeds: [SEED_KPI_GUIDE],
  },
  OUTSIDE_ZONE_OF_CONTROL: {
    severity: "warning",
    rule: {
      en:
        "A marketer must be able to influence their KPIs: a revenue target is unfair for someone who runs " +
        "neither sales nor prices.",
      ru:
        "Маркетолог должен влиять на свои KPI: ставить ему цель по выручке несправедливо, если он не управляет " +
        "продажами и ценами.",
    },
    seeds: [SEED_KPI_GUIDE],
  },
  KPI_NOT_TIED_TO_COMPANY_TARGET: {
    severity: "warning",
    rule: {
      en:
        "A KPI must lead to a business goal: if the company aims at 10M revenue, the marketer's KPI should lead " +
        "there — e.g. leads with a potential deal sum of 30M. Otherwise the business pays for process, not result.",
      ru:
        "KPI должен вести к бизнес-цели: если цель компании — выручка 10 млн, KPI маркетолога должен вести к ней, " +
        "например лиды на потенциальную сумму сделок 30 млн. Иначе бизнес платит за процесс, а не за результат.",
    },
    seeds: [SEED_KPI_GUIDE],
  },
  KPI_NO_DATA: {
    severity: "warning",
    rule: {
      en:
        'If a KPI can\'t be measured, it is not a KPI: "raise brand awareness" is bad, "grow branded traffic ' +
        "by 30%\" is good. A KPI with no data this period can't say whether the goal is reached.",
      ru:
        "Если KPI нельзя посчитать — это не KPI: «повысить узнаваемость бренда» — плохо, «увеличить брендовый " +
        "трафик на 30%» — хорошо. KPI без данных за период не говорит, достигнута ли цель.",
    },
    seeds: [SEED_KPI_GUIDE],
  },
};

/** Seeds cited by the health checks (exported for the "why" links in the UI). */
export const HEALTH_CHECK_SEEDS = { SEED_KPI_GUIDE, SEED_LEADS_ARE_NOT_RESULTS } as const;
