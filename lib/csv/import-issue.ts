import { type Reason, reasonText } from "@/lib/i18n/reasons";

/**
 * One problem in an import file, as the validation report shows it (SPEC §7: errors name the
 * row, column and reason). `row` is the line number a spreadsheet shows (the header is row 1);
 * 0 for problems of the whole file.
 */
export interface ImportIssue {
  code: ImportIssueCode;
  row: number;
  /** The column's header (or "column N"), null for whole-row or whole-file problems. */
  column: string | null;
  /** The offending cell as it was in the file, null when there is none. */
  value: string | null;
  /** The reason in English (the API's `reason`). */
  reason: string;
  /** A byte offset in the file (0-based), for problems of the encoding (BAD_ENCODING). */
  offset?: number | null;
  /** The reason's stable code and parameters; pages show it in the reader's language (lib/i18n/reasons.ts). */
  why?: Reason;
}

/** The reason fields of an issue: the code and parameters, and the English text. */
export function issueReason(r: Reason): Pick<ImportIssue, "reason" | "why"> {
  return { reason: reasonText(r, "en"), why: r };
}

/** An issue's reason in `locale`; reports stored before reasons had codes keep their English text. */
export function issueReasonText(issue: Pick<ImportIssue, "reason" | "why">, locale: string): string {
  return issue.why ? reasonText(issue.why, locale) : issue.reason;
}

export const IMPORT_ISSUE_CODES = [
  "EMPTY_FILE",
  "NO_HEADER",
  "NO_ROWS",
  "FILE_TOO_LARGE",
  "MAPPING",
  "BAD_DATE",
  "DATE_OUT_OF_RANGE",
  "BAD_NUMBER",
  "NEGATIVE_COUNT",
  "FRACTIONAL_COUNT",
  "UNKNOWN_MEASURE",
  "MISSING_VALUE",
  "MISSING_CHANNEL",
  "BAD_TEXT",
  "DUPLICATE_KEY",
  "BAD_CSV",
  "CURRENCY_MISMATCH",
  "NO_RATE",
  "UNKNOWN_CURRENCY",
  // The file's structure (lib/csv/csv-tokenizer.ts, check-cell-count.ts, detect-encoding.ts):
  "CELL_COUNT",
  "BAD_ENCODING",
  "NUL_BYTE",
  "BINARY_DATA",
  "UNCLOSED_QUOTE",
  "TOO_MANY_COLUMNS",
  "RECORD_TOO_LONG",
] as const;

export type ImportIssueCode = (typeof IMPORT_ISSUE_CODES)[number];
