/**
 * CSV export cells, safe to open in a spreadsheet. A cell starting with `=`, `+`, `-`, `@`
 * (or a tab / carriage return, which some spreadsheets strip before looking) would be run
 * as a formula ("CSV injection"): it gets a leading apostrophe, which spreadsheets show as
 * text. Imported values are stored as they were; only exports are escaped.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One CSV field: formula-escaped, then quoted when it holds a delimiter, quote or newline. */
export function csvCell(value: string | number | null | undefined, delimiter = ","): string {
  const text = escapeFormula(value === null || value === undefined ? "" : String(value));
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to CSV text (CRLF line ends, as RFC 4180 and spreadsheets expect). */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[], delimiter = ","): string {
  return rows.map((r) => r.map((v) => csvCell(v, delimiter)).join(delimiter)).join("\r\n") + "\r\n";
}
