import "server-only";
import { randomUUID } from "node:crypto";
import { type FileHandle, mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import { crc32 } from "node:zlib";
import { type FactColumns, type FactLiterals, factColumns, factLiterals, pushFact } from "@/lib/ingestion/upsert-facts";
import type { MetricRow } from "@/lib/ingestion/validate-metric-rows";
import type { MeasureDefinition } from "@/lib/metrics/measures";

/**
 * The validated facts of a file, kept by the validation pass for the commit pass ("spill"):
 * chunk after chunk, each already as the five array literals the upsert sends (rows in key
 * order, see keyOrder). The commit pass then sends them as they are instead of reading and
 * checking the CSV a second time — measured on a 1 M-row file: that second read took ~3 CPU-s
 * of node (1.3 s of it garbage collection) on a 2-core machine whose PostgreSQL backends
 * needed the cores for the inserts.
 *
 * A spill is only a faster way to the very chunks the CSV would give, never a second source
 * of truth; it is used only when it provably is that:
 * - it is written only for a file without a single problem (report.errorCount 0, no suspected
 *   duplicate key): then chunk k holds facts [k·size, (k+1)·size) of the file in file order,
 *   exactly as readFactChunks splits it, and every fact passed the ingestion checks;
 * - its header names what its content is a function of — the file's SHA-256, the mapping
 *   fingerprint, the number style, the workspace's custom measures (keys and units: all the
 *   checks depend on), the chunk size, this format's version — and the fact count and the last
 *   date; the job uses it only when all match the import record and the workspace now, and
 *   the last date is still within the checks' range (otherwise it reads the CSV as before);
 * - it appears under its final name only once complete (written under a temporary name,
 *   header last, then renamed), and every chunk carries its number, row count and CRC-32: a
 *   damaged spill is removed and the attempt fails like any transient error, so the retry
 *   reads the CSV.
 * It lives beside the stored file and goes with it (removeStoredFile).
 */

/** Facts per chunk transaction of a new import (the import record's chunk_size, 10 000 by default). */
export const IMPORT_CHUNK_SIZE = 10_000;

/** Bump when the checks or the literal format change: older spills are then ignored. */
const SPILL_VERSION = 1;
const MAGIC = "TLSPILL\n";
/** Fixed header area at the start of the file (magic + JSON, space-padded). */
const HEADER_BYTES = 4096;
/** Per chunk: chunk number, rows, five byte lengths, CRC-32 of the payload. */
const CHUNK_HEADER_BYTES = 8 * 4;

export interface SpillKey {
  /** SHA-256 of the file (hex). */
  checksum: string;
  fingerprint: string;
  numberStyle: string;
  /** {@link measuresKey} of the workspace's custom measures. */
  measures: string;
  chunkSize: number;
}

interface SpillHeader extends SpillKey {
  version: number;
  facts: number;
  chunks: number;
  /** Latest fact date in the file ("" when none). */
  lastDate: string;
}

/** What the ingestion checks depend on of the custom measures: keys and units. */
export function measuresKey(customMeasures: readonly MeasureDefinition[]): string {
  return JSON.stringify(
    customMeasures.map((m) => [m.key, m.unit]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
  );
}

/**
 * Writes a spill while the validation pass streams the file: `add` every fact that passed
 * (in file order), `flush` now and then (writes the finished chunks), then `finish` — or
 * `abandon` as soon as the file turns out to have a problem.
 */
export class SpillWriter {
  private columns: FactColumns = factColumns();
  private pending: Buffer[] = [];
  private chunkNo = 0;
  private facts = 0;
  private lastDate = "";
  private closed = false;

  private constructor(
    private readonly handle: FileHandle,
    private readonly tmpPath: string,
    private readonly finalPath: string,
    private readonly key: SpillKey,
    private position: number,
  ) {}

  static async create(finalPath: string, key: SpillKey): Promise<SpillWriter> {
    await mkdir(path.dirname(finalPath), { recursive: true });
    const tmpPath = `${finalPath}.${randomUUID()}.tmp`;
    const handle = await open(tmpPath, "w");
    return new SpillWriter(handle, tmpPath, finalPath, key, HEADER_BYTES);
  }

  add(row: MetricRow): void {
    pushFact(this.columns, row);
    this.facts++;
    if (row.date > this.lastDate) this.lastDate = row.date;
    if (this.columns.dates.length === this.key.chunkSize) this.endChunk();
  }

  /** Writes the chunks finished so far. */
  async flush(): Promise<void> {
    const buffers = this.pending;
    if (buffers.length === 0) return;
    this.pending = [];
    const { bytesWritten } = await this.handle.writev(buffers, this.position);
    const expected = buffers.reduce((n, b) => n + b.length, 0);
    if (bytesWritten !== expected) throw new Error("short write to the import spill");
    this.position += expected;
  }

  /** Completes the spill and puts it in place (replacing an older one). */
  async finish(): Promise<void> {
    if (this.columns.dates.length > 0) this.endChunk();
    await this.flush();
    const header: SpillHeader = {
      ...this.key,
      version: SPILL_VERSION,
      facts: this.facts,
      chunks: this.chunkNo,
      lastDate: this.lastDate,
    };
    const text = MAGIC + JSON.stringify(header);
    const bytes = Buffer.alloc(HEADER_BYTES, " ");
    if (Buffer.byteLength(text) > HEADER_BYTES) throw new Error("import spill header too long");
    bytes.write(text);
    await this.handle.write(bytes, 0, HEADER_BYTES, 0);
    this.closed = true;
    await this.handle.close();
    await rename(this.tmpPath, this.finalPath);
  }

  async abandon(): Promise<void> {
    this.pending = [];
    this.columns = factColumns();
    if (!this.closed) {
      this.closed = true;
      await this.handle.close().catch(() => undefined);
    }
    await rm(this.tmpPath, { force: true });
  }

  private endChunk(): void {
    const rows = this.columns.dates.length;
    const parts = factLiterals(this.columns).map((l) => Buffer.from(l));
    this.columns = factColumns();
    const head = Buffer.alloc(CHUNK_HEADER_BYTES);
    head.writeUInt32LE(this.chunkNo++, 0);
    head.writeUInt32LE(rows, 4);
    let crc = 0;
    for (let i = 0; i < 5; i++) {
      head.writeUInt32LE(parts[i].length, 8 + 4 * i);
      crc = crc32(parts[i], crc);
    }
    head.writeUInt32LE(crc, 28);
    this.pending.push(head, ...parts);
  }
}

export interface SpilledChunk {
  chunkNo: number;
  rows: number;
  literals: FactLiterals;
}

/**
 * Opens the spill at `spillPath` when it is there, complete, and made for exactly `key` with
 * `facts` facts whose last date is not after `maxDate`; null otherwise (the caller reads the
 * CSV). The chunks are read one at a time; a damaged chunk removes the spill and throws.
 */
export async function openSpill(
  spillPath: string,
  expected: SpillKey & { facts: number; maxDate: string },
): Promise<AsyncGenerator<SpilledChunk> | null> {
  let handle: FileHandle;
  try {
    handle = await open(spillPath, "r");
  } catch {
    return null;
  }
  let header: SpillHeader;
  try {
    const bytes = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(bytes, 0, HEADER_BYTES, 0);
    const text = bytes.toString("utf8", 0, bytesRead);
    if (bytesRead !== HEADER_BYTES || !text.startsWith(MAGIC)) throw new Error("not a spill");
    header = JSON.parse(text.slice(MAGIC.length)) as SpillHeader;
  } catch {
    await handle.close();
    return null;
  }
  const fits =
    header.version === SPILL_VERSION &&
    header.checksum === expected.checksum &&
    header.fingerprint === expected.fingerprint &&
    header.numberStyle === expected.numberStyle &&
    header.measures === expected.measures &&
    header.chunkSize === expected.chunkSize &&
    header.facts === expected.facts &&
    header.lastDate <= expected.maxDate;
  if (!fits) {
    await handle.close();
    return null;
  }
  return readChunks(handle, spillPath, header);
}

class SpillDamaged extends Error {}

async function* readChunks(handle: FileHandle, spillPath: string, header: SpillHeader): AsyncGenerator<SpilledChunk> {
  let position = HEADER_BYTES;
  let facts = 0;
  const head = Buffer.alloc(CHUNK_HEADER_BYTES);
  try {
    for (let chunkNo = 0; chunkNo < header.chunks; chunkNo++) {
      const { bytesRead } = await handle.read(head, 0, CHUNK_HEADER_BYTES, position);
      if (bytesRead !== CHUNK_HEADER_BYTES || head.readUInt32LE(0) !== chunkNo)
        throw new SpillDamaged(`chunk ${chunkNo} missing`);
      const rows = head.readUInt32LE(4);
      const lengths = [0, 1, 2, 3, 4].map((i) => head.readUInt32LE(8 + 4 * i));
      const size = lengths.reduce((a, b) => a + b, 0);
      const payload = Buffer.allocUnsafe(size);
      const read = await handle.read(payload, 0, size, position + CHUNK_HEADER_BYTES);
      if (read.bytesRead !== size || crc32(payload) !== head.readUInt32LE(28))
        throw new SpillDamaged(`chunk ${chunkNo} damaged`);
      position += CHUNK_HEADER_BYTES + size;
      facts += rows;
      if (rows === 0 || rows > header.chunkSize || facts > header.facts)
        throw new SpillDamaged(`chunk ${chunkNo} has ${rows} rows`);
      let at = 0;
      const text = lengths.map((n) => payload.toString("utf8", at, (at += n)));
      yield { chunkNo, rows, literals: text as unknown as FactLiterals };
    }
    if (facts !== header.facts) throw new SpillDamaged(`${facts} of ${header.facts} facts`);
  } catch (error) {
    if (error instanceof SpillDamaged) {
      await rm(spillPath, { force: true });
      throw new Error(`The import spill was damaged (${error.message}); removed, the retry reads the file`);
    }
    throw error;
  } finally {
    await handle.close();
  }
}
