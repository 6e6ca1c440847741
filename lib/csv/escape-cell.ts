/**
 * CSV export cells, safe to open in a spreadsheet. A cell starting with `=`, `+`, `-`, `@`
 * (or a tab / carriage return, which some spreadsheets strip before looking) would be run
 * as a formula ("CSV injection"): it gets a leading apostrophe, which spreadsheets show as
 * text. Imported values are stored as they were; only exports are escaped.
 */
const FORMULA_START = /^[\t\r]|^\s*[=+\-@]/;

export function escapeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * One CSV field: formula-escaped, then quoted when it holds a quote, a line break or *any* of
 * the separators a spreadsheet may split on — `,`, `;` (Excel's list separator in the ru
 * locale) and tab — whatever delimiter this file uses. Otherwise `x;=cmd|' /C calc'!A0`,
 * written unquoted to a `,` file, opens in a ru Excel as two cells, the second a live formula.
 */
export function csvCell(value: string | number | null | undefined, delimiter = ","): string {
  // Quoting protects the reader that splits on our delimiter; one that splits on the other
  // separator does not see our quotes where we put them, so a separator inside the text
  // followed (through any quotes) by a formula start also gets the apostrophe there.
  const text = escapeFormula(value === null || value === undefined ? "" : String(value)).replace(INNER_FORMULA, "$1'");
  return text.includes(delimiter) || NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const NEEDS_QUOTES = /[",;\t\r\n]/;
const INNER_FORMULA = /([,;\t\r\n][\s"]*)(?=[=+\-@])/g;

/** Rows to CSV text (CRLF line ends, as RFC 4180 and spreadsheets expect). */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[], delimiter = ","): string {
  return rows.map((r) => r.map((v) => csvCell(v, delimiter)).join(delimiter)).join("\r\n") + "\r\n";
}
