import { GraphQLError, Kind } from "graphql";
import { builder } from "../builder";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** A real calendar date "YYYY-MM-DD" (2026-02-30 is rejected). */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function parseDate(value: unknown): string {
  if (typeof value !== "string" || !isCalendarDate(value)) {
    throw new GraphQLError(`Date must be a calendar date "YYYY-MM-DD", got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Decimals travel as JSON strings so that no binary float ever touches money. */
function parseDecimal(value: unknown): string {
  if (typeof value !== "string" || value.length > 64 || !DECIMAL.test(value)) {
    throw new GraphQLError(`Decimal must be a string like "1234.56", got ${JSON.stringify(value)}`);
  }
  return value;
}

builder.scalarType("Date", {
  description: 'A calendar date, "YYYY-MM-DD".',
  serialize: (value) => value,
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType("Decimal", {
  description: 'An exact decimal, serialized as a JSON string, e.g. "60000" or "-0.1666666667".',
  serialize: (value) => value,
  parseValue: parseDecimal,
  parseLiteral: (ast) => parseDecimal(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType("DateTime", {
  description: "An instant, ISO 8601 in UTC.",
  serialize: (value) => (value instanceof Date ? value.toISOString() : String(value)),
  parseValue: (value) => {
    const date = typeof value === "string" ? new Date(value) : null;
    if (!date || Number.isNaN(date.getTime())) throw new GraphQLError("DateTime must be an ISO 8601 string");
    return date;
  },
});
