/**
 * Request bodies read under a byte limit that holds *while streaming*: a declared
 * Content-Length over the limit is refused before the first byte is read, and a chunked or
 * lying body is cut off the moment its count passes the limit (the stream is cancelled, so the
 * rest is never read into memory). Every route that reads a body goes through here — call
 * {@link readBody} for a body parsed whole (GraphQL), {@link limitBody} for one streamed
 * onwards (imports) — and answers {@link payloadTooLarge} on {@link BodyTooLargeError}.
 * The functions take a Fetch `Request`, so they do not depend on the server in front.
 */
export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The request body is larger than ${describeBytes(maxBytes)}`);
    this.name = "BodyTooLargeError";
  }
}

/** Content-Length when it is a plain decimal, else null (chunked, or a header not to trust). */
export function declaredLength(request: Request): number | null {
  return declaredLengthOf(request.headers.get("content-length"));
}

/** {@link declaredLength} of a Content-Length header value. */
export function declaredLengthOf(declared: string | null): number | null {
  return declared !== null && /^\d{1,15}$/.test(declared) ? Number(declared) : null;
}

/** The body's bytes, at most `maxBytes`; throws BodyTooLargeError past that. */
export async function readBody(request: Request, maxBytes: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of limitBody(request, maxBytes)) {
    chunks.push(chunk);
    size += chunk.byteLength;
  }
  return Buffer.concat(chunks, size);
}

/** The body's text (UTF-8), at most `maxBytes` bytes. */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  return (await readBody(request, maxBytes)).toString("utf8");
}

/**
 * The body as a stream of chunks that throws BodyTooLargeError as soon as more than
 * `maxBytes` arrived (and at once when the declared length says so), cancelling the rest.
 */
export async function* limitBody(request: Request, maxBytes: number): AsyncGenerator<Uint8Array> {
  const declared = declaredLength(request);
  if (declared !== null && declared > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(maxBytes);
  }
  if (!request.body) return;
  const reader = request.body.getReader();
  let size = 0;
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      size += next.value.byteLength;
      if (size > maxBytes) throw new BodyTooLargeError(maxBytes);
      yield next.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/**
 * 413 with a clear message in the GraphQL error shape, and `Connection: close`: the client
 * may still be sending, and the rest of its body is not worth reading.
 */
export function payloadTooLarge(error: BodyTooLargeError, contentType = "application/json; charset=utf-8"): Response {
  const { status, headers, body } = payloadTooLargeParts(error, contentType);
  return new Response(body, { status, headers });
}

/** {@link payloadTooLarge}'s status, headers and body, for a transport that writes them itself. */
export function payloadTooLargeParts(error: BodyTooLargeError, contentType = "application/json; charset=utf-8") {
  return {
    status: 413,
    headers: { "content-type": contentType, connection: "close" } as Record<string, string>,
    body: JSON.stringify({
      errors: [{ message: error.message, extensions: { code: "PAYLOAD_TOO_LARGE", maxBytes: error.maxBytes } }],
    }),
  };
}

function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.floor(bytes / (1024 * 1024))} MB` : `${Math.floor(bytes / 1024)} KB`;
}
