/**
 * The encodings CSV exports arrive in (SPEC §7): UTF-8 with or without a BOM, UTF-16 with a
 * BOM (Excel's "Unicode text"), or Windows-1251 (Russian Excel "CSV" on Windows).
 *
 * The choice is strict — an encoding is used only when the *whole* file decodes cleanly in it:
 *
 * - a UTF-16 BOM (FF FE / FE FF): UTF-16, every code unit checked (no lone surrogate, no odd
 *   byte at the end);
 * - bytes that are valid UTF-8 throughout (BOM or not): UTF-8;
 * - otherwise Windows-1251, but only when the file looks like a Windows-1251 text and nothing
 *   else: no byte 0x98 (undefined in 1251), no control byte other than tab and line breaks, and
 *   more invalid UTF-8 positions than valid multi-byte UTF-8 characters. Cyrillic in 1251 is
 *   almost never valid UTF-8 (a letter 0xC0–0xFF followed by another letter is invalid), while
 *   a UTF-8 file with one stray byte (say an 0xA0 pasted from a web page) has thousands of valid
 *   multi-byte characters and one bad position: reading *that* as 1251 would turn «Яндекс
 *   Директ» into «РЇРЅРґРµРєСЃ Р”РёСЂРµРєС‚» and split a channel's history, so it is an error;
 * - anything else (a damaged UTF-8 file, a binary file) is `unknown`, with the first bad byte's
 *   offset and row, and the import reports it instead of guessing.
 */
export type CsvEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1251" | "unknown";

export interface EncodingProblem {
  /** 0-based byte offset of the first byte that is not valid in the file's encoding. */
  offset: number;
  /** 1-based line of that byte (line feeds before it + 1). */
  row: number;
}

export interface EncodingGuess {
  encoding: CsvEncoding;
  /** Whether the file starts with a byte order mark (skipped when reading). */
  bom: boolean;
  /** Set when `encoding` is `unknown`: where the file stopped decoding. */
  problem?: EncodingProblem | null;
}

export const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];
}

/** The length of the byte order mark a file of this encoding starts with (0 when none). */
export function bomLength(head: Uint8Array, encoding: CsvEncoding): number {
  if (encoding === "utf-8") return hasUtf8Bom(head) ? 3 : 0;
  if (encoding === "utf-16le") return head[0] === 0xff && head[1] === 0xfe ? 2 : 0;
  if (encoding === "utf-16be") return head[0] === 0xfe && head[1] === 0xff ? 2 : 0;
  return 0;
}

/** Detects the encoding of a whole buffer (use {@link EncodingDetector} for streams). */
export function detectEncoding(bytes: Uint8Array): EncodingGuess {
  const detector = new EncodingDetector();
  detector.push(bytes);
  return detector.finish();
}

/**
 * Streaming encoding check: feed chunks as they arrive (a character may be split between
 * chunks), then `finish()`. One pass over the bytes with a hand-written UTF-8 state machine
 * (WHATWG rules: no overlong forms, no surrogates, nothing above U+10FFFF), so that the first
 * bad byte is known exactly; a UTF-16 file is checked code unit by code unit instead.
 */
export class EncodingDetector {
  private head: number[] = [];
  private mode: "undecided" | "utf-8" | "utf-16le" | "utf-16be" = "undecided";
  private offset = 0;
  private line = 1;
  // UTF-8 state.
  private need = 0;
  private lower = 0x80;
  private upper = 0xbf;
  private seqStart = 0;
  private seqLine = 1;
  private validMultibyte = 0;
  private invalid = 0;
  private firstInvalid: EncodingProblem | null = null;
  /** A byte Windows-1251 cannot hold as text: 0x98 (undefined) or a control byte. */
  private not1251 = false;
  // UTF-16 state.
  private oddByte = -1;
  private highSurrogate = false;
  private highAt: EncodingProblem | null = null;
  private firstBad16: EncodingProblem | null = null;

  push(chunk: Uint8Array): void {
    if (this.mode !== "undecided") return this.scan(chunk);
    // The byte order mark decides the mode: keep the first chunks until three bytes are known.
    this.pending.push(chunk);
    for (let i = 0; i < chunk.length && this.head.length < 3; i++) this.head.push(chunk[i]);
    if (this.head.length >= 3) this.decide();
  }

  private pending: Uint8Array[] = [];

  private decide(): void {
    const [a, b] = this.head;
    this.mode = a === 0xff && b === 0xfe ? "utf-16le" : a === 0xfe && b === 0xff ? "utf-16be" : "utf-8";
    for (const chunk of this.pending) this.scan(chunk);
    this.pending = [];
  }

  finish(): EncodingGuess {
    if (this.mode === "undecided") this.decide();
    if (this.mode === "utf-16le" || this.mode === "utf-16be") {
      if (this.highSurrogate) this.firstBad16 ??= this.highAt;
      if (this.oddByte >= 0) this.firstBad16 ??= { offset: this.offset - 1, row: this.line };
      return this.firstBad16
        ? { encoding: "unknown", bom: true, problem: this.firstBad16 }
        : { encoding: this.mode, bom: true };
    }
    if (this.need > 0) this.markInvalid(this.seqStart, this.seqLine); // truncated sequence at the end
    const bom = this.head.length >= 3 && hasUtf8Bom(Uint8Array.from(this.head));
    if (this.invalid === 0) return { encoding: "utf-8", bom };
    if (!bom && !this.not1251 && this.invalid > this.validMultibyte) return { encoding: "windows-1251", bom: false };
    return { encoding: "unknown", bom, problem: this.firstInvalid };
  }

  private scan(chunk: Uint8Array): void {
    if (this.mode === "utf-8") this.scanUtf8(chunk);
    else this.scanUtf16(chunk, this.mode === "utf-16le");
  }

  private scanUtf8(chunk: Uint8Array): void {
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const b = chunk[i];
      const at = this.offset + i;
      if (b === 0x98) this.not1251 = true;
      if (this.need > 0) {
        if (b >= this.lower && b <= this.upper) {
          this.lower = 0x80;
          this.upper = 0xbf;
          if (--this.need === 0) this.validMultibyte++;
          continue;
        }
        // The sequence broke: its lead is the bad byte; this byte starts afresh.
        this.need = 0;
        this.lower = 0x80;
        this.upper = 0xbf;
        this.markInvalid(this.seqStart, this.seqLine);
      }
      if (b < 0x80) {
        if (b < 0x20) {
          if (b === 0x0a) this.line++;
          else if (b !== 0x09 && b !== 0x0d) this.not1251 = true;
        }
        continue;
      }
      this.seqStart = at;
      this.seqLine = this.line;
      if (b >= 0xc2 && b <= 0xdf) this.need = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        this.need = 2;
        if (b === 0xe0) this.lower = 0xa0;
        else if (b === 0xed) this.upper = 0x9f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        this.need = 3;
        if (b === 0xf0) this.lower = 0x90;
        else if (b === 0xf4) this.upper = 0x8f;
      } else this.markInvalid(at, this.line);
    }
    this.offset += n;
  }

  private markInvalid(offset: number, row: number): void {
    this.invalid++;
    this.firstInvalid ??= { offset, row };
  }

  private scanUtf16(chunk: Uint8Array, littleEndian: boolean): void {
    let i = 0;
    const n = chunk.length;
    // The byte order mark's two bytes are part of the stream: skip them as a unit like any other.
    if (this.oddByte >= 0 && n > 0) {
      this.unit(littleEndian ? this.oddByte | (chunk[0] << 8) : (this.oddByte << 8) | chunk[0], this.offset - 1);
      this.oddByte = -1;
      i = 1;
    }
    for (; i + 1 < n; i += 2)
      this.unit(littleEndian ? chunk[i] | (chunk[i + 1] << 8) : (chunk[i] << 8) | chunk[i + 1], this.offset + i);
    if (i < n) this.oddByte = chunk[i];
    this.offset += n;
  }

  private unit(u: number, at: number): void {
    if (this.highSurrogate) {
      this.highSurrogate = false;
      if (u >= 0xdc00 && u <= 0xdfff) return;
      this.firstBad16 ??= this.highAt;
    }
    if (u >= 0xd800 && u <= 0xdbff) {
      this.highSurrogate = true;
      this.highAt = { offset: at, row: this.line };
    } else if (u >= 0xdc00 && u <= 0xdfff) this.firstBad16 ??= { offset: at, row: this.line };
    else if (u === 0x0a) this.line++;
  }
}
