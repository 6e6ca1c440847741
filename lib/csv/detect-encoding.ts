/**
 * The encodings CSV exports arrive in (SPEC §7): UTF-8 with or without a BOM, or Windows-1251
 * (Russian Excel "CSV" on Windows). A file is UTF-8 when its bytes are valid UTF-8 — Cyrillic
 * Windows-1251 text practically never is — so detection is a validity check, not a guess.
 */
export type CsvEncoding = "utf-8" | "windows-1251";

export interface EncodingGuess {
  encoding: CsvEncoding;
  /** Whether the file starts with the UTF-8 byte order mark (skipped when reading). */
  bom: boolean;
}

export const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];
}

/** Detects the encoding of a whole buffer (use {@link Utf8Validator} for streams). */
export function detectEncoding(bytes: Uint8Array): EncodingGuess {
  const validator = new Utf8Validator();
  validator.push(bytes);
  return validator.finish();
}

/**
 * Streaming UTF-8 validity check: feed chunks as they arrive (a multi-byte character may be
 * split between chunks), then `finish()`.
 */
export class Utf8Validator {
  private readonly decoder = new TextDecoder("utf-8", { fatal: true });
  private valid = true;
  private first: number[] = [];

  push(chunk: Uint8Array): void {
    if (this.first.length < 3) for (let i = 0; i < chunk.length && this.first.length < 3; i++) this.first.push(chunk[i]);
    if (!this.valid) return;
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      this.valid = false;
    }
  }

  finish(): EncodingGuess {
    if (this.valid) {
      try {
        this.decoder.decode();
      } catch {
        this.valid = false; // truncated multi-byte sequence at the end
      }
    }
    const bom = hasUtf8Bom(Uint8Array.from(this.first));
    return { encoding: this.valid || bom ? "utf-8" : "windows-1251", bom };
  }
}
