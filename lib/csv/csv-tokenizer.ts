/**
 * An incremental CSV tokenizer for decoded text, written for the import hot path: csv-parse
 * with `info: true` spent ≈ 20 µs a record here (profiled: 200 000 records in 4.5 s on the
 * shared 2-core machine, more than the database write of the same rows), this one ≈ 1 µs.
 *
 * It reproduces the csv-parse options the importer used — RFC 4180 quoting with `""` as an
 * escaped quote, `bom`, `relax_quotes`, `relax_column_count`, `skip_empty_lines`,
 * `skip_records_with_empty_values` and the `info.lines` row number — so reports name the same
 * rows (lib/csv/csv-tokenizer.test.ts compares the two on generated files):
 *
 * - a record ends at `\n`, `\r\n` or a lone `\r` outside quotes; its row is the 1-based line
 *   of its last line (line breaks inside quotes count — a `\r\n` there once, where csv-parse
 *   counted it twice and so misnumbered every later row); a file mixing line endings splits at
 *   each of them (csv-parse used the first one it met and glued the others into cells);
 * - a quote opens a quoted field only as the field's first character; elsewhere it is data;
 * - a closing quote followed by anything but a delimiter, a line break or the end is kept as
 *   data the way csv-parse's relax_quotes does (`"b"c` reads `"b"c`);
 * - a line with nothing on it is skipped, and so is a record whose cells are all blank;
 * - a quote still open at the end of the input is an error ({@link CsvFormatError}
 *   `UNCLOSED_QUOTE`, naming the row and column where it opened);
 * - a NUL or another control character (anything below U+0020 but tab and line breaks) in a
 *   cell is an error naming its row and column (`NUL_BYTE`, `BINARY_DATA`): such a file is not
 *   text, or not the text it claims to be (UTF-16 without a BOM reads as NULs);
 * - a record wider than `maxColumns` cells is refused the moment the cell after the limit
 *   starts (`TOO_MANY_COLUMNS`) and one longer than `maxRecordChars` characters as soon as it
 *   passes it (`RECORD_TOO_LONG`): a hostile header of a million columns costs nothing.
 *
 * State is kept between chunks (no re-scanning), so memory is one record plus the chunk.
 */
export class CsvTokenizer {
  private readonly delimiter: number;
  private readonly maxColumns: number;
  private readonly maxRecordChars: number;
  /** Characters of the current record's finished fields. */
  private recordChars = 0;
  /** A control character was seen in the input: records are checked cell by cell until it is found. */
  private dirty = false;
  /** Line and column (0-based) of the quote that opened the current quoted field. */
  private quoteLine = 0;
  private quoteColumn = 0;
  private record: string[] = [];
  /** The current field's text from earlier chunks (or before an escaped quote). */
  private field = "";
  /** The current field has started (quoted, or characters seen). */
  private fieldStarted = false;
  private inQuotes = false;
  /** The current field was quoted (a quoted empty line is a record, not an empty line). */
  private wasQuoted = false;
  /** A quote inside quotes was the last character of the previous chunk. */
  private pendingQuote = false;
  /** A \r was the last character of the previous chunk (a following \n belongs to it). */
  private pendingCr = false;
  private line = 1;
  private bomChecked = false;

  constructor(delimiter: string, options: { maxColumns?: number; maxRecordChars?: number } = {}) {
    if (delimiter.length !== 1) throw new Error("the delimiter must be one character");
    this.delimiter = delimiter.charCodeAt(0);
    this.maxColumns = options.maxColumns ?? MAX_COLUMNS;
    this.maxRecordChars = options.maxRecordChars ?? MAX_RECORD_CHARS;
  }

  /** Feeds decoded text; calls `emit` for every complete record. */
  push(text: string, emit: (cells: string[], row: number) => void): void {
    let i = 0;
    const n = text.length;
    // One regex scan of the chunk (fast); the cell-by-cell search only runs on a file that has one.
    if (!this.dirty && CONTROL.test(text)) this.dirty = true;
    if (!this.bomChecked && n > 0) {
      this.bomChecked = true;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    if (this.pendingCr && i < n) {
      this.pendingCr = false;
      if (text.charCodeAt(i) === LF) i++;
    }
    if (this.pendingQuote && i < n) {
      this.pendingQuote = false;
      i = this.afterQuote(text, i);
    }
    const delimiter = this.delimiter;
    while (i < n) {
      if (this.inQuotes) {
        const q = text.indexOf('"', i);
        const end = q === -1 ? n : q;
        this.countLines(text, i, end);
        this.field += text.slice(i, end);
        this.checkLength();
        if (q === -1) return;
        if (q + 1 === n) {
          this.pendingQuote = true;
          return;
        }
        i = this.afterQuote(text, q + 1);
        continue;
      }
      // Unquoted: scan to the next delimiter, line break or quote.
      const start = i;
      let c = 0;
      while (i < n) {
        c = text.charCodeAt(i);
        if (c === delimiter || c === LF || c === CR || c === QUOTE) break;
        i++;
      }
      if (i > start) {
        this.field += text.slice(start, i);
        this.fieldStarted = true;
        this.checkLength();
      }
      if (i === n) return;
      if (c === QUOTE) {
        if (!this.fieldStarted && !this.wasQuoted) {
          this.quoteLine = this.line;
          this.quoteColumn = this.record.length;
          this.inQuotes = true;
          this.wasQuoted = true;
          this.fieldStarted = true;
        } else {
          this.field += '"';
        }
        i++;
      } else if (c === delimiter) {
        this.endField();
        i++;
      } else {
        // Line break.
        i++;
        if (c === CR) {
          if (i === n) this.pendingCr = true;
          else if (text.charCodeAt(i) === LF) i++;
        }
        this.endRecord(emit);
        this.line++;
      }
    }
  }

  /** Whether the input so far ends inside a quoted field. */
  get inQuotedField(): boolean {
    return this.inQuotes && !this.pendingQuote;
  }

  /** Ends the input: emits the last record (no trailing line break). Throws on an open quote. */
  end(emit: (cells: string[], row: number) => void): void {
    if (this.pendingQuote) {
      this.pendingQuote = false;
      this.inQuotes = false;
    }
    if (this.inQuotes) {
      throw new CsvFormatError(
        "UNCLOSED_QUOTE",
        this.quoteLine,
        this.quoteColumn,
        `the quote opened in row ${this.quoteLine}, column ${this.quoteColumn + 1} is never closed`,
      );
    }
    this.pendingCr = false;
    this.endRecord(emit);
  }

  /** After a quote inside quotes, at `i` (the next character exists). */
  private afterQuote(text: string, i: number): number {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      this.field += '"';
      return i + 1;
    }
    this.inQuotes = false;
    if (c === this.delimiter || c === LF || c === CR) return i; // the unquoted scan ends the field
    // relax_quotes: csv-parse keeps both quotes as data and reads on unquoted (`"b"c` → `"b"c`).
    this.field = `"${this.field}"`;
    return i;
  }

  private countLines(text: string, from: number, to: number): void {
    for (let k = from; k < to; k++) {
      const c = text.charCodeAt(k);
      if (c === LF) {
        if (!(k > from ? text.charCodeAt(k - 1) === CR : this.pendingCrInQuotes)) this.line++;
      } else if (c === CR) this.line++;
    }
    this.pendingCrInQuotes = to > from && text.charCodeAt(to - 1) === CR;
  }
  private pendingCrInQuotes = false;

  private checkLength(): void {
    if (this.recordChars + this.field.length > this.maxRecordChars) {
      throw new CsvFormatError(
        "RECORD_TOO_LONG",
        this.line,
        this.record.length,
        `row ${this.line} is longer than ${this.maxRecordChars} characters`,
        this.maxRecordChars,
      );
    }
  }

  private endField(): void {
    if (this.record.length >= this.maxColumns) {
      throw new CsvFormatError(
        "TOO_MANY_COLUMNS",
        this.line,
        this.record.length,
        `row ${this.line} has more than ${this.maxColumns} columns`,
        this.maxColumns,
      );
    }
    this.recordChars += this.field.length;
    this.record.push(this.field);
    this.field = "";
    this.fieldStarted = false;
    this.wasQuoted = false;
  }

  private endRecord(emit: (cells: string[], row: number) => void): void {
    if (this.record.length === 0 && !this.fieldStarted && !this.wasQuoted) return; // empty line
    this.endField();
    const cells = this.record;
    this.record = [];
    this.recordChars = 0;
    if (this.dirty) this.checkControl(cells);
    for (let k = 0; k < cells.length; k++) {
      if (cells[k].trim() !== "") {
        emit(cells, this.line);
        return;
      }
    }
  }

  /** Throws at the first cell holding a control character (a NUL first of all). */
  private checkControl(cells: string[]): void {
    for (let k = 0; k < cells.length; k++) {
      const cell = cells[k];
      if (!CONTROL.test(cell)) continue;
      const nul = cell.indexOf("\u0000");
      if (nul >= 0)
        throw new CsvFormatError(
          "NUL_BYTE",
          this.line,
          k,
          `row ${this.line}, column ${k + 1} holds a NUL byte: the file is binary, or UTF-16 without a byte order mark`,
        );
      const code = cell.charCodeAt(cell.search(CONTROL));
      throw new CsvFormatError(
        "BINARY_DATA",
        this.line,
        k,
        `row ${this.line}, column ${k + 1} holds the control character U+${code.toString(16).padStart(4, "0").toUpperCase()}: the file is not plain text`,
      );
    }
  }
}

/** The widest record accepted (header included): far beyond any real export, far below a hostile one. */
export const MAX_COLUMNS = 2_000;
/** The longest record accepted, in characters (a cell is a name or a number, not a document). */
export const MAX_RECORD_CHARS = 1 << 20;

export type CsvFormatErrorCode = "UNCLOSED_QUOTE" | "NUL_BYTE" | "BINARY_DATA" | "TOO_MANY_COLUMNS" | "RECORD_TOO_LONG";

/** A file that cannot be read as CSV at all; `row` is 1-based, `column` 0-based. */
export class CsvFormatError extends Error {
  constructor(
    readonly code: CsvFormatErrorCode,
    readonly row: number,
    readonly column: number,
    message: string,
    /** The limit a TOO_MANY_COLUMNS / RECORD_TOO_LONG record went over. */
    readonly limit: number | null = null,
  ) {
    super(message);
    this.name = "CsvFormatError";
  }
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
const LF = 10;
const CR = 13;
const QUOTE = 34;
