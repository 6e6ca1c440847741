import { columnName } from "./extract-facts";
import { type ImportIssue, issueReason } from "./import-issue";
import { reason } from "@/lib/i18n/reasons";

/**
 * A record must have as many cells as the header: `date,channel,spend` then
 * `2026-11-01,google,1,234` is an unquoted "1,234" that would store spend = 1 (and with a
 * fourth column put 234 into it), so it is an error naming the row and the columns, and the
 * row gives no facts. Extra cells that are all blank are tolerated (spreadsheets pad rows with
 * trailing delimiters); a missing cell is never guessed as empty.
 *
 * Returns the issue, or null when the record fits the header.
 */
export function checkCellCount(headers: readonly string[], cells: readonly string[], row: number): ImportIssue | null {
  const width = headers.length;
  if (cells.length === width) return null;
  if (cells.length > width) {
    let firstExtra = -1;
    for (let k = width; k < cells.length; k++) {
      if (cells[k].trim() !== "") {
        firstExtra = k;
        break;
      }
    }
    if (firstExtra < 0) return null;
    return {
      code: "CELL_COUNT",
      row,
      column: `column ${firstExtra + 1}`,
      value: cells[firstExtra],
      ...issueReason(
        reason("CELL_COUNT_EXTRA", {
          row,
          cells: cells.length,
          width,
          column: firstExtra + 1,
          value: clip(cells[firstExtra]),
        }),
      ),
    };
  }
  const missing = headers.slice(cells.length).map((_, k) => columnName(headers, cells.length + k));
  return {
    code: "CELL_COUNT",
    row,
    column: missing[0] ?? null,
    value: null,
    ...issueReason(
      reason("CELL_COUNT_MISSING", { row, cells: cells.length, width, columns: clip(missing.join(", ")) }),
    ),
  };
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
