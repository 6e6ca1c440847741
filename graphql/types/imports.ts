import { z } from "zod";
import { actorOf } from "@/lib/audit/actor";
import { type ImportIssue, issueReasonText } from "@/lib/csv/import-issue";
import { DIMENSION_TARGETS, IGNORE, type ImportMapping, layoutOf } from "@/lib/csv/import-mapping";
import { cancelImport } from "@/lib/imports/cancel-import";
import { commitImport } from "@/lib/imports/commit-import";
import { findEarlierImport, findImport } from "@/lib/imports/find-import";
import {
  type ImportRecord,
  type ImportStatus,
  IMPORT_STATUSES,
  headersOf,
  mappingOf,
  previewOf,
  reportOf,
  sampleRowsOf,
  suggestedMappingOf,
} from "@/lib/imports/import-record";
import { listImports } from "@/lib/imports/list-imports";
import { rollbackImport } from "@/lib/imports/rollback-import";
import { updateImportMapping } from "@/lib/imports/update-import-mapping";
import type { ImportReport, FactPreview } from "@/lib/imports/analyze-import-file";
import { importWorkerFor } from "@/lib/jobs/import-worker";
import { readMetricDefinitions } from "@/lib/metric-store/load-metric-definitions";
import { groupOfChannel } from "@/lib/channel-groups/channel-groups";
import { BASE_MEASURES } from "@/lib/metrics/measures";
import { AppError } from "@/lib/errors/app-error";
import type { Database } from "@/lib/db/client";
import { builder } from "../builder";
import { resolveCountedConnection } from "../connections";
import type { GraphQLContext } from "../context";
import { parseTenantNodeId, tenantNodeId } from "../ids";
import { parseTenantNodeInput } from "../input-errors";
import { WorkspaceRef } from "./workspace";

/** Every import API starts the worker of its database (a restart resumes interrupted imports). */
function wakeWorker(db: Database): void {
  importWorkerFor(db).catch((error) => console.error("[imports] worker failed to start", error));
}

export const ImportStatusEnum = builder.enumType("ImportStatus", {
  description: "UPLOADED: validated, waiting for commit · QUEUED/VALIDATING/RUNNING: the job works · COMMITTED · FAILED (nothing written) · CANCELLED (nothing written) · ROLLED_BACK.",
  values: IMPORT_STATUSES,
});
const ImportSourceEnum = builder.enumType("ImportSource", {
  description: "Where an import came from.",
  values: { CSV: { description: "An uploaded CSV file." }, DEMO: { description: "The demo dataset (loadDemoData)." } } as const,
});
const ImportLayoutEnum = builder.enumType("ImportLayout", {
  description: "WIDE: a measure per column · LONG: date, channel, campaign, measure, value.",
  values: { WIDE: { value: "wide" }, LONG: { value: "long" } } as const,
});
const ImportNumberStyleEnum = builder.enumType("ImportNumberStyle", {
  description: "RU: 1 234 567,89 · EN: 1,234,567.89.",
  values: { RU: { value: "ru" }, EN: { value: "en" } } as const,
});

const ImportColumnRef = builder.objectRef<{ index: number; target: string }>("ImportColumn").implement({
  fields: (t) => ({
    index: t.exposeInt("index", { description: "0-based column index." }),
    target: t.exposeString("target", { description: "date | channel | campaign | measure | value | ignore | a measure key." }),
  }),
});
const ImportMeasureAliasRef = builder.objectRef<{ value: string; measure: string }>("ImportMeasureAlias").implement({
  fields: (t) => ({ value: t.exposeString("value"), measure: t.exposeString("measure") }),
});
const ImportMappingRef = builder.objectRef<ImportMapping>("ImportMapping").implement({
  fields: (t) => ({
    layout: t.field({ type: ImportLayoutEnum, resolve: (m) => layoutOf(m) }),
    columns: t.field({ type: [ImportColumnRef], resolve: (m) => m.columns }),
    measureAliases: t.field({ type: [ImportMeasureAliasRef], resolve: (m) => m.measureAliases }),
    defaultChannel: t.exposeString("defaultChannel", { nullable: true }),
    currency: t.string({ nullable: true, description: "ISO 4217 code of the file's money; null = the workspace's reporting currency.", resolve: (m) => m.currency ?? null }),
    rate: t.field({ type: "Decimal", nullable: true, description: "One unit of `currency` in the reporting currency (exact).", resolve: (m) => m.rate ?? null }),
  }),
});
const ImportIssueRef = builder.objectRef<ImportIssue>("ImportIssue").implement({
  description: "One problem in the file: row (as a spreadsheet numbers it, header = 1; 0 = the whole file), column, value, reason.",
  fields: (t) => ({
    code: t.exposeString("code"),
    row: t.exposeInt("row"),
    column: t.exposeString("column", { nullable: true }),
    value: t.exposeString("value", { nullable: true }),
    reason: t.exposeString("reason", { description: "The reason in English (reasonRu / reasonEn give it in either language)." }),
    reasonCode: t.string({
      nullable: true,
      description: "A stable machine code of the reason, finer than code (e.g. NOT_A_DATE, ROW_REPEATS); null in reports made before reasons had codes.",
      resolve: (i) => i.why?.code ?? null,
    }),
    reasonRu: t.string({ description: "The reason in Russian.", resolve: (i) => issueReasonText(i, "ru") }),
    reasonEn: t.string({ description: "The reason in English.", resolve: (i) => issueReasonText(i, "en") }),
    byteOffset: t.int({
      nullable: true,
      description: "For a file that does not decode (code BAD_ENCODING): the 0-based byte offset of the first byte that does not.",
      resolve: (i) => i.offset ?? null,
    }),
  }),
});
const ImportUnknownMeasureRef = builder.objectRef<ImportReport["unknownMeasures"][number]>("ImportUnknownMeasure").implement({
  fields: (t) => ({
    name: t.exposeString("name"),
    rows: t.exposeInt("rows"),
    firstRow: t.exposeInt("firstRow"),
    suggestion: t.exposeString("suggestion", { nullable: true, description: "A measure key the name resembles: offer it as the mapping." }),
  }),
});
const ImportReportRef = builder.objectRef<ImportReport & { workspaceId: string }>("ImportReport").implement({
  fields: (t) => ({
    errorCount: t.exposeInt("errorCount", { description: "All problems found (issues lists the first 200)." }),
    issues: t.field({ type: [ImportIssueRef], resolve: (r) => r.issues }),
    unknownMeasures: t.field({ type: [ImportUnknownMeasureRef], resolve: (r) => r.unknownMeasures }),
    unmappedColumns: t.stringList({ resolve: (r) => r.unmappedColumns }),
    dataRows: t.exposeInt("dataRows"),
    factCount: t.exposeInt("factCount", { description: "Facts (date × channel × campaign × measure) the file gives with this mapping." }),
    unmappedChannels: t.stringList({
      description:
        "Channels of the file in no channel group of the workspace (as mapped now): group-scoped KPIs (ROMI of paid channels…) leave them out until they are mapped (setChannelGroup). At most 100.",
      resolve: async (r, _a, ctx) => {
        if (!r.unmappedChannels || r.unmappedChannels.length === 0) return [];
        const { channelGroups } = await readMetricDefinitions(ctx.db, r.workspaceId);
        return r.unmappedChannels.filter((c) => groupOfChannel(c, channelGroups) === null);
      },
    }),
  }),
});
const ImportPreviewRowRef = builder.objectRef<FactPreview>("ImportPreviewRow").implement({
  fields: (t) => ({
    row: t.exposeInt("row"),
    date: t.field({ type: "Date", resolve: (r) => r.date }),
    channel: t.exposeString("channel"),
    campaign: t.exposeString("campaign"),
    measure: t.exposeString("measure"),
    value: t.field({ type: "Decimal", resolve: (r) => r.value }),
  }),
});
const ImportProgressRef = builder.objectRef<ImportRecord>("ImportProgress").implement({
  fields: (t) => ({
    status: t.field({ type: ImportStatusEnum, resolve: (r) => r.status as ImportStatus }),
    rowsDone: t.exposeInt("rowsDone", { description: "Facts in committed chunks." }),
    rowsTotal: t.exposeInt("rowsTotal"),
    fraction: t.float({ resolve: (r) => (r.status === "COMMITTED" ? 1 : r.rowsTotal > 0 ? Math.min(1, r.rowsDone / r.rowsTotal) : 0) }),
    cancelRequested: t.exposeBoolean("cancelRequested"),
  }),
});
const ImportSampleRowRef = builder.objectRef<{ cells: string[] }>("ImportSampleRow").implement({
  fields: (t) => ({ cells: t.stringList({ resolve: (r) => r.cells }) }),
});
const ImportTargetRef = builder.objectRef<{ key: string; kind: "DIMENSION" | "MEASURE"; nameEn: string; nameRu: string }>("ImportTarget").implement({
  fields: (t) => ({
    key: t.exposeString("key"),
    kind: t.exposeString("kind", { description: "DIMENSION (date, channel, campaign, measure, value, ignore) or MEASURE." }),
    nameEn: t.exposeString("nameEn"),
    nameRu: t.exposeString("nameRu"),
  }),
});

const DIMENSION_NAMES: Record<string, [string, string]> = {
  date: ["Date", "Дата"],
  channel: ["Channel", "Канал"],
  campaign: ["Campaign", "Кампания"],
  measure: ["Measure (long layout)", "Показатель (длинный формат)"],
  value: ["Value (long layout)", "Значение (длинный формат)"],
  currency: ["Currency of the row's money", "Валюта денежных значений строки"],
  [IGNORE]: ["Ignore", "Не загружать"],
};

/** A CSV import (tenant node "<workspaceId>.<importId>"): file, checksum, status, progress, report. */
const ImportObject = builder.objectRef<ImportRecord>("Import");

export const ImportRef = builder.node(ImportObject, {
  id: { resolve: (r) => tenantNodeId(r.workspaceId, r.id) },
  loadOne: async (id, ctx) => {
    const parsed = parseTenantNodeId(id);
    if (!parsed || !(await ctx.access(parsed.workspaceId))?.permissions.has("import.manage")) return null;
    return findImport(ctx.db, { workspaceId: parsed.workspaceId, importId: parsed.rowId }).catch(() => null);
  },
  fields: (t) => ({
    fileName: t.exposeString("fileName"),
    fileSize: t.float({ description: "Bytes.", resolve: (r) => Number(r.fileSize) }),
    checksum: t.exposeString("checksum", { description: "SHA-256 of the file, hex." }),
    currency: t.exposeString("currency", { nullable: true, description: "ISO 4217 code of the import's money; null = the reporting currency." }),
    currencyRate: t.field({
      type: "Decimal",
      nullable: true,
      description: "The rate the import's money was converted at into the reporting currency (exact), stored with the import.",
      resolve: (r) => (r.currencyRate === null ? null : r.currencyRate.toString()),
    }),
    source: t.field({ type: ImportSourceEnum, description: "Where the import came from: a CSV file or the demo dataset.", resolve: (r) => (r.source === "demo" ? "DEMO" : "CSV") }),
    status: t.field({ type: ImportStatusEnum, resolve: (r) => r.status as ImportStatus }),
    progress: t.field({ type: ImportProgressRef, resolve: (r) => r }),
    encoding: t.exposeString("encoding"),
    delimiter: t.exposeString("delimiter"),
    numberStyle: t.field({ type: ImportNumberStyleEnum, resolve: (r) => r.numberStyle as "ru" | "en" }),
    headers: t.stringList({ resolve: (r) => headersOf(r) }),
    sampleRows: t.field({ type: [ImportSampleRowRef], description: "The first rows as read (cells as text).", resolve: (r) => sampleRowsOf(r).map((cells) => ({ cells })) }),
    suggestedMapping: t.field({ type: ImportMappingRef, resolve: (r) => suggestedMappingOf(r) }),
    mapping: t.field({ type: ImportMappingRef, description: "The mapping the preview and report are for.", resolve: (r) => mappingOf(r) }),
    mappingTargets: t.field({
      type: [ImportTargetRef],
      description: "What a column can be mapped to: dimensions, catalog measures and the workspace's custom measures.",
      resolve: async (r, _a, ctx) => {
        const { customMeasures } = await readMetricDefinitions(ctx.db, r.workspaceId);
        return [
          ...[...DIMENSION_TARGETS, IGNORE].map((key) => ({ key, kind: "DIMENSION" as const, nameEn: DIMENSION_NAMES[key][0], nameRu: DIMENSION_NAMES[key][1] })),
          ...[...BASE_MEASURES, ...customMeasures].map((m) => ({ key: m.key, kind: "MEASURE" as const, nameEn: m.name.en, nameRu: m.name.ru })),
        ];
      },
    }),
    preview: t.field({ type: [ImportPreviewRowRef], description: "The first facts the mapping gives.", resolve: (r) => previewOf(r) }),
    report: t.field({ type: ImportReportRef, description: "Validation of the whole file with the mapping, made before anything is written.", resolve: (r) => ({ ...reportOf(r), workspaceId: r.workspaceId }) }),
    dataRows: t.exposeInt("dataRows"),
    inserted: t.exposeInt("inserted"),
    updated: t.exposeInt("updated"),
    unchanged: t.exposeInt("unchanged"),
    error: t.exposeString("error", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    finishedAt: t.expose("finishedAt", { type: "DateTime", nullable: true }),
    rolledBackAt: t.expose("rolledBackAt", { type: "DateTime", nullable: true }),
    createdBy: t.string({
      nullable: true,
      description: "Who uploaded it: the member's name, or \"API key\".",
      resolve: async (r, _a, ctx) => {
        if (!r.createdByUserId) return r.createdByApiKeyId ? "API key" : null;
        const { rows } = await ctx.db.sql.query<{ name: string }>("SELECT name FROM users WHERE id = $1", [r.createdByUserId]);
        return rows[0]?.name ?? null;
      },
    }),
    canCommit: t.boolean({ resolve: (r) => (r.status === "UPLOADED" || r.status === "FAILED") && r.dataRows > 0 }),
    canCancel: t.boolean({ resolve: (r) => ["UPLOADED", "FAILED", "QUEUED", "VALIDATING", "RUNNING"].includes(r.status) && !r.cancelRequested }),
    canRollback: t.boolean({ resolve: (r) => r.status === "COMMITTED" }),
    duplicateOf: t.field({
      type: ImportObject,
      nullable: true,
      description: "An earlier committed import of the same file (checksum) with the same mapping: re-importing it changes nothing.",
      resolve: (r, _a, ctx) => findEarlierImport(ctx.db, r),
    }),
  }),
});

builder.objectField(WorkspaceRef, "imports", (t) =>
  t.connection({
    type: ImportRef,
    description: "CSV import history, newest first (import.manage).",
    authScopes: (ws) => ({ workspace: { workspaceId: ws.id, permission: "import.manage" } }),
    resolve: (ws, args, ctx, info) => {
      wakeWorker(ctx.db);
      return resolveCountedConnection(args, info, (page) => listImports(ctx.db, { workspaceId: ws.id, ...page }));
    },
  }),
);

builder.objectField(WorkspaceRef, "import", (t) =>
  t.field({
    type: ImportRef,
    description: "One import with its preview, mapping, validation report and progress (import.manage). Another workspace's import is NOT_FOUND.",
    args: { id: t.arg.id({ required: true }) },
    authScopes: (ws) => ({ workspace: { workspaceId: ws.id, permission: "import.manage" } }),
    resolve: async (ws, args, ctx) => {
      wakeWorker(ctx.db);
      const { workspaceId, rowId } = parseTenantNodeInput(String(args.id), "Import", ["id"]);
      if (workspaceId !== ws.id) throw AppError.notFound("Import not found");
      return findImport(ctx.db, { workspaceId, importId: rowId });
    },
  }),
);

const ImportColumnInput = builder.inputType("ImportColumnInput", {
  fields: (t) => ({
    index: t.int({ required: true, validate: z.number().int().min(0).max(10_000) }),
    target: t.string({ required: true, validate: z.string().max(100) }),
  }),
});
const ImportMeasureAliasInput = builder.inputType("ImportMeasureAliasInput", {
  fields: (t) => ({
    value: t.string({ required: true, validate: z.string().max(200) }),
    measure: t.string({ required: true, validate: z.string().max(100) }),
  }),
});
const ImportMappingInput = builder.inputType("ImportMappingInput", {
  description: "Column targets (date, channel, campaign, measure, value, ignore or a measure key); long-layout measure names mapped to keys; a channel for files without one.",
  fields: (t) => ({
    columns: t.field({ type: [ImportColumnInput], required: true, validate: z.array(z.unknown()).max(500) }),
    measureAliases: t.field({ type: [ImportMeasureAliasInput], validate: z.array(z.unknown()).max(500) }),
    defaultChannel: t.string({ validate: z.string().max(100) }),
    currency: t.string({
      description: "ISO 4217 code of the file's money (RUB, USD…); absent = the workspace's reporting currency. An unknown code is a field error.",
      validate: z.string().max(10),
    }),
    rate: t.field({
      type: "Decimal",
      description: "One unit of `currency` in the reporting currency (exact decimal > 0); required when `currency` differs from it. A rate ≤ 0 is a field error.",
    }),
  }),
});

type MappingInput = {
  columns: { index: number; target: string }[];
  measureAliases?: { value: string; measure: string }[] | null;
  defaultChannel?: string | null;
  currency?: string | null;
  rate?: string | null;
};
const toMapping = (m: MappingInput): ImportMapping => ({
  columns: m.columns.map((c) => ({ index: c.index, target: c.target })),
  measureAliases: (m.measureAliases ?? []).map((a) => ({ value: a.value, measure: a.measure })),
  defaultChannel: m.defaultChannel ?? null,
  ...(m.currency?.trim() ? { currency: m.currency.trim().toUpperCase() } : {}),
  ...(m.rate ? { rate: m.rate } : {}),
});

async function importTarget(ctx: GraphQLContext, rawId: string): Promise<{ workspaceId: string; importId: string }> {
  const { workspaceId, rowId } = parseTenantNodeInput(rawId, "Import", ["id"]);
  await ctx.requirePermission(workspaceId, "import.manage");
  return { workspaceId, importId: rowId };
}

builder.mutationField("updateImportMapping", (t) =>
  t.field({
    type: ImportRef,
    description: "Re-validates an uploaded file with another mapping (and number style); returns the new preview and report. Writes no facts.",
    args: {
      id: t.arg.id({ required: true }),
      mapping: t.arg({ type: ImportMappingInput, required: true }),
      numberStyle: t.arg({ type: ImportNumberStyleEnum }),
    },
    resolve: async (_root, args, ctx) => {
      const target = await importTarget(ctx, String(args.id));
      return updateImportMapping(ctx.db, { ...target, mapping: toMapping(args.mapping), numberStyle: args.numberStyle ?? null });
    },
  }),
);

builder.mutationField("commitImport", (t) =>
  t.field({
    type: ImportRef,
    description: "Queues the import: a background job writes it in chunks (progress on Import.progress). With a new mapping the whole file is validated first; on any problem nothing is written.",
    args: { id: t.arg.id({ required: true }), mapping: t.arg({ type: ImportMappingInput }) },
    resolve: async (_root, args, ctx) => {
      const target = await importTarget(ctx, String(args.id));
      const record = await commitImport(ctx.db, { ...target, mapping: args.mapping ? toMapping(args.mapping) : null });
      await (await importWorkerFor(ctx.db)).enqueue(target);
      return record;
    },
  }),
);

builder.mutationField("cancelImport", (t) =>
  t.field({
    type: ImportRef,
    description: "Cancels an import; a running job stops after its current chunk and undoes what it wrote.",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => cancelImport(ctx.db, await importTarget(ctx, String(args.id))),
  }),
);

builder.mutationField("rollbackImport", (t) =>
  t.field({
    type: ImportRef,
    description: "Rolls a committed import back: facts it changed get back exactly the values it replaced, facts it inserted are deleted.",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => rollbackImport(ctx.db, { ...(await importTarget(ctx, String(args.id))), actor: actorOf(ctx.viewer!) }),
  }),
);
