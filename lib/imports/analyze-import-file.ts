import "server-only";
import { type ChannelGroupOverrides, groupOfChannel } from "@/lib/channel-groups/channel-groups";
import type { ExtractContext } from "@/lib/csv/extract-facts";
import { type FactDraft, columnName, extractFacts } from "@/lib/csv/extract-facts";
import { type ImportIssue, type ImportIssueCode, issueReason } from "@/lib/csv/import-issue";
import { type Reason, reason } from "@/lib/i18n/reasons";
import { type ImportMapping, IGNORE, mappingFingerprint, resolveMapping } from "@/lib/csv/import-mapping";
import { open, stat } from "node:fs/promises";
import { setImmediate as nextTurn } from "node:timers/promises";
import { checkCellCount } from "@/lib/csv/check-cell-count";
import { CsvFormatError, CsvTokenizer } from "@/lib/csv/csv-tokenizer";
import { EncodingDetector } from "@/lib/csv/detect-encoding";
import { KeySet } from "@/lib/csv/key-set";
import { type NumberStyle, detectNumberStyle } from "@/lib/csv/parse-number";
import { type CsvFormat, readCsvBatches, readCsvRecords, readHead } from "@/lib/csv/read-csv";
import { closestMeasure, suggestMapping } from "@/lib/csv/suggest-mapping";
import { type MetricRowField, metricRowChecker } from "@/lib/ingestion/validate-metric-rows";
import { type MeasureDefinition, getBaseMeasure } from "@/lib/metrics/measures";
import { SpillWriter, measuresKey } from "./fact-spill";
import { moneyMeasureTest } from "./load-import-definitions";

/** Issues kept in a report (all are counted): enough to fix a file, small enough to store. */
export const MAX_REPORTED_ISSUES = 200;
export const PREVIEW_FACTS = 20;
export const SAMPLE_ROWS = 10;
/** Distinct channel names checked against the channel groups, and unmapped ones reported. */
const MAX_SEEN_CHANNELS = 10_000;
const MAX_REPORTED_CHANNELS = 100;
/** Records read to detect the number style. */
const STYLE_SAMPLE_RECORDS = 200;
/** Records between progress calls; facts re-read together when confirming duplicates. */
export const ANALYSIS_CHUNK = 10_000;

export interface FactPreview {
  row: number;
  date: string;
  channel: string;
  campaign: string;
  measure: string;
  value: string;
}

export interface ImportReport {
  /** The mapping (fingerprint) this report was made for. */
  fingerprint: string;
  errorCount: number;
  issues: ImportIssue[];
  /** Long layout: names in the measure column that map to nothing, with a suggestion. */
  unknownMeasures: { name: string; rows: number; firstRow: number; suggestion: string | null }[];
  /** Headers of columns the mapping ignores. */
  unmappedColumns: string[];
  dataRows: number;
  /** Facts the file gives with this mapping (valid ones). */
  factCount: number;
  /**
   * Channels of the file in no channel group of the workspace (SPEC §4.2): group-scoped KPIs
   * will not read them until they are mapped. Absent in reports made before channel groups.
   */
  unmappedChannels?: string[];
}

export interface ImportAnalysis {
  headers: string[];
  sampleRows: string[][];
  numberStyle: NumberStyle;
  suggestedMapping: ImportMapping;
  mapping: ImportMapping;
  fingerprint: string;
  preview: FactPreview[];
  report: ImportReport;
}

export interface AnalyzeInput {
  path: string;
  format: CsvFormat;
  customMeasures: readonly MeasureDefinition[];
  mapping?: ImportMapping | null;
  numberStyle?: NumberStyle | null;
  /** Latest date accepted (default: tomorrow, UTC — see validateMetricRows). */
  maxDate?: string;
  /** The workspace's reporting currency: money cells are checked against the import's currency and converted (absent: no checks). */
  reportingCurrency?: string;
  /** The workspace's channel-group choices, to report channels in no group (default: none, the defaults alone). */
  channelGroups?: ChannelGroupOverrides;
  signal?: AbortSignal;
  /** Called with the number of data records read so far (about every ANALYSIS_CHUNK records, and at the end). */
  onProgress?(records: number): void;
  /**
   * Keep the validated facts at `path` for the commit pass (see fact-spill.ts): written only
   * when the file has no problem at all, in chunks of `chunkSize`; `checksum` is the file's.
   */
  spill?: { path: string; checksum: string; chunkSize: number };
}

/**
 * Reads a whole file once (streaming) and reports, before anything is written, every problem
 * the mapping would meet: unparseable dates and numbers, dates out of range, negative or
 * fractional counts, unknown measures (with a suggested mapping), empty channels, and
 * duplicate natural keys.
 *
 * Duplicates: two facts of one file with the same (date, channel, campaign, measure) are an
 * error naming both rows. "Last one wins" would make the result depend on row order, and a
 * file that means a sum should carry the sum (the same rule as ingestMetrics).
 */
export async function analyzeImportFile(input: AnalyzeInput): Promise<ImportAnalysis> {
  if (input.format.encoding === "unknown") return unreadable(input, await encodingIssue(input.path));
  const seen: { headers: string[] | null } = { headers: null };
  try {
    return await analyze(input, seen);
  } catch (error) {
    if (error instanceof CsvFormatError)
      return unreadable(input, formatIssue(error, seen.headers ?? (error.row > 1 ? await headerOf(input) : null)));
    throw error;
  }
}

async function analyze(input: AnalyzeInput, seen: { headers: string[] | null }): Promise<ImportAnalysis> {
  const custom = new Map(input.customMeasures.map((m) => [m.key, m]));
  const isMeasureKey = (key: string) => getBaseMeasure(key) !== undefined || custom.has(key);

  // Head: header, sample rows, number style.
  let headers: string[] | null = null;
  const sampleRows: string[][] = [];
  const sampleCells: string[] = [];
  let headRecords = 0;
  let headChars = 0;
  for await (const record of readCsvRecords(input.path, input.format, { signal: input.signal })) {
    if (!headers) {
      headers = record.cells.map((h) => h.trim());
      seen.headers = headers;
      continue;
    }
    for (const cell of record.cells) headChars += cell.length + 1;
    if (checkCellCount(headers, record.cells, record.row)) {
      ++headRecords; // counted, but not a sample of the file's numbers (the main pass reports it)
      continue;
    }
    if (sampleRows.length < SAMPLE_ROWS) sampleRows.push(record.cells);
    for (const cell of record.cells) if (/\d/.test(cell)) sampleCells.push(cell);
    if (++headRecords >= STYLE_SAMPLE_RECORDS) break;
  }
  const numberStyle = input.numberStyle ?? detectNumberStyle(sampleCells, input.format.delimiter);
  const suggestedMapping = suggestMapping(headers ?? [], input.customMeasures);
  const mapping = input.mapping ?? suggestedMapping;
  const fingerprint = mappingFingerprint(mapping);
  const report: ImportReport = {
    fingerprint,
    errorCount: 0,
    issues: [],
    unknownMeasures: [],
    unmappedColumns: [],
    dataRows: 0,
    factCount: 0,
    unmappedChannels: [],
  };
  // Channel names seen (bounded), and the unmapped ones in first-seen order.
  const seenChannels = new Set<string>();
  const overrides = input.channelGroups ?? new Map();
  const preview: FactPreview[] = [];
  const result = (): ImportAnalysis => ({
    headers: headers ?? [],
    sampleRows,
    numberStyle,
    suggestedMapping,
    mapping,
    fingerprint,
    preview,
    report,
  });
  const add = (issue: ImportIssue) => {
    report.errorCount++;
    if (report.issues.length < MAX_REPORTED_ISSUES) report.issues.push(issue);
  };

  if (!headers) {
    add({ code: "EMPTY_FILE", row: 0, column: null, value: null, ...issueReason(reason("EMPTY_FILE")) });
    return result();
  }
  if (headRecords === 0) {
    add({ code: "NO_ROWS", row: 1, column: null, value: null, ...issueReason(reason("NO_ROWS")) });
    return result();
  }
  const mapped = new Set(mapping.columns.filter((c) => c.target !== IGNORE).map((c) => c.index));
  report.unmappedColumns = headers.map((_, i) => columnName(headers!, i)).filter((_, i) => !mapped.has(i));
  const resolved = resolveMapping(mapping, headers.length, isMeasureKey, {
    reportingCurrency: input.reportingCurrency,
  });
  if (!resolved.ok) {
    for (const p of resolved.problems) {
      add({
        code: "MAPPING",
        row: 1,
        column: p.column === null ? null : columnName(headers, p.column),
        value: p.column === null ? null : (headers[p.column] ?? null),
        ...issueReason(p.reason),
      });
    }
    return result();
  }

  const unknown = new Map<string, { rows: number; firstRow: number }>();
  const ctx: ExtractContext = {
    mapping: resolved.mapping,
    headers,
    numberStyle,
    isMeasureKey,
    isMoneyMeasure: moneyMeasureTest(input.customMeasures),
    onUnknownMeasure(name, row) {
      const u = unknown.get(name);
      if (u) u.rows++;
      else if (unknown.size < 100) unknown.set(name, { rows: 1, firstRow: row });
    },
  };
  // One pass, row by row: extract, check, look the key up in the file-wide key set. Nothing
  // is collected per chunk, so memory is the key set (16 bytes a fact, see KeySet: 16 MB for
  // a million) plus one read buffer. The set is sized from the file size and the sampled
  // records so that it does not grow (growing holds the old and the new table at once).
  const check = metricRowChecker({ customMeasures: input.customMeasures, maxDate: input.maxDate });
  const fileBytes = (await stat(input.path)).size;
  const factsPerRecord = resolved.mapping.layout === "long" ? 1 : resolved.mapping.measures.length;
  const expectedFacts = Math.ceil((fileBytes / Math.max(1, headChars / headRecords)) * factsPerRecord * 1.1);
  const keys = new KeySet(Math.min(Math.max(expectedFacts, 1 << 12), 1 << 21));
  const suspects: { row: number; measure: string; key: string }[] = [];
  const facts: FactDraft[] = [];
  const issues: ImportIssue[] = [];
  let fact: FactDraft;
  const onProblem = (field: MetricRowField, why: Reason) => {
    const column =
      field === "value"
        ? fact.column
        : field === "date"
          ? resolved.mapping.date
          : field === "channel"
            ? resolved.mapping.channel
            : field === "campaign"
              ? resolved.mapping.campaign
              : resolved.mapping.measure;
    add({
      code: codeOf(field, why),
      row: fact.row,
      column: column === null ? field : columnName(headers!, column),
      value: fact[field],
      ...issueReason(why),
    });
  };
  let records = 0;
  let reported = 0;
  let header = true;
  let sliceStart = performance.now();
  // The spill is kept only while the file has no problem (and no suspected duplicate, which
  // confirmDuplicates might turn back into a fact the spill skipped): the first one drops it.
  let spill = input.spill
    ? await SpillWriter.create(input.spill.path, {
        checksum: input.spill.checksum,
        fingerprint,
        numberStyle,
        measures: measuresKey(input.customMeasures),
        chunkSize: input.spill.chunkSize,
      })
    : null;
  try {
    for await (const batch of readCsvBatches(input.path, input.format, { signal: input.signal })) {
      for (const record of batch) {
        if (header) {
          header = false;
          continue;
        }
        records++;
        const shape = checkCellCount(headers, record.cells, record.row);
        if (shape) {
          add(shape);
          continue;
        }
        facts.length = 0;
        issues.length = 0;
        extractFacts(ctx, record.cells, record.row, facts, issues);
        for (const issue of issues) add(issue);
        for (fact of facts) {
          const row = check(fact, onProblem);
          if (row === null) continue;
          const f = fact;
          if (!keys.addParts(f.date, f.channel, f.campaign, f.measure)) {
            if (suspects.length < 10_000)
              suspects.push({
                row: f.row,
                measure: f.measure,
                key: `${f.date}\u0000${f.channel}\u0000${f.campaign}\u0000${f.measure}`,
              });
            continue;
          }
          report.factCount++;
          if (!seenChannels.has(f.channel) && seenChannels.size < MAX_SEEN_CHANNELS) {
            seenChannels.add(f.channel);
            if (
              groupOfChannel(f.channel, overrides) === null &&
              report.unmappedChannels!.length < MAX_REPORTED_CHANNELS
            )
              report.unmappedChannels!.push(f.channel);
          }
          spill?.add(row);
          if (preview.length < PREVIEW_FACTS)
            preview.push({
              row: f.row,
              date: f.date,
              channel: f.channel,
              campaign: f.campaign,
              measure: f.measure,
              value: f.value,
            });
        }
      }
      if (spill && (report.errorCount > 0 || suspects.length > 0)) {
        await spill.abandon();
        spill = null;
      }
      await spill?.flush();
      // File reads already return to the event loop between batches; a slow batch (wide rows,
      // a cold cache) still gives way after SLICE_MS so that other requests are served.
      if (performance.now() - sliceStart > SLICE_MS) {
        await nextTurn();
        sliceStart = performance.now();
      }
      if (records - reported >= ANALYSIS_CHUNK) {
        reported = records;
        input.onProgress?.(records);
      }
    }
    if (spill && report.errorCount === 0 && suspects.length === 0) await spill.finish();
    else await spill?.abandon();
    spill = null;
  } finally {
    await spill?.abandon();
  }
  input.onProgress?.(records);
  report.dataRows = records;
  if (suspects.length > 0)
    await confirmDuplicates(
      input,
      ctx,
      check,
      suspects,
      (issue) => add(issue),
      () => report.factCount++,
    );
  report.unknownMeasures = [...unknown].map(([name, u]) => ({
    name,
    ...u,
    suggestion: closestMeasure(name, input.customMeasures),
  }));
  return result();
}

/** Longest stretch of analysis between two turns of the event loop. */
const SLICE_MS = 20;

/** The report of a file that cannot be read at all: one issue, no mapping work. */
function unreadable(input: AnalyzeInput, issue: ImportIssue): ImportAnalysis {
  const mapping: ImportMapping = input.mapping ?? { columns: [], measureAliases: [], defaultChannel: null };
  const fingerprint = mappingFingerprint(mapping);
  return {
    headers: [],
    sampleRows: [],
    numberStyle: input.numberStyle ?? "ru",
    suggestedMapping: mapping,
    mapping,
    fingerprint,
    preview: [],
    report: {
      fingerprint,
      errorCount: 1,
      issues: [issue],
      unknownMeasures: [],
      unmappedColumns: [],
      dataRows: 0,
      factCount: 0,
    },
  };
}

function formatIssue(error: CsvFormatError, headers: readonly string[] | null): ImportIssue {
  const column = headers && error.column < headers.length ? columnName(headers, error.column) : `${error.column + 1}`;
  return {
    code: error.code,
    row: error.row,
    column,
    value: null,
    ...issueReason(reason(error.code, { row: error.row, column, max: error.limit ?? 0 })),
  };
}

/** The header alone, for naming a column when the error came before the header was handed out. */
async function headerOf(input: AnalyzeInput): Promise<string[] | null> {
  let header: string[] | null = null;
  const tokenizer = new CsvTokenizer(input.format.delimiter);
  try {
    tokenizer.push(
      await readHead(input.path, input.format.encoding),
      (cells) => void (header ??= cells.map((h) => h.trim())),
    );
  } catch {
    // The error itself: the header, when it came before, is already kept.
  }
  return header;
}

/** Re-reads the file to name where it stops decoding (the upload only kept the verdict). */
async function encodingIssue(path: string): Promise<ImportIssue> {
  const detector = new EncodingDetector();
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.allocUnsafe(64 * 1024);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      detector.push(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  const problem = detector.finish().problem ?? { offset: 0, row: 1 };
  return {
    code: "BAD_ENCODING",
    row: problem.row,
    column: null,
    value: null,
    offset: problem.offset,
    ...issueReason(reason("BAD_ENCODING", { row: problem.row, offset: problem.offset })),
  };
}

function codeOf(field: string, why: Reason): ImportIssueCode {
  if (field === "date") return "DATE_OUT_OF_RANGE";
  if (field === "channel" || field === "campaign") return "BAD_TEXT";
  if (field === "measure") return "UNKNOWN_MEASURE";
  if (why.code === "NEGATIVE_COUNT") return "NEGATIVE_COUNT";
  if (why.code === "FRACTIONAL_COUNT") return "FRACTIONAL_COUNT";
  return "BAD_NUMBER";
}

/**
 * Hash hits are suspects (see KeySet): re-read the file, find the first row that gave each
 * suspect key (among facts that passed the checks, as in the first pass) and report a suspect
 * only when that row comes before it; otherwise the hit was a hash collision and the suspect
 * becomes a counted fact again.
 */
async function confirmDuplicates(
  input: AnalyzeInput,
  ctx: ExtractContext,
  check: ReturnType<typeof metricRowChecker>,
  suspects: { row: number; measure: string; key: string }[],
  report: (issue: ImportIssue) => void,
  countFact: () => void,
): Promise<void> {
  const firstRowOfKey = new Map<string, number>(suspects.map((s) => [s.key, -1]));
  const quiet = { ...ctx, onUnknownMeasure: undefined };
  const facts: FactDraft[] = [];
  const ignore = () => undefined;
  let header = true;
  for await (const batch of readCsvBatches(input.path, input.format, { signal: input.signal })) {
    for (const record of batch) {
      if (header) {
        header = false;
        continue;
      }
      facts.length = 0;
      extractFacts(quiet, record.cells, record.row, facts, []);
      for (const f of facts) {
        const key = `${f.date}\u0000${f.channel}\u0000${f.campaign}\u0000${f.measure}`;
        if (firstRowOfKey.get(key) !== -1 || check(f, ignore) === null) continue;
        firstRowOfKey.set(key, f.row);
      }
    }
  }
  for (const s of suspects) {
    const first = firstRowOfKey.get(s.key) ?? -1;
    if (first >= 0 && first < s.row) {
      report({
        code: "DUPLICATE_KEY",
        row: s.row,
        column: null,
        value: null,
        ...issueReason(
          reason("ROW_REPEATS", { row: s.row, first, measure: measureName(s.measure, input.customMeasures) }),
        ),
      });
    } else {
      countFact();
    }
  }
}

/** A measure's name in both languages for reasons (a base or custom measure; else its key). */
function measureName(key: string, custom: AnalyzeInput["customMeasures"]): { en: string; ru: string } | string {
  return getBaseMeasure(key)?.name ?? custom?.find((m) => m.key === key)?.name ?? key;
}
