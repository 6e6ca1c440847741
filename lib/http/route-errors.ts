import { isAppError } from "@/lib/errors/app-error";

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, RATE_LIMITED: 429, BAD_USER_INPUT: 400 };

/** A route handler's error as the GraphQL endpoint would put it (AppError codes; anything else masked). */
export function errorResponse(error: unknown, area: string): Response {
  if (isAppError(error)) {
    return Response.json(
      { errors: [{ message: error.message, extensions: { code: error.code, ...(error.fieldErrors.length ? { fieldErrors: error.fieldErrors } : {}) } }] },
      { status: STATUS[error.code] ?? 400 },
    );
  }
  console.error(`[${area}] failed`, error);
  return Response.json({ errors: [{ message: "Unexpected error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] }, { status: 500 });
}
