import { AppError } from "@/lib/errors/app-error";

/**
 * Reads a request body up to `maxBytes`, refusing a larger one while it streams: a declared
 * Content-Length over the limit is refused before reading, and the count is checked on every
 * chunk so an undeclared (chunked) body is cut off at the limit, never buffered whole.
 * Same shape as the hardening branch's helper, so either can replace the other.
 */
export async function readBodyLimited(request: Request, maxBytes: number, field = "body"): Promise<Uint8Array> {
  const tooLarge = () => AppError.badInput([field], "FIELD_TOO_LARGE_KB", { max: Math.round(maxBytes / 1024) });
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}
