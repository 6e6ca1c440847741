import { z } from "zod";
import { actorOf } from "@/lib/audit/actor";
import { type ImportIssue, issueReasonText } from "@/lib/csv/import-issue";
import { DIMENSION_TARGETS, IGNORE, type ImportMapping, layoutOf } from "@/lib/csv/import-mapping";
import { cancelImport } from "@/lib/imports/cancel-import";
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
import {
  canCancelImport,
  canCommitImport,
  canRollbackImport,
  importProgressFraction,
} from "@/lib/imports/import-actions";
import { listImportUploaders } from "@/lib/imports/list-import-uploaders";
import { listImports } from "@/lib/imports/list-imports";
import { queueImport } from "@/lib/imports/queue-import";
import { rollbackImport } from "@/lib/imports/rollback-import";
import { updateImportMapping } from "@/lib/imports/update-import-mapping";
import type { ImportReport, FactPreview } from "@/lib/imports/analyze-import-file";
import { wakeImportWorker } from "@/lib/jobs/wake-import-worker";
import { readMetricDefinitions } from "@/lib/metric-store/load-metric-definitions";
import { groupOfChannel } from "@/lib/channel-groups/channel-groups";
import { BASE_MEASURES } from "@/lib/metrics/measures";
import { AppError } from "@/lib/errors/app-error";
import { builder } from "../builder";
import { inWorkspace, onWorkspace } from "../authz";
import type { GraphQLContext } from "../context";
import { resolveCountedConnection } from "../connections";
import { parseTenantNodeId, tenantNodeId } from "../ids";
import { parseTenantNodeInput } from "../input-errors";
import { WorkspaceRef } from "./workspace";

/** The workspace's metric definitions, read once per operation (not once per import of a list). */
const definitionsOf = (ctx: GraphQLContext, workspaceId: string) =>
  ctx.memo(`importDefinitions:${workspaceId}`, () => readMetricDefinitions(ctx.db, workspaceId));

export const ImportStatusEnum = builder.enumType("ImportStatus", {
  description:
    "UPLOADED: validated, waiting for commit · QUEUED/VALIDATING/RUNNING: the job works · COMMITTED · FAILED (nothing written) · CANCELLED (nothing written) · ROLLED_BACK.",
  values: {
    CANCELLED: { description: "Cancelled; nothing written (or undone)." },
    COMMITTED: { description: "Written." },
    FAILED: { description: "Failed; nothing written." },
    QUEUED: { description: "Waiting for the worker." },
    ROLLED_BACK: { description: "Undone: previous values restored, created facts deleted." },
    RUNNING: { description: "Being written in chunks." },
    UPLOADED: { description: "Validated; waiting for commit." },
    VALIDATING: { description: "The whole file is being checked with a new mapping." },
  } satisfies Record<(typeof IMPORT_STATUSES)[number], { description: string }>,
});
const ImportSourceEnum = builder.enumType("ImportSource", {
  description: "Where an import came from.",
  values: {
    CSV: { description: "An uploaded CSV file." },
    DEMO: { description: "The demo dataset (loadDemoData)." },
  } as const,
});
const ImportLayoutEnum = builder.enumType("ImportLayout", {
  description: "WIDE: a measure per column · LONG: date, channel, campaign, measure, value.",
  values: {
    WIDE: { description: "One column per measure.", value: "wide" },
    LONG: { description: "One value per row: date, channel, campaign, measure, value.", value: "long" },
  } as const,
});
const ImportNumberStyleEnum = builder.enumType("ImportNumberStyle", {
  description: "RU: 1 234 567,89 · EN: 1,234,567.89.",
  values: {
    RU: { description: "1 234 567,89", value: "ru" },
    EN: { description: "1,234,567.89", value: "en" },
  } as const,
});

const ImportColumnRef = builder.objectRef<{ index: number; target: string }>("ImportColumn").implement({
  description: "Where one column of the file goes.",
  fields: (t) => ({
    index: t.exposeInt("index", { description: "0-based column index." }),
    target: t.exposeString("target", {
      description: "date | channel | campaign | measure | value | ignore | a measure key.",
    }),
  }),
});
const ImportMeasureAliasRef = builder.objectRef<{ value: string; measure: string }>("ImportMeasureAlias").implement({
  description: "A name used in a long file's measure column and the measure key it means.",
  fields: (t) => ({
    value: t.exposeString("value", { description: "The name as written in the file." }),
    measure: t.exposeString("measure", { description: "The measure key." }),
  }),
});
const ImportMappingRef = builder.objectRef<ImportMapping>("ImportMapping").implement({
  description: "How the file's columns become facts.",
  fields: (t) => ({
    layout: t.field({
      description: "Wide (a measure per column) or long (a measure column).",
      type: ImportLayoutEnum,
      resolve: (m) => layoutOf(m),
    }),
    columns: t.field({ description: "Each column's target.", type: [ImportColumnRef], resolve: (m) => m.columns }),
    measureAliases: t.field({
      description: "Long layout: names used in the measure column and the measure keys they stand for.",
      type: [ImportMeasureAliasRef],
      resolve: (m) => m.measureAliases,
    }),
    defaultChannel: t.exposeString("defaultChannel", {
      description: "The channel for every row when the file has no channel column.",
      nullable: true,
    }),
    currency: t.string({
      nullable: true,
      description: "ISO 4217 code of the file's money; null = the workspace's reporting currency.",
      resolve: (m) => m.currency ?? null,
    }),
    rate: t.field({
      type: "Decimal",
      nullable: true,
      description: "One unit of `currency` in the reporting currency (exact).",
      resolve: (m) => m.rate ?? null,
    }),
  }),
});
const ImportIssueRef = builder.objectRef<ImportIssue>("ImportIssue").implement({
  description:
    "One problem in the file: row (as a spreadsheet numbers it, header = 1; 0 = the whole file), column, value, reason.",
  fields: (t) => ({
    code: t.exposeString("code", {
      description: "A stable code for the problem (for programs; people read `reason`).",
    }),
    row: t.exposeInt("row", { description: "Row number as a spreadsheet shows it (header = 1; 0 = the whole file)." }),
    column: t.exposeString("column", {
      description: "The column's header; null for a whole-row or whole-file problem.",
      nullable: true,
    }),
    value: t.exposeString("value", {
      description: "The offending cell as read; null when there is none.",
      nullable: true,
    }),
    reason: t.exposeString("reason", {
      description: "The reason in English (reasonRu / reasonEn give it in either language).",
    }),
    reasonCode: t.string({
      nullable: true,
      description:
        "A stable machine code of the reason, finer than code (e.g. NOT_A_DATE, ROW_REPEATS); null in reports made before reasons had codes.",
      resolve: (i) => i.why?.code ?? null,
    }),
    reasonRu: t.string({ description: "The reason in Russian.", resolve: (i) => issueReasonText(i, "ru") }),
    reasonEn: t.string({ description: "The reason in English.", resolve: (i) => issueReasonText(i, "en") }),
    byteOffset: t.int({
      nullable: true,
      description:
        "For a file that does not decode (code BAD_ENCODING): the 0-based byte offset of the first byte that does not.",
      resolve: (i) => i.offset ?? null,
    }),
  }),
});
const ImportUnknownMeasureRef = builder
  .objectRef<ImportReport["unknownMeasures"][number]>("ImportUnknownMeasure")
  .implement({
    description: "A name in the measure column that matches no measure.",
    fields: (t) => ({
      name: t.exposeString("name", { description: "The name as written." }),
      rows: t.exposeInt("rows", { description: "Rows carrying it." }),
      firstRow: t.exposeInt("firstRow", { description: "First row where it appears." }),
      suggestion: t.exposeString("suggestion", {
        nullable: true,
        description: "A measure key the name resembles: offer it as the mapping.",
      }),
    }),
  });
const ImportReportRef = builder.objectRef<ImportReport & { workspaceId: string }>("ImportReport").implement({
  description: "Validation of the whole file with the mapping, made before anything is written.",
  fields: (t) => ({
    errorCount: t.exposeInt("errorCount", { description: "All problems found (issues lists the first 200)." }),
    issues: t.field({
      description: "Problems found (the first ones; errorCount has them all).",
      type: [ImportIssueRef],
      resolve: (r) => r.issues,
    }),
    unknownMeasures: t.field({
      description: "Names in the measure column that match no measure, with a suggestion.",
      type: [ImportUnknownMeasureRef],
      resolve: (r) => r.unknownMeasures,
    }),
    unmappedColumns: t.stringList({
      description: "Headers of columns mapped to nothing.",
      resolve: (r) => r.unmappedColumns,
    }),
    dataRows: t.exposeInt("dataRows", { description: "Records read after the header." }),
    factCount: t.exposeInt("factCount", {
      description: "Facts (date × channel × campaign × measure) the file gives with this mapping.",
    }),
    unmappedChannels: t.stringList({
      description:
        "Channels of the file in no channel group of the workspace (as mapped now): group-scoped KPIs (ROMI of paid channels…) leave them out until they are mapped (setChannelGroup). At most 100.",
      resolve: async (r, _a, ctx) => {
        if (!r.unmappedChannels || r.unmappedChannels.length === 0) return [];
        const { channelGroups } = await definitionsOf(ctx, r.workspaceId);
        return r.unmappedChannels.filter((c) => groupOfChannel(c, channelGroups) === null);
      },
    }),
  }),
});
const ImportPreviewRowRef = builder.objectRef<FactPreview>("ImportPreviewRow").implement({
  description: "One fact the mapping gives, before anything is written.",
  fields: (t) => ({
    row: t.exposeInt("row", { description: "The file row it came from (header = 1)." }),
    date: t.field({ description: "Day of the fact.", type: "Date", resolve: (r) => r.date }),
    channel: t.exposeString("channel", { description: "Channel." }),
    campaign: t.exposeString("campaign", { description: 'Campaign ("" = none).' }),
    measure: t.exposeString("measure", { description: "Measure key." }),
    value: t.field({ description: "The value as an exact decimal.", type: "Decimal", resolve: (r) => r.value }),
  }),
});
const ImportProgressRef = builder.objectRef<ImportRecord>("ImportProgress").implement({
  description: "Progress of an import's background job.",
  fields: (t) => ({
    status: t.field({
      description: "The import's status.",
      type: ImportStatusEnum,
      resolve: (r) => r.status as ImportStatus,
    }),
    rowsDone: t.exposeInt("rowsDone", { description: "Facts in committed chunks." }),
    rowsTotal: t.exposeInt("rowsTotal", { description: "Facts to write." }),
    fraction: t.float({ description: "rowsDone / rowsTotal, 0–1.", resolve: (r) => importProgressFraction(r) }),
    cancelRequested: t.exposeBoolean("cancelRequested", {
      description: "A cancel was asked for; the job stops after its current chunk.",
    }),
  }),
});
const ImportSampleRowRef = builder.objectRef<{ cells: string[] }>("ImportSampleRow").implement({
  description: "One record of the file as read.",
  fields: (t) => ({ cells: t.stringList({ description: "The record's cells as text.", resolve: (r) => r.cells }) }),
});
const ImportTargetRef = builder
  .objectRef<{ key: string; kind: "DIMENSION" | "MEASURE"; nameEn: string; nameRu: string }>("ImportTarget")
  .implement({
    description: "Something a column can be mapped to.",
    fields: (t) => ({
      key: t.exposeString("key", { description: "The target's key (a dimension such as date, or a measure key)." }),
      kind: t.exposeString("kind", {
        description: "DIMENSION (date, channel, campaign, measure, value, ignore) or MEASURE.",
      }),
      nameEn: t.exposeString("nameEn", { description: "Name in English." }),
      nameRu: t.exposeString("nameRu", { description: "Name in Russian." }),
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
  description:
    "One uploaded CSV file and what became of it: mapping, preview, validation report, progress and counts (SPEC §7).",
  id: { resolve: (r) => tenantNodeId(r.workspaceId, r.id) },
  loadOne: async (id, ctx) => {
    const parsed = parseTenantNodeId(id);
    if (!parsed || !(await ctx.access(parsed.workspaceId))?.permissions.has("import.manage")) return null;
    return findImport(ctx.db, { workspaceId: parsed.workspaceId, importId: parsed.rowId }).catch(() => null);
  },
  fields: (t) => ({
    fileName: t.exposeString("fileName", { description: "The uploaded file's name." }),
    fileSize: t.float({ description: "Bytes.", resolve: (r) => Number(r.fileSize) }),
    checksum: t.exposeString("checksum", { description: "SHA-256 of the file, hex." }),
    currency: t.exposeString("currency", {
      nullable: true,
      description: "ISO 4217 code of the import's money; null = the reporting currency.",
    }),
    currencyRate: t.field({
      type: "Decimal",
      nullable: true,
      description:
        "The rate the import's money was converted at into the reporting currency (exact), stored with the import.",
      resolve: (r) => (r.currencyRate === null ? null : r.currencyRate.toString()),
    }),
    source: t.field({
      type: ImportSourceEnum,
      description: "Where the import came from: a CSV file or the demo dataset.",
      resolve: (r) => (r.source === "demo" ? "DEMO" : "CSV"),
    }),
    status: t.field({
      description: "Where the import stands.",
      type: ImportStatusEnum,
      resolve: (r) => r.status as ImportStatus,
    }),
    progress: t.field({ description: "Where the background job stands.", type: ImportProgressRef, resolve: (r) => r }),
    encoding: t.exposeString("encoding", { description: "The text encoding detected: utf-8 or windows-1251." }),
    delimiter: t.exposeString("delimiter", { description: 'The field delimiter detected ("," or ";").' }),
    numberStyle: t.field({
      description: "How numbers in the file are written.",
      type: ImportNumberStyleEnum,
      resolve: (r) => r.numberStyle as "ru" | "en",
    }),
    headers: t.stringList({ description: "The file's header row.", resolve: (r) => headersOf(r) }),
    sampleRows: t.field({
      type: [ImportSampleRowRef],
      description: "The first rows as read (cells as text).",
      resolve: (r) => sampleRowsOf(r).map((cells) => ({ cells })),
    }),
    suggestedMapping: t.field({
      description: "The mapping guessed from the header, before any edit.",
      type: ImportMappingRef,
      resolve: (r) => suggestedMappingOf(r),
    }),
    mapping: t.field({
      type: ImportMappingRef,
      description: "The mapping the preview and report are for.",
      resolve: (r) => mappingOf(r),
    }),
    mappingTargets: t.field({
      type: [ImportTargetRef],
      description: "What a column can be mapped to: dimensions, catalog measures and the workspace's custom measures.",
      resolve: async (r, _a, ctx) => {
        const { customMeasures } = await definitionsOf(ctx, r.workspaceId);
        return [
          ...[...DIMENSION_TARGETS, IGNORE].map((key) => ({
            key,
            kind: "DIMENSION" as const,
            nameEn: DIMENSION_NAMES[key][0],
            nameRu: DIMENSION_NAMES[key][1],
          })),
          ...[...BASE_MEASURES, ...customMeasures.filter((m) => !m.archived)].map((m) => ({
            key: m.key,
            kind: "MEASURE" as const,
            nameEn: m.name.en,
            nameRu: m.name.ru,
          })),
        ];
      },
    }),
    preview: t.field({
      type: [ImportPreviewRowRef],
      description: "The first facts the mapping gives.",
      resolve: (r) => previewOf(r),
    }),
    report: t.field({
      type: ImportReportRef,
      description: "Validation of the whole file with the mapping, made before anything is written.",
      resolve: (r) => ({ ...reportOf(r), workspaceId: r.workspaceId }),
    }),
    dataRows: t.exposeInt("dataRows", { description: "Records in the file after the header." }),
    inserted: t.exposeInt("inserted", { description: "Facts the import created." }),
    updated: t.exposeInt("updated", { description: "Facts whose value the import changed." }),
    unchanged: t.exposeInt("unchanged", { description: "Rows equal to the stored fact (nothing written)." }),
    error: t.exposeString("error", { description: "Why the import failed; null otherwise.", nullable: true }),
    createdAt: t.expose("createdAt", { description: "When the file was uploaded.", type: "DateTime" }),
    finishedAt: t.expose("finishedAt", {
      description: "When the job ended (committed, failed or cancelled).",
      type: "DateTime",
      nullable: true,
    }),
    rolledBackAt: t.expose("rolledBackAt", {
      description: "When the import was rolled back; null otherwise.",
      type: "DateTime",
      nullable: true,
    }),
    createdBy: t.string({
      nullable: true,
      description: 'Who uploaded it: the member\'s name, or "API key".',
      resolve: async (r, _a, ctx) => {
        if (!r.createdByUserId) return r.createdByApiKeyId ? "API key" : null;
        // One read of the uploaders' names per operation, not one per import of a list.
        const names = await ctx.memo(`importUploaders:${r.workspaceId}`, () =>
          listImportUploaders(ctx.db, { workspaceId: r.workspaceId }),
        );
        return names.get(r.createdByUserId) ?? null;
      },
    }),
    canCommit: t.boolean({
      description: "Whether commitImport would accept it now (validated with rows, not yet written).",
      resolve: (r) => canCommitImport(r),
    }),
    canCancel: t.boolean({
      description: "Whether cancelImport would accept it now.",
      resolve: (r) => canCancelImport(r),
    }),
    canRollback: t.boolean({
      description: "Whether rollbackImport would accept it now (committed, not rolled back).",
      resolve: (r) => canRollbackImport(r),
    }),
    duplicateOf: t.field({
      type: ImportObject,
      nullable: true,
      description:
        "An earlier committed import of the same file (checksum) with the same mapping: re-importing it changes nothing.",
      resolve: (r, _a, ctx) => findEarlierImport(ctx.db, r),
    }),
  }),
});

builder.objectField(WorkspaceRef, "imports", (t) =>
  t.connection({
    type: ImportRef,
    description: "CSV import history, newest first (import.manage).",
    authScopes: onWorkspace("import.manage"),
    resolve: (ws, args, ctx, info) => {
      wakeImportWorker(ctx.db);
      return resolveCountedConnection(args, info, (page) => listImports(ctx.db, { workspaceId: ws.id, ...page }));
    },
  }),
);

builder.objectField(WorkspaceRef, "import", (t) =>
  t.field({
    type: ImportRef,
    description:
      "One import with its preview, mapping, validation report and progress (import.manage). Another workspace's import is NOT_FOUND.",
    args: { id: t.arg.id({ description: "The Import's global id.", required: true }) },
    authScopes: onWorkspace("import.manage"),
    resolve: async (ws, args, ctx) => {
      wakeImportWorker(ctx.db);
      const { workspaceId, rowId } = parseTenantNodeInput(String(args.id), "Import", ["id"]);
      if (workspaceId !== ws.id) throw AppError.notFound("Import not found");
      return findImport(ctx.db, { workspaceId, importId: rowId });
    },
  }),
);

const ImportColumnInput = builder.inputType("ImportColumnInput", {
  description: "Where one column of the file should go.",
  fields: (t) => ({
    index: t.int({
      description: "0-based column index.",
      required: true,
      validate: z.number().int().min(0).max(10_000),
    }),
    target: t.string({
      description: "date | channel | campaign | measure | value | ignore | a measure key.",
      required: true,
      validate: z.string().max(100),
    }),
  }),
});
const ImportMeasureAliasInput = builder.inputType("ImportMeasureAliasInput", {
  description: "A name used in a long file's measure column and the measure key it means.",
  fields: (t) => ({
    value: t.string({ description: "The name as written in the file.", required: true, validate: z.string().max(200) }),
    measure: t.string({ description: "The measure key.", required: true, validate: z.string().max(100) }),
  }),
});
const ImportMappingInput = builder.inputType("ImportMappingInput", {
  description:
    "Column targets (date, channel, campaign, measure, value, ignore or a measure key); long-layout measure names mapped to keys; a channel for files without one.",
  fields: (t) => ({
    columns: t.field({
      description: "Each column's target (at most 500).",
      type: [ImportColumnInput],
      required: true,
      validate: z.array(z.unknown()).max(500),
    }),
    measureAliases: t.field({
      description: "Long layout: names in the measure column mapped to measure keys (at most 500).",
      type: [ImportMeasureAliasInput],
      validate: z.array(z.unknown()).max(500),
    }),
    defaultChannel: t.string({
      description: "The channel for every row when the file has no channel column.",
      validate: z.string().max(100),
    }),
    currency: t.string({
      description:
        "ISO 4217 code of the file's money (RUB, USD…); absent = the workspace's reporting currency. An unknown code is a field error.",
      validate: z.string().max(10),
    }),
    rate: t.field({
      type: "Decimal",
      description:
        "One unit of `currency` in the reporting currency (exact decimal > 0); required when `currency` differs from it. A rate ≤ 0 is a field error.",
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

/** The import an `id` argument names (BAD_USER_INPUT when it is not an Import id). */
function importTarget(args: { id: string | number }): { workspaceId: string; importId: string } {
  const { workspaceId, rowId } = parseTenantNodeInput(String(args.id), "Import", ["id"]);
  return { workspaceId, importId: rowId };
}

/** import.manage in the import's workspace. */
const manageImport = inWorkspace(
  "import.manage",
  (_root: unknown, args: { id: string | number }) => importTarget(args).workspaceId,
);

builder.mutationField("updateImportMapping", (t) =>
  t.field({
    type: ImportRef,
    description:
      "Re-validates an uploaded file with another mapping (and number style); returns the new preview and report. Writes no facts.",
    args: {
      id: t.arg.id({ description: "The Import's global id.", required: true }),
      mapping: t.arg({
        description: "The mapping to validate the file with.",
        type: ImportMappingInput,
        required: true,
      }),
      numberStyle: t.arg({
        description: "How numbers are written in the file; absent = keep the detected style.",
        type: ImportNumberStyleEnum,
      }),
    },
    authScopes: manageImport,
    resolve: async (_root, args, ctx) => {
      const target = importTarget(args);
      return updateImportMapping(ctx.db, {
        ...target,
        mapping: toMapping(args.mapping),
        numberStyle: args.numberStyle ?? null,
      });
    },
  }),
);

builder.mutationField("commitImport", (t) =>
  t.field({
    type: ImportRef,
    description:
      "Queues the import: a background job writes it in chunks (progress on Import.progress). With a new mapping the whole file is validated first; on any problem nothing is written.",
    args: {
      id: t.arg.id({ description: "The Import's global id.", required: true }),
      mapping: t.arg({
        description: "A new mapping to validate the whole file with first; absent = the current one.",
        type: ImportMappingInput,
      }),
    },
    authScopes: manageImport,
    resolve: (_root, args, ctx) =>
      queueImport(ctx.db, { ...importTarget(args), mapping: args.mapping ? toMapping(args.mapping) : null }),
  }),
);

builder.mutationField("cancelImport", (t) =>
  t.field({
    type: ImportRef,
    description: "Cancels an import; a running job stops after its current chunk and undoes what it wrote.",
    args: { id: t.arg.id({ description: "The Import's global id.", required: true }) },
    authScopes: manageImport,
    resolve: (_root, args, ctx) => cancelImport(ctx.db, importTarget(args)),
  }),
);

builder.mutationField("rollbackImport", (t) =>
  t.field({
    type: ImportRef,
    description:
      "Rolls a committed import back: facts it changed get back exactly the values it replaced, facts it inserted are deleted.",
    args: { id: t.arg.id({ description: "The Import's global id.", required: true }) },
    authScopes: manageImport,
    resolve: (_root, args, ctx) => rollbackImport(ctx.db, { ...importTarget(args), actor: actorOf(ctx.viewer!) }),
  }),
);
