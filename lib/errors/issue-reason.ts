import type { FieldError } from "./app-error";
import { fieldError } from "./app-error";
import { USER_ERRORS, type UserErrorCode, isKnownReason, isUserErrorCode } from "./user-errors";

/** A zod / Standard Schema issue as the validators hand it over (zod's extra fields optional). */
export interface SchemaIssue {
  message: string;
  code?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  params?: Record<string, unknown>;
}

/**
 * One schema issue as a field error with a registered reason. A schema names its reason by
 * giving the code as the message (`.max(120, "NAME_TOO_LONG")`); the issue's bounds become
 * `min` / `max` and a custom issue's `params` are kept. Any other message — zod's own English —
 * is replaced by the generic reason of the issue's kind, so no untranslated text reaches a form.
 */
export function fieldErrorOfIssue(issue: SchemaIssue, path: (string | number)[]): FieldError {
  const params: Record<string, string | number> = {};
  if (issue.minimum !== undefined) params.min = Number(issue.minimum);
  if (issue.maximum !== undefined) params.max = Number(issue.maximum);
  for (const [name, value] of Object.entries(issue.params ?? {})) {
    if (typeof value === "string" || typeof value === "number") params[name] = value;
  }
  const code = isKnownReason(issue.message) ? issue.message : genericCode(issue);
  // Only the values the code's text names (a "required" rule's minimum of 1 is no news).
  const named = isUserErrorCode(code) ? (USER_ERRORS[code] as readonly string[]) : Object.keys(params);
  const kept = Object.fromEntries(Object.entries(params).filter(([name]) => named.includes(name)));
  return fieldError(path, code, Object.keys(kept).length > 0 ? kept : undefined);
}

function genericCode(issue: SchemaIssue): UserErrorCode {
  const collection = issue.origin === "array" || issue.origin === "set" || issue.origin === "map";
  const text = issue.origin === "string";
  switch (issue.code) {
    case "too_small":
      if (text && issue.minimum !== undefined && Number(issue.minimum) <= 1) return "REQUIRED";
      return text ? "TOO_SHORT" : collection ? "TOO_FEW" : "TOO_SMALL";
    case "too_big":
      return text ? "TOO_LONG" : collection ? "TOO_MANY" : "TOO_LARGE";
    case "invalid_format":
      return "INVALID_FORMAT";
    case "invalid_value":
    case "invalid_union":
      return "INVALID_CHOICE";
    default:
      return "INVALID_VALUE";
  }
}
