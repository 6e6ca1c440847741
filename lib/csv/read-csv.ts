import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import type { Readable } from "node:stream";
import { parse } from "csv-parse";
import iconv from "iconv-lite";
import { type Delimiter, detectDelimiter } from "./detect-delimiter";
import { type CsvEncoding, hasUtf8Bom } from "./detect-encoding";

export interface CsvFormat {
  encoding: CsvEncoding;
  delimiter: Delimiter;
}

export interface CsvRecord {
  cells: string[];
  /** Line number of the record in the file (1-based; the header is line 1; a record with line breaks in quotes: its last line). */
  row: number;
}

/** Bytes read from the start of a file to detect its delimiter. */
const SNIFF_BYTES = 64 * 1024;

/** The first bytes of a file, decoded. */
export async function readHead(path: string, encoding: CsvEncoding, bytes = SNIFF_BYTES): Promise<string> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    const head = buffer.subarray(0, bytesRead);
    const body = hasUtf8Bom(head) ? head.subarray(3) : head;
    return encoding === "utf-8" ? body.toString("utf8") : iconv.decode(body, "win1251");
  } finally {
    await handle.close();
  }
}

/** Detects the delimiter of a file from its first 64 KiB. */
export async function sniffDelimiter(path: string, encoding: CsvEncoding): Promise<Delimiter> {
  return detectDelimiter(await readHead(path, encoding));
}

/**
 * Streams the records of a CSV file: decoded (UTF-8 with or without BOM, or Windows-1251),
 * split by csv-parse with RFC 4180 quoting, blank lines skipped, ragged rows allowed (a
 * missing trailing cell reads as empty). Memory stays flat: the stream holds one buffer.
 */
export async function* readCsvRecords(path: string, format: CsvFormat, options: { signal?: AbortSignal } = {}): AsyncGenerator<CsvRecord> {
  const file = createReadStream(path, { highWaterMark: 256 * 1024, signal: options.signal });
  const decoded: Readable = format.encoding === "utf-8" ? file : (file.pipe(iconv.decodeStream("win1251")) as unknown as Readable);
  const parser = decoded.pipe(
    parse({
      delimiter: format.delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      info: true,
    }),
  );
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { cells: item.record, row: item.info.lines };
    }
  } finally {
    file.destroy();
    parser.destroy();
  }
}
