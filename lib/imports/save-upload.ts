import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { once } from "node:events";
import { type EncodingGuess, EncodingDetector } from "@/lib/csv/detect-encoding";
import { AppError } from "@/lib/errors/app-error";
import { incomingPath } from "./import-store";

/** Largest file an import accepts: 256 MiB (a million long-layout rows is ≈ 50 MB). */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

export interface SavedUpload {
  path: string;
  size: number;
  /** SHA-256 of the bytes, hex. */
  checksum: string;
  encoding: EncodingGuess;
}

/**
 * Streams an upload to a file without ever holding it whole: bytes are counted, hashed
 * (SHA-256) and checked for UTF-8 validity as they pass. A declared size over the limit is
 * refused before the first byte is read; an undeclared or lying size is cut off the moment
 * the count passes the limit (the partial file is deleted).
 */
export async function saveUpload(input: {
  body: AsyncIterable<Uint8Array>;
  declaredSize?: number | null;
  maxBytes?: number;
}): Promise<SavedUpload> {
  const maxBytes = input.maxBytes ?? MAX_IMPORT_BYTES;
  if (input.declaredSize != null && input.declaredSize > maxBytes) throw fileTooLarge(maxBytes);
  const path = await incomingPath(`${randomUUID()}.part`);
  const out = createWriteStream(path, { flags: "wx" });
  const hash = createHash("sha256");
  const utf8 = new EncodingDetector();
  let size = 0;
  try {
    for await (const chunk of input.body) {
      size += chunk.byteLength;
      if (size > maxBytes) throw fileTooLarge(maxBytes);
      hash.update(chunk);
      utf8.push(chunk);
      if (!out.write(chunk)) await once(out, "drain");
    }
    out.end();
    await once(out, "finish");
  } catch (error) {
    out.destroy();
    await rm(path, { force: true });
    throw error;
  }
  return { path, size, checksum: hash.digest("hex"), encoding: utf8.finish() };
}

export function fileTooLarge(maxBytes: number): AppError {
  return AppError.badInput(["file"], "FILE_TOO_LARGE", { max: Math.floor(maxBytes / (1024 * 1024)) });
}
