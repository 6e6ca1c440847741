import "server-only";
import type { GraphQLFormattedError } from "graphql";
import { GraphQLError } from "graphql";
import { type FieldError, isAppError } from "@/lib/errors/app-error";
import { type UserReason, isKnownReason, renderReason } from "@/lib/errors/user-errors";
import type { Locale } from "@/lib/i18n/config";

/** Codes Apollo/graphql-js produce themselves for malformed requests; passed through as is. */
const PROTOCOL_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

/**
 * Request limits (graphql/server.ts LIMITS) as graphql-armor and graphql-js word them: their
 * messages start with "Syntax Error:" and carry GRAPHQL_VALIDATION_FAILED / _PARSE_FAILED,
 * which reads like a typo in the query. They are answered with their own code,
 * LIMIT_EXCEEDED, the limit's name and value (`extensions.limit`, `extensions.max`) and a
 * message that says which limit was hit.
 */
const LIMIT_MESSAGES: { pattern: RegExp; limit: string; describe: (max: string, found?: string) => string }[] = [
  {
    pattern: /Query depth limit of (\d+) exceeded, found (\d+)/,
    limit: "depth",
    describe: (max, found) =>
      `Query depth limit exceeded: the query nests ${found} levels deep, at most ${max} are allowed`,
  },
  {
    pattern: /Query Cost limit of (\d+) exceeded, found (\d+)/,
    limit: "cost",
    describe: (max, found) => `Query cost limit exceeded: the query costs ${found}, at most ${max} is allowed`,
  },
  {
    pattern: /Aliases limit of (\d+) exceeded, found (\d+)/,
    limit: "aliases",
    describe: (max, found) => `Alias limit exceeded: the query uses ${found} aliases, at most ${max} are allowed`,
  },
  {
    pattern: /Directives limit of (\d+) exceeded, found (\d+)/,
    limit: "directives",
    describe: (max, found) =>
      `Directive limit exceeded: the query uses ${found} directives, at most ${max} are allowed`,
  },
  {
    pattern: /Document contains more (?:than|that) (\d+) tokens/,
    limit: "tokens",
    describe: (max) => `Token limit exceeded: the document has more than ${max} tokens, at most ${max} are allowed`,
  },
];

function limitError(formatted: GraphQLFormattedError): GraphQLFormattedError | null {
  for (const { pattern, limit, describe } of LIMIT_MESSAGES) {
    const match = pattern.exec(formatted.message);
    if (match) {
      return {
        message: describe(match[1], match[2]),
        locations: formatted.locations,
        extensions: { code: "LIMIT_EXCEEDED", limit, max: Number(match[1]) },
      };
    }
  }
  return null;
}

/**
 * Maps domain errors to `extensions.code` (SPEC §9) and masks everything unexpected:
 * a client never sees a stack, an SQL message or an internal name.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (isAppError(original)) {
    return {
      message: original.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        code: original.code,
        ...(original.reason ? reasonExtensions(original.reason) : {}),
        ...(original.fieldErrors.length > 0 ? { fieldErrors: original.fieldErrors.map(fieldErrorExtension) } : {}),
        ...(original.retryAfter !== undefined ? { retryAfter: original.retryAfter } : {}),
      },
    };
  }
  // Pothos scope-auth's own ForbiddenError (code "FORBIDDEN").
  if (original instanceof Error && (original as { code?: unknown }).code === "FORBIDDEN") {
    return {
      message: "Not allowed",
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: "FORBIDDEN" },
    };
  }
  const code = formatted.extensions?.code;
  if (code === "GRAPHQL_VALIDATION_FAILED" || code === "GRAPHQL_PARSE_FAILED") {
    const limit = limitError(formatted);
    if (limit) return limit;
  }
  if (typeof code === "string" && PROTOCOL_CODES.has(code)) return formatted;
  // A GraphQLError raised by a scalar or the validation layer without a code: input problem.
  if (error instanceof GraphQLError && !error.originalError) {
    return { ...formatted, extensions: { ...formatted.extensions, code: code ?? "BAD_USER_INPUT" } };
  }
  if (
    error instanceof GraphQLError &&
    error.originalError instanceof GraphQLError &&
    !error.originalError.originalError
  ) {
    return {
      message: error.originalError.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: "BAD_USER_INPUT" },
    };
  }
  console.error("[graphql] unexpected error", error);
  return {
    message: "Unexpected error",
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: "INTERNAL_SERVER_ERROR" },
  };
}

/** `reason` (the stable code) and `params` (the values its text names) beside a message. */
function reasonExtensions(reason: UserReason): { reason: string; params?: UserReason["params"] } {
  return reason.params ? { reason: reason.code, params: reason.params } : { reason: reason.code };
}

/** A field error as the API shows it: its own fields (e.g. a formula's position) with the reason as a code. */
function fieldErrorExtension(
  error: FieldError,
): Omit<FieldError, "reason"> & { reason?: string; params?: UserReason["params"] } {
  const { reason, ...rest } = error;
  return { ...rest, ...(reason ? reasonExtensions(reason) : {}) };
}

type FormattedFieldError = { path: (string | number)[]; message: string; reason?: unknown; params?: unknown };

function localizedText(reason: unknown, params: unknown, fallback: string, locale: Locale): string {
  if (!isKnownReason(reason)) return fallback;
  return renderReason({ code: reason, params: (params ?? undefined) as UserReason["params"] }, locale);
}

/**
 * A formatted error with its messages in `locale` (SPEC §10): every field error and the error
 * itself that carry a reason code are rendered from `messages/<locale>.json`; the codes and
 * params stay as they are, so a client can tell errors apart whatever the language. English
 * is what formatError already wrote, so "en" returns the error unchanged.
 */
export function localizeFormattedError(formatted: GraphQLFormattedError, locale: Locale): GraphQLFormattedError {
  if (locale === "en" || !formatted.extensions) return formatted;
  const extensions = formatted.extensions as {
    fieldErrors?: FormattedFieldError[];
    reason?: unknown;
    params?: unknown;
  };
  if (Array.isArray(extensions.fieldErrors) && extensions.fieldErrors.length > 0) {
    const fieldErrors = extensions.fieldErrors.map((e) => ({
      ...e,
      message: localizedText(e.reason, e.params, e.message, locale),
    }));
    const message = fieldErrors
      .map((e) => (e.path.length ? `${e.path.join(".")}: ${e.message}` : e.message))
      .join("; ");
    return { ...formatted, message, extensions: { ...formatted.extensions, fieldErrors } };
  }
  if (extensions.reason !== undefined) {
    return { ...formatted, message: localizedText(extensions.reason, extensions.params, formatted.message, locale) };
  }
  return formatted;
}
