import "server-only";
import { requestOrigin } from "./request-origin";
import { RateLimitedError } from "@/lib/auth/authenticate-api-key";
import { resolveViewerFromRequest } from "@/lib/auth/resolve-viewer-from-request";
import { SESSION_COOKIE, readCookie } from "@/lib/auth/session-cookie";
import type { RateLimitState, Viewer } from "@/lib/auth/viewer";
import { type Database, getDatabase } from "@/lib/db/client";
import { env } from "@/lib/env";
import { requestLocale } from "@/lib/i18n/request-locale";
import { clientAddress } from "@/lib/http/client-address";
import { withApiSecurityHeaders } from "@/lib/http/security-headers";
import { isAppError } from "@/lib/errors/app-error";
import { BodyTooLargeError, payloadTooLargeParts, readBodyText } from "@/lib/http/read-body";
import { createContext } from "./context";
import { executeLean } from "./lean-execution";
import { HeaderMap, getApolloServer } from "./server";

const STATUS_OF_CODE: Record<string, number> = { UNAUTHENTICATED: 401, RATE_LIMITED: 429, BAD_REQUEST: 400 };
/** Largest GraphQL request body of a caller with credentials (a cookie or an API key). */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** …and of one without: sign-up, sign-in and public reads are small, and cost nothing to refuse. */
export const MAX_ANONYMOUS_BODY_BYTES = 256 * 1024;
/**
 * Errors of the request document or its variables (GraphQL over HTTP: parse, validation and
 * variable-coercion failures; our limit violations are validation failures). With
 * `application/json` responses the spec asks for 200 there (audit 572B, FDE2, 7B9B);
 * `application/graphql-response+json` keeps Apollo's 4xx.
 */
const DOCUMENT_ERROR_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "LIMIT_EXCEEDED",
]);

/**
 * The GraphQL-over-HTTP transport: authenticates (session cookie or `Authorization: Bearer`),
 * parses the body itself (a malformed body is a 400, never a 500), hands the request to Apollo
 * and adds the Set-Cookie headers resolvers asked for.
 */
export async function handleGraphQLRequest(request: Request): Promise<Response> {
  return withApiSecurityHeaders(
    await executeGraphQLHttp(request, getDatabase),
    env().APP_URL?.startsWith("https://") ?? false,
  );
}

/**
 * One request as the transport needs it, whatever server received it: a fetch `Request` (the
 * Next route, tests: {@link executeGraphQLHttp}) or a node:http request (`npm start`:
 * graphql/node-handler.ts, which skips the WHATWG Request/Response conversion — measured, see
 * ARCHITECTURE.md).
 */
export interface TransportRequest {
  /** Upper-case. */
  method: string;
  /** `?…` of the request URL, as `new URL(url).search` gives it. */
  search: string;
  /** The request URL's scheme as `new URL(url).protocol` gives it. */
  protocol: string;
  /** The request URL's origin (asked only when APP_URL is unset and the Host header is unusable). */
  origin(): string;
  /** Request headers, lower-case names, repeated values joined as `Headers.get` joins them. */
  headers: HeaderMap;
  /** The body as UTF-8 text, at most `maxBytes` bytes (else BodyTooLargeError, see lib/http/read-body.ts). */
  readBodyText(maxBytes: number): Promise<string>;
}

/** The answer before it is written: headers with lower-case names; Set-Cookie values apart. */
export interface TransportResponse {
  status: number;
  headers: Map<string, string>;
  cookies: string[];
  body: string;
}

/** The transport with the database passed in (tests hand it their own). */
export async function executeGraphQLHttp(
  request: Request,
  openDb: () => Promise<Database>,
  options?: TransportOptions,
): Promise<Response> {
  const url = new URL(request.url);
  const headers = new HeaderMap();
  request.headers.forEach((value, key) => headers.set(key, value));
  const result = await executeGraphQLTransport(
    {
      method: request.method.toUpperCase(),
      search: url.search,
      protocol: url.protocol,
      origin: () => url.origin,
      headers,
      readBodyText: (maxBytes) => readBodyText(request, maxBytes),
    },
    openDb,
    options,
  );
  const responseHeaders = new Headers();
  for (const [key, value] of result.headers) responseHeaders.set(key, value);
  for (const cookie of result.cookies) responseHeaders.append("set-cookie", cookie);
  return new Response(result.body, { status: result.status, headers: responseHeaders });
}

export interface TransportOptions {
  /**
   * Whether a well-formed request for a valid document may skip Apollo's pipeline
   * (graphql/lean-execution.ts); default true. Tests turn it off to compare the two answers.
   */
  lean?: boolean;
}

/** The transport proper (see {@link TransportRequest}). */
export async function executeGraphQLTransport(
  request: TransportRequest,
  openDb: () => Promise<Database>,
  options: TransportOptions = {},
): Promise<TransportResponse> {
  const method = request.method;
  const headers = request.headers;
  const header = (name: string): string | null => headers.get(name) ?? null;
  if (method !== "GET" && method !== "POST") {
    return errorResponse(
      "METHOD_NOT_ALLOWED",
      `${method} is not supported: send queries with GET or POST, mutations with POST`,
      405,
      { allow: "GET, POST" },
    );
  }
  let body: unknown;
  if (method === "POST") {
    const hasCredentials = headers.has("authorization") || Boolean(readCookie(header("cookie"), SESSION_COOKIE));
    let text: string;
    try {
      text = await request.readBodyText(hasCredentials ? MAX_BODY_BYTES : MAX_ANONYMOUS_BODY_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        const parts = payloadTooLargeParts(error, "application/graphql-response+json; charset=utf-8");
        return { status: parts.status, headers: new Map(Object.entries(parts.headers)), cookies: [], body: parts.body };
      }
      throw error;
    }
    const contentType = (header("content-type") ?? "").toLowerCase();
    if (/^application\/(graphql-response\+)?json\b/.test(contentType)) {
      try {
        body = JSON.parse(text);
      } catch {
        return errorResponse("BAD_REQUEST", "Malformed JSON body", 400);
      }
    } else {
      body = text;
    }
  }

  const db = await openDb();
  const headerReader = { headers: { get: header } };
  let viewer: Viewer | null;
  try {
    viewer = await resolveViewerFromRequest(db, headerReader);
  } catch (error) {
    if (isAppError(error)) {
      const extra: Record<string, string> = error instanceof RateLimitedError ? rateLimitHeaders(error.rateLimit) : {};
      if (error.retryAfter) extra["retry-after"] = String(error.retryAfter);
      return errorResponse(error.code, error.message, STATUS_OF_CODE[error.code] ?? 400, extra);
    }
    console.error("[graphql] authentication failed unexpectedly", error);
    return errorResponse("INTERNAL_SERVER_ERROR", "Unexpected error", 500);
  }

  const forwardedProto = header("x-forwarded-proto");
  const context = createContext({
    db,
    viewer,
    meta: {
      ip: clientAddress(headerReader.headers),
      userAgent: header("user-agent"),
      secure: request.protocol === "https:" || forwardedProto === "https",
      baseUrl: env().APP_URL ?? requestOrigin(header("host"), request.origin, request.protocol, forwardedProto),
      locale: requestLocale(headerReader.headers, viewer?.kind === "user" ? viewer.locale : null),
    },
  });
  const responseHeaders = new Map<string, string>();
  let payload: string;
  let status: number;
  const lean =
    options.lean === false ? null : await executeLean({ method, headers, search: request.search, body }, context);
  if (lean) {
    for (const [name, value] of lean.headers) responseHeaders.set(name, value);
    payload = lean.body;
    status = lean.status;
  } else {
    const server = await getApolloServer();
    const result = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method, headers, search: request.search, body },
      context: async () => context,
    });
    for (const [key, value] of result.headers) responseHeaders.set(key.toLowerCase(), value);
    payload = result.body.kind === "complete" ? result.body.string : await collect(result.body.asyncIterator);
    status = result.status ?? 200;
  }
  if (viewer?.kind === "apiKey" && viewer.rateLimit) {
    for (const [key, value] of Object.entries(rateLimitHeaders(viewer.rateLimit))) responseHeaders.set(key, value);
  }
  if (status === 400 && isDocumentErrorInJson(responseHeaders.get("content-type") ?? null, payload)) status = 200;
  return { status, headers: responseHeaders, cookies: context.responseCookies, body: payload };
}

/**
 * IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers): the key's limit per
 * 60-second window, what is left of it after this request, and the seconds until the current
 * window ends (for a refused call: until a retry is admitted, the same as Retry-After).
 */
function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "ratelimit-limit": String(state.limit),
    "ratelimit-remaining": String(state.remaining),
    "ratelimit-reset": String(state.resetSeconds),
    "ratelimit-policy": `${state.limit};w=60`,
  };
}

/** A 400 for the document or variables alone (no execution), answered as application/json. */
function isDocumentErrorInJson(contentType: string | null, payload: string): boolean {
  if (!/^application\/json\b/i.test(contentType ?? "")) return false;
  try {
    const parsed = JSON.parse(payload) as { data?: unknown; errors?: { extensions?: { code?: unknown } }[] };
    return (
      parsed.data === undefined &&
      Array.isArray(parsed.errors) &&
      parsed.errors.length > 0 &&
      parsed.errors.every((e) => DOCUMENT_ERROR_CODES.has(String(e.extensions?.code)))
    );
  } catch {
    return false;
  }
}

function errorResponse(
  code: string,
  message: string,
  status: number,
  headers?: Record<string, string>,
): TransportResponse {
  return {
    status,
    headers: new Map(
      Object.entries({ "content-type": "application/graphql-response+json; charset=utf-8", ...headers }),
    ),
    cookies: [],
    body: JSON.stringify({ errors: [{ message, extensions: { code } }] }),
  };
}

async function collect(iterator: AsyncIterableIterator<string>): Promise<string> {
  let out = "";
  for await (const chunk of iterator) out += chunk;
  return out;
}
