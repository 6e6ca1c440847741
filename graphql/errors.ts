import type { GraphQLFormattedError } from "graphql";
import { GraphQLError } from "graphql";
import { isAppError } from "@/lib/errors/app-error";

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
        ...(original.fieldErrors.length > 0 ? { fieldErrors: original.fieldErrors } : {}),
        ...(original.retryAfter !== undefined ? { retryAfter: original.retryAfter } : {}),
      },
    };
  }
  // Pothos scope-auth's own ForbiddenError (code "FORBIDDEN").
  if (original instanceof Error && (original as { code?: unknown }).code === "FORBIDDEN") {
    return { message: "Not allowed", locations: formatted.locations, path: formatted.path, extensions: { code: "FORBIDDEN" } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === "string" && PROTOCOL_CODES.has(code)) return formatted;
  // A GraphQLError raised by a scalar or the validation layer without a code: input problem.
  if (error instanceof GraphQLError && !error.originalError) {
    return { ...formatted, extensions: { ...formatted.extensions, code: code ?? "BAD_USER_INPUT" } };
  }
  if (error instanceof GraphQLError && error.originalError instanceof GraphQLError && !error.originalError.originalError) {
    return { message: error.originalError.message, locations: formatted.locations, path: formatted.path, extensions: { code: "BAD_USER_INPUT" } };
  }
  console.error("[graphql] unexpected error", error);
  return { message: "Unexpected error", locations: formatted.locations, path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}
