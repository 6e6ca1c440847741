/**
 * The error codes of SPEC §9, the only ones a client ever sees (plus INTERNAL_SERVER_ERROR
 * for masked, unexpected failures). Domain code throws AppError; graphql/errors.ts maps it
 * to `extensions.code`.
 */
export const APP_ERROR_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "RATE_LIMITED",
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

/** One problem with one input field; `path` is the field path from the argument root. */
export interface FieldError {
  path: (string | number)[];
  message: string;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fieldErrors: FieldError[];
  /** Seconds, for RATE_LIMITED. */
  readonly retryAfter?: number;

  constructor(code: AppErrorCode, message: string, options: { fieldErrors?: FieldError[]; retryAfter?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = options.fieldErrors ?? [];
    this.retryAfter = options.retryAfter;
  }

  static badInput(path: (string | number)[], message: string): AppError {
    return new AppError("BAD_USER_INPUT", `${path.join(".")}: ${message}`, { fieldErrors: [{ path, message }] });
  }

  /** A workspace or row the caller may not see answers exactly like one that does not exist. */
  static notFound(what = "Not found"): AppError {
    return new AppError("NOT_FOUND", what);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
