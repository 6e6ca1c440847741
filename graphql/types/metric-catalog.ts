import { type MetricCatalogEntry } from "@/lib/metric-store/get-metric-catalog";
import { formulaProblemText } from "@/lib/metric-store/check-custom-metric-formula";
import { formatDecimal } from "@/lib/metrics/decimal";
import { metricTraits } from "@/lib/metrics/metric-traits";
import type { MetricSettings } from "@/lib/metrics/metric-settings";
import { builder } from "../builder";
import {
  EngagementBasisEnum,
  LtvMethodEnum,
  MeasureAggregationEnum,
  MetricClassEnum,
  MetricDirectionEnum,
  MetricKindEnum,
  MetricUnitEnum,
  RomiBasisEnum,
  decimalOrNull,
  upper,
} from "./metric-enums";

// The metric catalog, the workspace's metric settings and formula validation as objects.

// ---------------------------------------------------------------- catalog, settings

export const MetricCatalogEntryRef = builder.objectRef<MetricCatalogEntry>("MetricCatalogEntry").implement({
  description: "A base measure or derived metric of the workspace's catalog (built in or custom).",
  fields: (t) => ({
    key: t.exposeString("key", { description: "The key used in queries, rows and formulas." }),
    kind: t.field({
      description: "Base measure or derived metric.",
      type: MetricKindEnum,
      resolve: (e) => upper(e.kind) as never,
    }),
    nameEn: t.string({ description: "Name in English.", resolve: (e) => e.name.en }),
    nameRu: t.string({ description: "Name in Russian.", resolve: (e) => e.name.ru }),
    formula: t.string({
      description: "Derived metrics: the formula; null for measures.",
      nullable: true,
      resolve: (e) => e.formula,
    }),
    unit: t.field({
      description: "The unit of its values.",
      type: MetricUnitEnum,
      resolve: (e) => upper(e.unit) as never,
    }),
    aggregation: t.field({
      description: "Base measures: how they add up over a period; null for metrics.",
      type: MeasureAggregationEnum,
      nullable: true,
      resolve: (e) => (e.aggregation ? (upper(e.aggregation) as never) : null),
    }),
    class: t.field({
      description: "Metrics: process or result; null for measures.",
      type: MetricClassEnum,
      nullable: true,
      resolve: (e) => (e.class ? (upper(e.class) as never) : null),
    }),
    multiple: t.boolean({
      description:
        "A ratio read as a multiple (LTV:CAC 3.2×, pipeline coverage 3×) rather than a percent; its changes are in percent, not percentage points.",
      resolve: (e) => metricTraits(e.key).multiple,
    }),
    direction: t.field({
      description: "Whether higher or lower is better; null when neutral.",
      type: MetricDirectionEnum,
      nullable: true,
      resolve: (e) => (e.direction ? (upper(e.direction) as never) : null),
    }),
    custom: t.exposeBoolean("custom", { description: "Whether the workspace added it." }),
    problem: t.string({
      nullable: true,
      description: "Custom metrics whose formula no longer compiles: why, in the caller's language.",
      resolve: (e, _args, ctx) => (e.problem ? formulaProblemText(e.problem, ctx.meta.locale) : null),
    }),
    archived: t.boolean({
      description:
        "Custom measures: archived — hidden from the import mapping and the formula editor; its data and figures stay readable. False for everything else.",
      resolve: (e) => e.archived === true,
    }),
  }),
});

export const MetricSettingsRef = builder.objectRef<MetricSettings>("MetricSettings").implement({
  description: "How catalog metrics are computed in this workspace (SPEC §4.2).",
  fields: (t) => ({
    ltvMethod: t.field({
      description: "How LTV is computed.",
      type: LtvMethodEnum,
      resolve: (s) => upper(s.ltvMethod) as never,
    }),
    orderValue: t.field({
      type: "Decimal",
      nullable: true,
      description: "Repeat-purchase LTV: average order value.",
      resolve: (s) => decimalOrNull(s.orderValue),
    }),
    ordersPerYear: t.field({
      description: "Repeat-purchase LTV: orders per customer per year.",
      type: "Decimal",
      nullable: true,
      resolve: (s) => decimalOrNull(s.ordersPerYear),
    }),
    years: t.field({
      type: "Decimal",
      nullable: true,
      description: "Repeat-purchase LTV: customer lifetime in years.",
      resolve: (s) => decimalOrNull(s.years),
    }),
    fixedLtv: t.field({
      description: "FIXED LTV: the value.",
      type: "Decimal",
      nullable: true,
      resolve: (s) => decimalOrNull(s.fixedLtv),
    }),
    grossMargin: t.field({
      type: "Decimal",
      description: "A fraction in (0, 1]; default 1.",
      resolve: (s) => formatDecimal(s.grossMargin),
    }),
    romiBasis: t.field({
      description: "What ROMI counts as return.",
      type: RomiBasisEnum,
      resolve: (s) => upper(s.romiBasis) as never,
    }),
    engagementBasis: t.field({
      description: "What engagement rate divides by.",
      type: EngagementBasisEnum,
      resolve: (s) => upper(s.engagementBasis) as never,
    }),
    maxCustomerLifetimeMonths: t.field({
      type: "Decimal",
      nullable: true,
      description:
        "Subscription LTV: the longest customer lifetime assumed, in months (1…600, default 60); it caps LTV when churn is zero or tiny. Null = no cap: LTV without churn then has no value (reason NO_CHURN).",
      resolve: (s) => decimalOrNull(s.maxCustomerLifetimeMonths),
    }),
  }),
});

export interface FormulaValidation {
  valid: boolean;
  unit: string | null;
  errors: { code: string; message: string; start: number; end: number }[];
  references: string[];
}

export const FormulaErrorRef = builder.objectRef<FormulaValidation["errors"][number]>("FormulaError").implement({
  description: "A problem in a formula: source.slice(start, end) is the offending text (UTF-16 offsets).",
  fields: (t) => ({
    code: t.exposeString("code", { description: "A stable code for the problem." }),
    message: t.exposeString("message", { description: "What is wrong, in the caller's language." }),
    start: t.exposeInt("start", { description: "Offset of the offending text." }),
    end: t.exposeInt("end", { description: "Offset just past the offending text." }),
  }),
});

export const FormulaValidationRef = builder.objectRef<FormulaValidation>("FormulaValidation").implement({
  description: "Whether a formula compiles, its unit, problems and what it refers to.",
  fields: (t) => ({
    valid: t.exposeBoolean("valid", { description: "Whether the formula can be saved." }),
    unit: t.field({
      description: "The unit the formula yields; null when invalid.",
      type: MetricUnitEnum,
      nullable: true,
      resolve: (v) => (v.unit ? (upper(v.unit) as never) : null),
    }),
    errors: t.field({
      description: "Problems found; empty when valid.",
      type: [FormulaErrorRef],
      resolve: (v) => v.errors,
    }),
    references: t.exposeStringList("references", { description: "Measure and metric keys the formula uses." }),
  }),
});
