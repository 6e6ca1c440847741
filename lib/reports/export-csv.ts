import { csvCell } from "@/lib/csv/escape-cell";

/**
 * CSV exports (SPEC §10) that open right in Excel and LibreOffice: UTF-8 with a BOM, CRLF,
 * en → `,` and a decimal point, ru → `;` and a decimal comma. Numbers are written as exact
 * decimals in the locale's notation (no group separators, so spreadsheets read them as
 * numbers); every text cell is formula-escaped (a leading = + - @ tab or CR gets an apostrophe)
 * and quoted when it holds the delimiter, a quote or a line break — safe with either separator.
 */
export type CsvLocale = "en" | "ru";

export type CsvValue = { number: string | null } | string | null;

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

export function csvDelimiter(locale: CsvLocale): "," | ";" {
  return locale === "ru" ? ";" : ",";
}

function cell(value: CsvValue, locale: CsvLocale): string {
  const delimiter = csvDelimiter(locale);
  if (value === null) return "";
  if (typeof value === "object") {
    if (value.number === null) return "";
    // Only a plain decimal is written bare; anything else is text (escaped).
    if (!PLAIN_DECIMAL.test(value.number)) return csvCell(value.number, delimiter);
    return locale === "ru" ? value.number.replace(".", ",") : value.number;
  }
  return csvCell(value, delimiter);
}

export function toCsvExport(
  header: readonly string[],
  rows: readonly (readonly CsvValue[])[],
  locale: CsvLocale,
): string {
  const delimiter = csvDelimiter(locale);
  const lines = [
    header.map((h) => cell(h, locale)).join(delimiter),
    ...rows.map((r) => r.map((v) => cell(v, locale)).join(delimiter)),
  ];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
