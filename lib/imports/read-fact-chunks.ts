import "server-only";
import { checkCellCount } from "@/lib/csv/check-cell-count";
import { type Reason, reasonText } from "@/lib/i18n/reasons";
import { type FactDraft, extractFacts, type ExtractContext } from "@/lib/csv/extract-facts";
import type { ImportIssue } from "@/lib/csv/import-issue";
import { type CsvFormat, readCsvBatches } from "@/lib/csv/read-csv";
import { type FactColumns, factColumns, pushFact } from "@/lib/ingestion/upsert-facts";
import type { MetricRowField, metricRowChecker } from "@/lib/ingestion/validate-metric-rows";

export interface FactChunk {
  /** 0-based chunk number: chunk k holds facts [k·size, (k+1)·size) of the file in file order. */
  chunkNo: number;
  /** The chunk's facts that passed the ingestion checks, as the upsert's columns. */
  columns: FactColumns;
  /** File row of each fact in `columns`. */
  rows: number[];
  /** Problems in the records that gave this chunk's facts (parse errors). */
  issues: ImportIssue[];
  /** The first fact of the chunk that failed the ingestion checks or repeated a key of the chunk. */
  problem: { row: number; message: string } | null;
}

/**
 * Streams a file's facts in chunks of `chunkSize` (the header is skipped). The split depends
 * only on the file and the mapping, so a resumed job sees the very same chunk numbers.
 * `onRecord` sees every data record (row counts for progress).
 *
 * Each fact is checked with the ingestion rules (`check`) and its key against the chunk's
 * others as it is read, and goes straight into the columns the upsert sends: no fact objects
 * are kept, so a chunk costs its strings and five arrays (memory stays flat on big files).
 * Channel and campaign texts are interned (files repeat a few of them on every row).
 */
export async function* readFactChunks(
  path: string,
  format: CsvFormat,
  ctx: ExtractContext,
  options: {
    chunkSize: number;
    check: ReturnType<typeof metricRowChecker>;
    signal?: AbortSignal;
    onRecord?(row: number): void;
  },
): AsyncGenerator<FactChunk> {
  const { check, chunkSize } = options;
  let chunkNo = 0;
  let chunk = emptyChunk(0);
  let size = 0;
  let keys = new ChunkKeys();
  const intern = new Interner();
  const drafts: FactDraft[] = [];
  let draft: FactDraft;
  const onProblem = (_field: MetricRowField, why: Reason) =>
    void (chunk.problem ??= { row: draft.row, message: reasonText(why, "en") });
  let header = true;
  for await (const batch of readCsvBatches(path, format, { signal: options.signal })) {
    for (const record of batch) {
      if (header) {
        header = false;
        continue;
      }
      options.onRecord?.(record.row);
      const shape = checkCellCount(ctx.headers, record.cells, record.row);
      if (shape) {
        chunk.issues.push(shape);
        continue;
      }
      drafts.length = 0;
      extractFacts(ctx, record.cells, record.row, drafts, chunk.issues);
      for (draft of drafts) {
        if (size === chunkSize) {
          yield chunk;
          chunk = emptyChunk(++chunkNo);
          size = 0;
          keys = new ChunkKeys();
        }
        size++;
        const row = check(draft, onProblem);
        if (row === null) continue;
        row.channel = intern.get(row.channel);
        row.campaign = intern.get(row.campaign);
        const c = chunk.columns;
        const first = keys.addOrFind(c, row.date, row.channel, row.campaign, row.measure);
        if (first >= 0) {
          chunk.problem ??= {
            row: draft.row,
            message: `repeats row ${chunk.rows[first]} (same date, channel, campaign and measure)`,
          };
          continue;
        }
        pushFact(c, row);
        chunk.rows.push(draft.row);
      }
    }
  }
  if (size > 0 || chunk.issues.length > 0) yield chunk;
}

function emptyChunk(chunkNo: number): FactChunk {
  return { chunkNo, columns: factColumns(), rows: [], issues: [], problem: null };
}

/**
 * The keys of one chunk by a 31-bit hash (small integers: no string kept per key); a hash hit
 * is compared field by field, so a collision is never taken for a duplicate.
 */
class ChunkKeys {
  private readonly first = new Map<number, number>();
  private readonly more = new Map<string, number>();

  /** Index of the earlier fact with this key in `c`, or -1 after recording it as the next index. */
  addOrFind(c: FactColumns, date: string, channel: string, campaign: string, measure: string): number {
    const index = c.dates.length;
    const hash = hash31(date, channel, campaign, measure);
    const at = this.first.get(hash);
    if (at === undefined) {
      this.first.set(hash, index);
      return -1;
    }
    if (
      c.dates[at] === date &&
      c.channels[at] === channel &&
      c.campaigns[at] === campaign &&
      c.measures[at] === measure
    )
      return at;
    const key = `${date}\u0000${channel}\u0000${campaign}\u0000${measure}`;
    const other = this.more.get(key);
    if (other !== undefined) return other;
    this.more.set(key, index);
    return -1;
  }
}

/** FNV-1a over the four fields (a 0 between them), 31 bits. */
function hash31(date: string, channel: string, campaign: string, measure: string): number {
  let h = fnv(0x811c9dc5, date);
  h = fnv(Math.imul(h, 0x01000193), channel);
  h = fnv(Math.imul(h, 0x01000193), campaign);
  h = fnv(Math.imul(h, 0x01000193), measure);
  return h & 0x7fffffff;
}

function fnv(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** One string instance per distinct text (bounded: a file of all-distinct names resets it). */
class Interner {
  private readonly map = new Map<string, string>();
  get(text: string): string {
    const known = this.map.get(text);
    if (known !== undefined) return known;
    if (this.map.size >= 10_000) this.map.clear();
    // A copy, so the interned text does not pin the read buffer it was sliced from.
    const own = text.length >= 13 ? (" " + text).slice(1) : text;
    this.map.set(own, own);
    return own;
  }
}
