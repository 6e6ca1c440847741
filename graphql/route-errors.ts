import "server-only";
import { formatError, localizeFormattedError } from "@/graphql/errors";
import { requestLocale } from "@/lib/i18n/request-locale";
import { isAppError } from "@/lib/errors/app-error";

const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  BAD_USER_INPUT: 400,
};

/**
 * A route handler's error as the GraphQL endpoint would put it (AppError codes, reasons and
 * field errors, messages in the request's language when `request` is given; anything else masked).
 */
export function errorResponse(error: unknown, area: string, request?: Request): Response {
  if (isAppError(error)) {
    const formatted = formatError({ message: error.message }, error);
    const localized = request ? localizeFormattedError(formatted, requestLocale(request.headers)) : formatted;
    return Response.json(
      { errors: [{ message: localized.message, extensions: localized.extensions }] },
      { status: STATUS[error.code] ?? 400 },
    );
  }
  console.error(`[${area}] failed`, error);
  return Response.json(
    { errors: [{ message: "Unexpected error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] },
    { status: 500 },
  );
}
