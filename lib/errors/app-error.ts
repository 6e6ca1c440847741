import type { ReasonParams } from "@/lib/i18n/reasons";
import { type AnyReasonCode, type UserReason, renderReason, userReason } from "./user-errors";

/**
 * The error codes of SPEC §9, the only ones a client ever sees (plus INTERNAL_SERVER_ERROR
 * for masked, unexpected failures). Domain code throws AppError; graphql/errors.ts maps it
 * to `extensions.code`.
 */
export const APP_ERROR_CODES = ["UNAUTHENTICATED", "FORBIDDEN", "BAD_USER_INPUT", "NOT_FOUND", "RATE_LIMITED"] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

/** One problem with one input field; `path` is the field path from the argument root. */
export interface FieldError {
  path: (string | number)[];
  /** The English text (a reason's is re-rendered in the request's language by graphql/errors.ts). */
  message: string;
  /** Why, as a stable code + params (lib/errors/user-errors.ts); the API shows it beside the message. */
  reason?: UserReason;
}

/** One field error with its reason (the message is the reason's English text). */
export function fieldError(path: (string | number)[], code: AnyReasonCode, params?: ReasonParams): FieldError {
  const reason = userReason(code, params);
  return { path, message: renderReason(reason, "en"), reason };
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fieldErrors: FieldError[];
  /** Seconds, for RATE_LIMITED. */
  readonly retryAfter?: number;
  /** For an input error that concerns no one field: its code + params (see FieldError.reason). */
  readonly reason?: UserReason;

  constructor(
    code: AppErrorCode,
    message: string,
    options: { fieldErrors?: FieldError[]; retryAfter?: number; cause?: unknown; reason?: UserReason } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = options.fieldErrors ?? [];
    this.retryAfter = options.retryAfter;
    this.reason = options.reason;
  }

  /** BAD_USER_INPUT on one field, for a registered reason (texts in messages/*.json `apiErrors`). */
  static badInput(path: (string | number)[], code: AnyReasonCode, params?: ReasonParams): AppError {
    const error = fieldError(path, code, params);
    return new AppError("BAD_USER_INPUT", `${path.join(".")}: ${error.message}`, { fieldErrors: [error] });
  }

  /** BAD_USER_INPUT about the request as a whole (no one field), for a registered reason. */
  static input(code: AnyReasonCode, params?: ReasonParams): AppError {
    const reason = userReason(code, params);
    return new AppError("BAD_USER_INPUT", renderReason(reason, "en"), { reason });
  }

  /** A workspace or row the caller may not see answers exactly like one that does not exist. */
  static notFound(what = "Not found"): AppError {
    return new AppError("NOT_FOUND", what);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
