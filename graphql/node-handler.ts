import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { HeaderMap } from "@apollo/server";
import { type Database, getDatabase } from "@/lib/db/client";
import { env } from "@/lib/env";
import { BodyTooLargeError, declaredLengthOf } from "@/lib/http/read-body";
import { securityHeaders } from "@/lib/http/security-headers";
import { executeGraphQLTransport } from "./http-handler";

/**
 * /api/graphql for the node:http server of `npm start` (scripts/server.mjs), in front of Next:
 * the same framework-free transport the Next route calls (graphql/http-handler.ts — the same
 * authentication, limits, CSRF rules, error masking and logging), without Next's per-request
 * routing, and without converting to and from fetch's Request/Response: the headers, URL and
 * body are read from the node request directly and the answer is written in one `end()`
 * (the conversion took ≈ 15 % of the server's CPU per trivial keyed query; `npm run bench api`).
 * The request the transport sees is what Next's route handler would receive: the headers (with
 * the socket address stamped by lib/http/client-address.ts, which per-IP throttles read), the
 * client address appended to X-Forwarded-For as Next's server does, X-Forwarded-Proto filled in.
 */
export async function handleNodeGraphQLRequest(
  req: IncomingMessage,
  res: ServerResponse,
  openDb: () => Promise<Database> = getDatabase,
): Promise<void> {
  try {
    const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
    const protocol = encrypted ? "https:" : "http:";
    const target = req.url ?? "/";
    const url = `${encrypted ? "https" : "http"}://${req.headers.host ?? "localhost"}${target}`;
    const result = await executeGraphQLTransport(
      {
        method: (req.method ?? "GET").toUpperCase(),
        search: searchOf(target, url),
        protocol,
        origin: () => new URL(url).origin,
        headers: requestHeaders(req, encrypted),
        readBodyText: (maxBytes) => readNodeBodyText(req, maxBytes),
      },
      openDb,
    );
    // The same response headers the Next route adds (handleGraphQLRequest → withApiSecurityHeaders).
    const headers: Record<string, string | string[]> = {};
    for (const [key, value] of result.headers) headers[key] = value;
    for (const [key, value] of apiSecurityHeaders()) if (!(key in headers)) headers[key] = value;
    if (result.cookies.length > 0) headers["set-cookie"] = result.cookies;
    const body = Buffer.from(result.body, "utf8");
    headers["content-length"] = String(body.length);
    res.writeHead(result.status, headers);
    res.end(body);
  } catch (error) {
    console.error("[graphql] transport failed unexpectedly", error);
    if (!res.headersSent) res.writeHead(500, { "content-type": "application/graphql-response+json; charset=utf-8" });
    res.end(
      JSON.stringify({ errors: [{ message: "Unexpected error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] }),
    );
  }
}

let cachedSecurityHeaders: { appUrl: string | undefined; entries: [string, string][] } | undefined;

/** securityHeaders({ https }) with lower-case names, computed once per APP_URL. */
function apiSecurityHeaders(): [string, string][] {
  const appUrl = env().APP_URL;
  if (!cachedSecurityHeaders || cachedSecurityHeaders.appUrl !== appUrl) {
    const entries = Object.entries(securityHeaders({ https: appUrl?.startsWith("https://") ?? false })).map(
      ([k, v]): [string, string] => [k.toLowerCase(), v],
    );
    cachedSecurityHeaders = { appUrl, entries };
  }
  return cachedSecurityHeaders.entries;
}

/** `new URL(url).search`, without parsing the URL when the query needs no normalisation. */
function searchOf(target: string, url: string): string {
  const at = target.indexOf("?");
  if (at < 0) return "";
  const raw = target.slice(at);
  // URL percent-encodes these in a query (and drops a bare "?"); anything else it keeps as is.
  if (raw === "?" || /[^\x21-\x7e]|["#<>']/.test(raw)) return new URL(url).search;
  return raw;
}

/** The headers as fetch's Headers would hold them (lower-case; repeated values joined by ", "). */
function requestHeaders(req: IncomingMessage, encrypted: boolean): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined || key.startsWith(":")) continue;
    headers.set(key, Array.isArray(value) ? value.join(", ") : value);
  }
  const address = req.socket.remoteAddress;
  if (address) {
    const forwarded = headers.get("x-forwarded-for");
    headers.set("x-forwarded-for", forwarded ? `${forwarded}, ${address}` : address);
  }
  if (!headers.has("x-forwarded-proto")) headers.set("x-forwarded-proto", encrypted ? "https" : "http");
  return headers;
}

/**
 * The body as UTF-8 under the same limit as lib/http/read-body.ts: a declared Content-Length
 * over it is refused before a byte is read, a streamed body the moment its count passes it; in
 * both cases the request stream is destroyed (as cancelling its web stream did), so the rest is
 * never read.
 */
async function readNodeBodyText(req: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = declaredLengthOf(req.headers["content-length"] ?? null);
  if (declared !== null && declared > maxBytes) {
    req.destroy();
    throw new BodyTooLargeError(maxBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new BodyTooLargeError(maxBytes); // leaving the loop destroys req
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0].toString("utf8") : Buffer.concat(chunks, size).toString("utf8");
}
