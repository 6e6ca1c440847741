import { actorOf } from "@/lib/audit/actor";
import { createCustomMeasure } from "@/lib/metric-store/create-custom-measure";
import { createCustomMetric } from "@/lib/metric-store/create-custom-metric";
import { deleteCustomMeasure } from "@/lib/metric-store/delete-custom-measure";
import { deleteCustomMetric } from "@/lib/metric-store/delete-custom-metric";
import { setCustomMeasureArchived } from "@/lib/metric-store/set-custom-measure-archived";
import { updateCustomMeasure } from "@/lib/metric-store/update-custom-measure";
import { type MetricCatalogEntry, customMeasureEntry } from "@/lib/metric-store/get-metric-catalog";
import { updateCustomMetric } from "@/lib/metric-store/update-custom-metric";
import { updateMetricSettings } from "@/lib/metric-store/update-metric-settings";
import type { MetricSettings } from "@/lib/metrics/metric-settings";
import { builder } from "../builder";
import type { GraphQLContext } from "../context";
import { inWorkspace } from "../authz";
import { parseWorkspaceId } from "../ids";
import { underInput } from "../input-errors";
import { MetricCatalogEntryRef, MetricSettingsRef } from "./metric-catalog";
import {
  EngagementBasisEnum,
  LtvMethodEnum,
  MeasureAggregationEnum,
  MetricClassEnum,
  MetricDirectionEnum,
  MetricUnitEnum,
  RomiBasisEnum,
  lower,
} from "./metric-enums";

// Mutations of the workspace's metric definitions: settings, custom metrics and custom measures (metricDefinition.manage).

// ---------------------------------------------------------------- mutations

/** The workspace of `input.workspaceId` (BAD_USER_INPUT when it is not one). */
const workspaceOfInput = (input: { workspaceId: string | number }) =>
  parseWorkspaceId(String(input.workspaceId), ["input", "workspaceId"]);

/** metricDefinition.manage in the input's workspace. */
const manage = inWorkspace(
  "metricDefinition.manage",
  (_root: unknown, { input }: { input: { workspaceId: string | number } }) => workspaceOfInput(input),
);

const UpdateMetricSettingsInput = builder.inputType("UpdateMetricSettingsInput", {
  description: "Absent fields keep their value; null clears an optional parameter.",
  fields: (t) => ({
    workspaceId: t.id({ description: "The workspace (global id or UUID).", required: true }),
    ltvMethod: t.field({ description: "How LTV is computed.", type: LtvMethodEnum }),
    orderValue: t.field({ description: "Repeat-purchase LTV: average order value.", type: "Decimal" }),
    ordersPerYear: t.field({ description: "Repeat-purchase LTV: orders per customer per year.", type: "Decimal" }),
    years: t.field({ description: "Repeat-purchase LTV: customer lifetime in years.", type: "Decimal" }),
    fixedLtv: t.field({ description: "FIXED LTV: the value.", type: "Decimal" }),
    grossMargin: t.field({ description: "A fraction in (0, 1].", type: "Decimal" }),
    romiBasis: t.field({ description: "What ROMI counts as return.", type: RomiBasisEnum }),
    engagementBasis: t.field({ description: "What engagement rate divides by.", type: EngagementBasisEnum }),
    maxCustomerLifetimeMonths: t.field({
      type: "Decimal",
      description:
        "Maximum customer lifetime in months, 1…600 (SPEC §4.2); null removes the cap. Out of range is a field error, nothing saved.",
    }),
  }),
});

const MetricSettingsPayload = builder.objectRef<{ settings: MetricSettings }>("MetricSettingsPayload").implement({
  description: "The settings after a change.",
  fields: (t) => ({
    settings: t.field({ description: "The settings.", type: MetricSettingsRef, resolve: (p) => p.settings }),
  }),
});

builder.mutationField("updateMetricSettings", (t) =>
  t.field({
    type: MetricSettingsPayload,
    description: "Changes LTV method, gross margin, ROMI and engagement bases (metricDefinition.manage).",
    args: { input: t.arg({ description: "The changes.", type: UpdateMetricSettingsInput, required: true }) },
    authScopes: manage,
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = workspaceOfInput(input);
      const { workspaceId: _, ...fields } = input;
      const change = Object.fromEntries(
        Object.entries(fields).map(([k, v]) => [
          k,
          typeof v === "string" && ["ltvMethod", "romiBasis", "engagementBasis"].includes(k) ? v.toLowerCase() : v,
        ]),
      );
      return {
        settings: await updateMetricSettings(ctx.db, { workspaceId, input: change, actor: actorOf(ctx.viewer!) }),
      };
    },
  }),
);

const CreateCustomMetricInput = builder.inputType("CreateCustomMetricInput", {
  description: "A new derived metric: a formula over measures and metrics.",
  fields: (t) => ({
    workspaceId: t.id({ description: "The workspace (global id or UUID).", required: true }),
    key: t.string({ required: true, description: "snake_case, unique in the workspace; formulas reference it." }),
    nameEn: t.string({ description: "Name in English.", required: true }),
    nameRu: t.string({ description: "Defaults to nameEn." }),
    formula: t.string({
      required: true,
      description: "Arithmetic over measure and metric keys, numbers, parentheses and prev(x).",
    }),
    class: t.field({ description: "Process (diagnoses) or result (evaluates).", type: MetricClassEnum }),
    direction: t.field({ description: "Whether higher or lower is better.", type: MetricDirectionEnum }),
  }),
});

const UpdateCustomMetricInput = builder.inputType("UpdateCustomMetricInput", {
  description: "Changes to a custom metric; absent fields keep their value.",
  fields: (t) => ({
    workspaceId: t.id({ description: "The workspace (global id or UUID).", required: true }),
    key: t.string({ required: true, description: "The metric to change (keys do not change)." }),
    nameEn: t.string({ description: "Name in English." }),
    nameRu: t.string({ description: "Name in Russian." }),
    formula: t.string({ description: "A new formula (validated like validateMetricFormula)." }),
    class: t.field({ description: "Process or result.", type: MetricClassEnum }),
    direction: t.field({ description: "Whether higher or lower is better.", type: MetricDirectionEnum }),
  }),
});

const CustomMetricPayload = builder.objectRef<{ metric: MetricCatalogEntry }>("CustomMetricPayload").implement({
  description: "A custom metric after a change.",
  fields: (t) => ({
    metric: t.field({ description: "The metric.", type: MetricCatalogEntryRef, resolve: (p) => p.metric }),
  }),
});

const DeleteCustomKeyInput = builder.inputType("DeleteCustomMetricInput", {
  description: "The custom metric to delete.",
  fields: (t) => ({
    workspaceId: t.id({ description: "The workspace (global id or UUID).", required: true }),
    key: t.string({ description: "Its key.", required: true }),
  }),
});
const DeleteCustomMeasureInput = builder.inputType("DeleteCustomMeasureInput", {
  description: "The custom measure to delete.",
  fields: (t) => ({
    workspaceId: t.id({ description: "The workspace (global id or UUID).", required: true }),
    key: t.string({ description: "Its key.", required: true }),
  }),
});

const DeletedKeyPayload = builder.objectRef<{ key: string }>("DeletedMetricKeyPayload").implement({
  description: "The key of what was deleted.",
  fields: (t) => ({ key: t.exposeString("key", { description: "The deleted key." }) }),
});

const metricEntry = (m: Awaited<ReturnType<typeof createCustomMetric>>): MetricCatalogEntry => ({
  key: m.key,
  kind: "metric",
  name: m.name,
  formula: m.formula,
  unit: m.unit,
  aggregation: null,
  class: m.class,
  direction: m.direction,
  custom: true,
  id: m.id,
  problem: null,
});

/** The fields both custom-metric mutations pass on: the same names, enums lower-cased. */
const customMetricFields = <
  I extends {
    key: string;
    nameEn?: string | null;
    nameRu?: string | null;
    formula?: string | null;
    class?: string | null;
    direction?: string | null;
  },
>(
  input: I,
): Pick<I, "key" | "nameEn" | "nameRu" | "formula"> & {
  class: "process" | "result" | undefined;
  direction: "higher" | "lower" | undefined;
} => ({
  key: input.key,
  nameEn: input.nameEn,
  nameRu: input.nameRu,
  formula: input.formula,
  class: input.class ? (lower(input.class) as "process" | "result") : undefined,
  direction: input.direction ? (lower(input.direction) as "higher" | "lower") : undefined,
});

builder.mutationField("createCustomMetric", (t) =>
  t.field({
    type: CustomMetricPayload,
    description:
      "Adds a custom derived metric (metricDefinition.manage). Formula errors come back in extensions.fieldErrors with code and position {start, end}; nothing is saved on error.",
    args: { input: t.arg({ description: "The metric to add.", type: CreateCustomMetricInput, required: true }) },
    authScopes: manage,
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = workspaceOfInput(input);
      const metric = await createCustomMetric(ctx.db, {
        workspaceId,
        actor: actorOf(ctx.viewer!),
        input: customMetricFields(input),
      });
      return { metric: metricEntry(metric) };
    },
  }),
);

builder.mutationField("updateCustomMetric", (t) =>
  t.field({
    type: CustomMetricPayload,
    description: "Changes a custom metric's names, formula, class or direction (metricDefinition.manage).",
    args: { input: t.arg({ description: "The changes.", type: UpdateCustomMetricInput, required: true }) },
    authScopes: manage,
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = workspaceOfInput(input);
      const metric = await updateCustomMetric(ctx.db, {
        workspaceId,
        actor: actorOf(ctx.viewer!),
        input: customMetricFields(input),
      });
      return { metric: metricEntry(metric) };
    },
  }),
);

builder.mutationField("deleteCustomMetric", (t) =>
  t.field({
    type: DeletedKeyPayload,
    description: "Deletes a custom metric no other custom metric reads (metricDefinition.manage).",
    args: { input: t.arg({ description: "The metric to delete.", type: DeleteCustomKeyInput, required: true }) },
    authScopes: manage,
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = workspaceOfInput(input);
      return underInput(() => deleteCustomMetric(ctx.db, { workspaceId, key: input.key, actor: actorOf(ctx.viewer!) }));
    },
  }),
);

const CreateCustomMeasureInput = builder.inputType("CreateCustomMeasureInput", {
  description: "A new base measure of the workspace (ingested like the built-in ones).",
  fields: (t) => ({
    workspaceId: t.id({ description: "The workspace (global id or UUID).", required: true }),
    key: t.string({
      description: "Key used in rows and formulas (lower-case snake_case, not a built-in key).",
      required: true,
    }),
    nameEn: t.string({ description: "Name in English.", required: true }),
    nameRu: t.string({ description: "Name in Russian." }),
    unit: t.field({ type: MetricUnitEnum, required: true, description: "MONEY or COUNT." }),
    aggregation: t.field({ type: MeasureAggregationEnum, description: "Default FLOW." }),
  }),
});

const CustomMeasurePayload = builder.objectRef<{ measure: MetricCatalogEntry }>("CustomMeasurePayload").implement({
  description: "A custom measure after a change.",
  fields: (t) => ({
    measure: t.field({ description: "The measure.", type: MetricCatalogEntryRef, resolve: (p) => p.measure }),
  }),
});

const UpdateCustomMeasureInput = builder.inputType("UpdateCustomMeasureInput", {
  description:
    "Changes to a custom base measure; omitted fields stay. Names may always change; unit and flow/stock only while the measure has no data and no KPI or custom metric reads it (history was checked and aggregated under them). The key never changes.",
  fields: (t) => ({
    workspaceId: t.id({ description: "The workspace (global id or UUID).", required: true }),
    key: t.string({ description: "The measure's key.", required: true }),
    nameEn: t.string({ description: "New name in English." }),
    nameRu: t.string({ description: "New name in Russian; null: the English name." }),
    unit: t.field({ type: MetricUnitEnum, description: "MONEY or COUNT (only without data and readers)." }),
    aggregation: t.field({
      type: MeasureAggregationEnum,
      description: "FLOW, STOCK_START or STOCK_END (only without data and readers).",
    }),
  }),
});

const ArchiveCustomMeasureInput = builder.inputType("ArchiveCustomMeasureInput", {
  description: "The custom measure to archive or bring back.",
  fields: (t) => ({
    workspaceId: t.id({ description: "The workspace (global id or UUID).", required: true }),
    key: t.string({ description: "The measure's key.", required: true }),
  }),
});

builder.mutationField("updateCustomMeasure", (t) =>
  t.field({
    type: CustomMeasurePayload,
    description:
      "Changes a custom base measure's names, unit or flow/stock (metricDefinition.manage); see UpdateCustomMeasureInput for what may change when.",
    args: { input: t.arg({ description: "The changes.", type: UpdateCustomMeasureInput, required: true }) },
    authScopes: manage,
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = workspaceOfInput(input);
      const m = await updateCustomMeasure(ctx.db, {
        workspaceId,
        actor: actorOf(ctx.viewer!),
        input: {
          key: input.key,
          nameEn: input.nameEn ?? undefined,
          nameRu: input.nameRu,
          unit: input.unit ? (lower(input.unit) as "money") : undefined,
          aggregation: input.aggregation ? (lower(input.aggregation) as "flow") : undefined,
        },
      });
      return { measure: customMeasureEntry(m) };
    },
  }),
);

/** archiveCustomMeasure and unarchiveCustomMeasure: one operation, one flag apart. */
async function setArchived(
  ctx: GraphQLContext,
  input: { workspaceId: string | number; key: string },
  archived: boolean,
) {
  const workspaceId = workspaceOfInput(input);
  const measure = await setCustomMeasureArchived(ctx.db, {
    workspaceId,
    key: input.key,
    archived,
    actor: actorOf(ctx.viewer!),
  });
  return { measure: customMeasureEntry(measure) };
}

builder.mutationField("archiveCustomMeasure", (t) =>
  t.field({
    type: CustomMeasurePayload,
    description:
      "Archives a custom base measure (metricDefinition.manage): hidden from the import mapping and the formula editor, its data and figures kept. Refused (BAD_USER_INPUT, reason ARCHIVE_MEASURE_USED_BY_KPIS) while a KPI reads it directly or through a custom metric.",
    args: { input: t.arg({ description: "The measure to archive.", type: ArchiveCustomMeasureInput, required: true }) },
    authScopes: manage,
    resolve: (_root, { input }, ctx) => setArchived(ctx, input, true),
  }),
);

builder.mutationField("unarchiveCustomMeasure", (t) =>
  t.field({
    type: CustomMeasurePayload,
    description:
      "Brings an archived custom base measure back into the import mapping and the formula editor (metricDefinition.manage).",
    args: {
      input: t.arg({ description: "The measure to bring back.", type: ArchiveCustomMeasureInput, required: true }),
    },
    authScopes: manage,
    resolve: (_root, { input }, ctx) => setArchived(ctx, input, false),
  }),
);

builder.mutationField("createCustomMeasure", (t) =>
  t.field({
    type: CustomMeasurePayload,
    description: "Adds a custom base measure that can be ingested and used in formulas (metricDefinition.manage).",
    args: { input: t.arg({ description: "The measure to add.", type: CreateCustomMeasureInput, required: true }) },
    authScopes: manage,
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = workspaceOfInput(input);
      const m = await createCustomMeasure(ctx.db, {
        workspaceId,
        actor: actorOf(ctx.viewer!),
        input: {
          key: input.key,
          nameEn: input.nameEn,
          nameRu: input.nameRu,
          unit: lower(input.unit) as "money",
          aggregation: input.aggregation ? (lower(input.aggregation) as "flow") : undefined,
        },
      });
      return { measure: customMeasureEntry(m) };
    },
  }),
);

builder.mutationField("deleteCustomMeasure", (t) =>
  t.field({
    type: DeletedKeyPayload,
    description: "Deletes a custom measure that has no data and no formula reading it (metricDefinition.manage).",
    args: { input: t.arg({ description: "The measure to delete.", type: DeleteCustomMeasureInput, required: true }) },
    authScopes: manage,
    resolve: async (_root, { input }, ctx) => {
      const workspaceId = workspaceOfInput(input);
      return underInput(() =>
        deleteCustomMeasure(ctx.db, { workspaceId, key: input.key, actor: actorOf(ctx.viewer!) }),
      );
    },
  }),
);
