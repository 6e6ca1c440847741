import "server-only";
import {
  type DocumentNode,
  type ExecutionResult,
  type GraphQLError,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
  execute,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
} from "graphql";
import type { GraphQLContext } from "./context";
import { formatError, localizeFormattedError } from "./errors";
import { nulInDocument, nulInValue } from "./reject-nul";
import { schema } from "./schema";
import { CSRF_PREFLIGHT_HEADERS, LIMITS, armorProtection } from "./server";

/**
 * The lean path of /api/graphql: a well-formed request for a valid document is executed with
 * graphql-js directly, the document parsed and validated once per query text, instead of
 * through Apollo's request pipeline (plugin hooks, a SHA-256 of the query per request, a
 * shallow copy of the context, content negotiation). Measured with `npm run bench api`: the
 * pipeline cost about a sixth of the server's CPU per trivial keyed query.
 *
 * It answers exactly what Apollo answers (test/integration/lean-execution.int.test.ts sends
 * the same requests both ways and compares status, headers and body) and takes only what it
 * can answer so: anything else — a batch, a persisted query, a GET without a preflight header,
 * an unusual Accept or Content-Type, a parse or validation error (the limits included), an
 * unknown operation name, a mutation over GET, a NUL character, variables that do not coerce —
 * returns null, and the caller hands the request to Apollo, whose answer is the reference.
 */

/** What the transport passes: the request as Apollo would receive it. */
export interface LeanRequest {
  method: string;
  headers: ReadonlyMap<string, string>;
  search: string;
  /** The parsed JSON body of a POST (unknown shape), or undefined for GET. */
  body: unknown;
}

export interface LeanResponse {
  status: number;
  /** Response headers, lower-case names. */
  headers: [string, string][];
  body: string;
}

const APPLICATION_JSON = "application/json; charset=utf-8";
const GRAPHQL_RESPONSE_JSON = "application/graphql-response+json; charset=utf-8";

/**
 * Accept headers whose negotiated response type is certain without a negotiator (Apollo's
 * chooseContentTypeForSingleResultResponse: no header, or the first of application/json and
 * application/graphql-response+json the header prefers). Any other value goes to Apollo.
 */
const CONTENT_TYPE_OF_ACCEPT = new Map<string, string>([
  ["", APPLICATION_JSON],
  ["*/*", APPLICATION_JSON],
  ["application/json", APPLICATION_JSON],
  ["application/json, */*", APPLICATION_JSON],
  ["application/json;charset=utf-8", APPLICATION_JSON],
  ["application/json; charset=utf-8", APPLICATION_JSON],
  ["application/graphql-response+json", GRAPHQL_RESPONSE_JSON],
  ["application/graphql-response+json;charset=utf-8", GRAPHQL_RESPONSE_JSON],
  ["application/graphql-response+json; charset=utf-8", GRAPHQL_RESPONSE_JSON],
  ["application/graphql-response+json, application/json", GRAPHQL_RESPONSE_JSON],
  ["application/graphql-response+json, application/json;q=0.9", GRAPHQL_RESPONSE_JSON],
  ["application/graphql-response+json,application/json;q=0.9", GRAPHQL_RESPONSE_JSON],
]);

/** JSON request bodies Apollo takes as JSON without parsing the media type further. */
const JSON_CONTENT_TYPE = /^application\/json(; ?charset=utf-8)?$/i;

interface PreparedDocument {
  document: DocumentNode;
  /** Where a string literal holds NUL (Apollo's reject-nul plugin refuses it), or null. */
  nul: string | null;
}

/**
 * Parsed and validated documents by query text (null: it does not parse or validate), least
 * recently used first. Bounded by count and by the total length of the texts kept, so that a
 * client sending many distinct large documents cannot grow it past a few megabytes of text (and
 * their syntax trees); a text over MAX_CACHED_QUERY_LENGTH is prepared each time it comes.
 */
const documents = new Map<string, PreparedDocument | null>();
const MAX_DOCUMENTS = 1000;
const MAX_CACHED_QUERY_LENGTH = 16 * 1024;
const MAX_CACHED_TEXT = 2 * 1024 * 1024;
let cachedText = 0;

function prepare(query: string): PreparedDocument | null {
  const cached = documents.get(query);
  if (cached !== undefined) {
    // Re-inserting moves the entry to the most recently used end.
    documents.delete(query);
    documents.set(query, cached);
    return cached;
  }
  let prepared: PreparedDocument | null;
  try {
    const document = parse(query, { maxTokens: LIMITS.maxTokens });
    const errors = validate(schema, document, [...specifiedRules, ...armorProtection().validationRules]);
    prepared = errors.length > 0 ? null : { document, nul: nulInDocument(document) };
  } catch {
    prepared = null;
  }
  if (query.length <= MAX_CACHED_QUERY_LENGTH) {
    documents.set(query, prepared);
    cachedText += query.length;
    for (const oldest of documents.keys()) {
      if (documents.size <= MAX_DOCUMENTS && cachedText <= MAX_CACHED_TEXT) break;
      documents.delete(oldest);
      cachedText -= oldest.length;
    }
  }
  return prepared;
}

/** How many documents and characters of query text the lean path keeps now (tests). */
export function preparedDocumentStats(): { documents: number; textLength: number } {
  return { documents: documents.size, textLength: cachedText };
}

interface Operation {
  query: string;
  operationName: string | undefined;
  variables: Record<string, unknown> | undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The operation of a POST body Apollo would accept without comment, or null. */
function operationOfBody(body: unknown): Operation | null {
  if (!isPlainObject(body) || typeof body.query !== "string") return null;
  const { operationName, variables, extensions } = body;
  if (extensions !== undefined && extensions !== null) return null; // persisted queries and the like
  if (operationName !== undefined && operationName !== null && typeof operationName !== "string") return null;
  if (variables !== undefined && variables !== null && !isPlainObject(variables)) return null;
  return {
    query: body.query,
    operationName: operationName ?? undefined,
    variables: variables ?? undefined,
  };
}

/** The operation of a GET's query string (each parameter at most once, no extensions), or null. */
function operationOfSearch(search: string): Operation | null {
  const params = new URLSearchParams(search);
  const query = params.getAll("query");
  const operationName = params.getAll("operationName");
  const variables = params.getAll("variables");
  if (query.length !== 1 || operationName.length > 1 || variables.length > 1 || params.has("extensions")) return null;
  let parsedVariables: Record<string, unknown> | undefined;
  if (variables.length === 1) {
    try {
      const value: unknown = JSON.parse(variables[0]);
      if (!isPlainObject(value)) return null;
      parsedVariables = value;
    } catch {
      return null;
    }
  }
  return { query: query[0], operationName: operationName[0], variables: parsedVariables };
}

/** Apollo's CSRF prevention lets it through: a JSON content type, or a non-empty preflight header. */
function passesCsrfPrevention(headers: ReadonlyMap<string, string>, method: string): boolean {
  if (method === "POST") return true; // the caller took only JSON bodies
  return CSRF_PREFLIGHT_HEADERS.some((name) => (headers.get(name) ?? "").length > 0);
}

/**
 * Executes the request when the lean path can answer it exactly as Apollo would; null when
 * Apollo must (see the module comment).
 */
export async function executeLean(request: LeanRequest, context: GraphQLContext): Promise<LeanResponse | null> {
  const { method, headers } = request;
  const contentType = CONTENT_TYPE_OF_ACCEPT.get(headers.get("accept") ?? "");
  if (contentType === undefined) return null;
  let operation: Operation | null;
  if (method === "POST") {
    if (!JSON_CONTENT_TYPE.test(headers.get("content-type") ?? "")) return null;
    operation = operationOfBody(request.body);
  } else if (method === "GET") {
    if (headers.has("content-type")) return null;
    operation = operationOfSearch(request.search);
  } else {
    return null;
  }
  if (!operation || !passesCsrfPrevention(headers, method)) return null;
  const prepared = prepare(operation.query);
  if (!prepared || prepared.nul !== null) return null;
  const definition: OperationDefinitionNode | null | undefined = getOperationAST(
    prepared.document,
    operation.operationName,
  );
  if (!definition) return null;
  if (method === "GET" && definition.operation !== "query") return null;
  if (operation.variables && nulInValue(operation.variables, ["variables"]) !== null) return null;

  const result: ExecutionResult = await execute({
    schema,
    document: prepared.document,
    contextValue: context,
    variableValues: operation.variables,
    operationName: operation.operationName,
  });
  // No `data`: a request error (variables that do not coerce) raised before any resolver ran.
  if (!("data" in result)) return null;
  let status = 200;
  let errors: GraphQLFormattedError[] | undefined;
  if (result.errors && result.errors.length > 0) {
    await maskSuggestions(result.errors);
    errors = [];
    for (const error of result.errors) {
      const { formatted, httpStatus } = apolloFormatted(error);
      if (httpStatus !== undefined) status = httpStatus;
      const masked = formatError(formatted, error);
      errors.push(context.meta.locale === "en" ? masked : localizeFormattedError(masked, context.meta.locale));
    }
  }
  // Apollo's field order (errors, data, extensions) and its trailing newline.
  const body = `${JSON.stringify({ errors, data: result.data, extensions: result.extensions })}\n`;
  // Apollo's cache-control plugin: no field of this schema carries a cache hint and the default
  // max-age is 0, so every executed operation is uncacheable.
  return {
    status,
    headers: [
      ["cache-control", "no-store"],
      ["content-type", contentType],
    ],
    body,
  };
}

/** graphql-armor's hook that hides "Did you mean …" in error messages, run as Apollo runs it. */
async function maskSuggestions(errors: readonly GraphQLError[]): Promise<void> {
  for (const plugin of armorProtection().plugins) {
    const listener = await plugin.requestDidStart?.({} as never);
    await listener?.didEncounterErrors?.({ errors } as never);
  }
}

/**
 * An execution error as Apollo hands it to formatError: its JSON with `extensions.code`
 * defaulted to INTERNAL_SERVER_ERROR and `extensions.http` taken out (its status applies to
 * the response).
 */
function apolloFormatted(error: GraphQLError): { formatted: GraphQLFormattedError; httpStatus?: number } {
  const { http, ...extensions } = error.extensions as Record<string, unknown> & { http?: { status?: number } };
  return {
    formatted: { ...error.toJSON(), extensions: { ...extensions, code: extensions.code ?? "INTERNAL_SERVER_ERROR" } },
    httpStatus: http?.status,
  };
}
