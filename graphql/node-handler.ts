import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { type Database, getDatabase } from "@/lib/db/client";
import { env } from "@/lib/env";
import { withApiSecurityHeaders } from "@/lib/http/security-headers";
import { executeGraphQLHttp } from "./http-handler";

/**
 * /api/graphql for the node:http server of `npm start` (scripts/server.mjs), in front of Next:
 * the same framework-free transport the Next route calls (graphql/http-handler.ts — the same
 * authentication, limits, CSRF rules, error masking and logging), without Next's per-request
 * routing. The request is handed over as a fetch Request exactly as Next's route handler would
 * receive it: absolute URL, headers (with the socket address stamped by
 * lib/http/client-address.ts, which per-IP throttles read), the body as a stream, and the client
 * address appended to X-Forwarded-For as Next's server does.
 */
export async function handleNodeGraphQLRequest(req: IncomingMessage, res: ServerResponse, openDb: () => Promise<Database> = getDatabase): Promise<void> {
  try {
    // The same response headers the Next route adds (handleGraphQLRequest): this path skips Next.
    const response = withApiSecurityHeaders(await executeGraphQLHttp(toRequest(req), openDb), env().APP_URL?.startsWith("https://") ?? false);
    const headers: Record<string, string | string[]> = {};
    response.headers.forEach((value, key) => {
      if (key !== "set-cookie") headers[key] = value;
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) headers["set-cookie"] = cookies;
    const body = Buffer.from(await response.arrayBuffer());
    headers["content-length"] = String(body.length);
    res.writeHead(response.status, headers);
    res.end(body);
  } catch (error) {
    console.error("[graphql] transport failed unexpectedly", error);
    if (!res.headersSent) res.writeHead(500, { "content-type": "application/graphql-response+json; charset=utf-8" });
    res.end(JSON.stringify({ errors: [{ message: "Unexpected error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] }));
  }
}

function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined || key.startsWith(":")) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else headers.set(key, value);
  }
  const address = req.socket.remoteAddress;
  if (address) {
    const forwarded = headers.get("x-forwarded-for");
    headers.set("x-forwarded-for", forwarded ? `${forwarded}, ${address}` : address);
  }
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  if (!headers.has("x-forwarded-proto")) headers.set("x-forwarded-proto", encrypted ? "https" : "http");
  const url = `${encrypted ? "https" : "http"}://${req.headers.host ?? "localhost"}${req.url ?? "/"}`;
  const method = (req.method ?? "GET").toUpperCase();
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(url, {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    // @ts-expect-error -- Node's fetch needs duplex for a streamed request body; lib.dom's RequestInit lacks it.
    duplex: hasBody ? "half" : undefined,
  });
}
