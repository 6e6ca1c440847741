import type { z } from "zod";
import { AppError, type FieldError } from "./app-error";
import { type SchemaIssue, fieldErrorOfIssue } from "./issue-reason";

/**
 * Parses a lib function's input with its zod schema, or throws BAD_USER_INPUT with one field
 * error per issue (paths relative to the input object). GraphQL checks the same schemas first
 * through the validation plugin; this keeps the rules for other callers (pages, factories).
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fieldErrors: FieldError[] = result.error.issues.map((issue) =>
    fieldErrorOfIssue(
      issue as SchemaIssue,
      issue.path.map((p) => (typeof p === "number" ? p : String(p))),
    ),
  );
  throw badInput(fieldErrors);
}

/** One BAD_USER_INPUT error carrying several field errors. */
export function badInput(fieldErrors: FieldError[]): AppError {
  const message = fieldErrors.map((e) => (e.path.length ? `${e.path.join(".")}: ${e.message}` : e.message)).join("; ");
  return new AppError("BAD_USER_INPUT", message, { fieldErrors });
}

/** The same error with every field path moved under `prefix` (e.g. ["input"] for a mutation argument). */
export function prefixFieldErrors(error: unknown, prefix: (string | number)[]): unknown {
  if (!(error instanceof AppError) || error.fieldErrors.length === 0) return error;
  return badInputLike(
    error,
    error.fieldErrors.map((e) => ({ ...e, path: [...prefix, ...e.path] })),
  );
}

function badInputLike(error: AppError, fieldErrors: FieldError[]): AppError {
  const message = fieldErrors.map((e) => `${e.path.join(".")}: ${e.message}`).join("; ");
  return new AppError(error.code, message, {
    fieldErrors,
    retryAfter: error.retryAfter,
    cause: error.cause,
    reason: error.reason,
  });
}
