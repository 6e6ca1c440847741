import { toCsv } from "@/lib/csv/escape-cell";

/** An issue as the API returns it (ImportIssue): the reason in both languages. */
export interface ReportIssue {
  row: number;
  column: string | null;
  value: string | null;
  reasonRu: string;
  reasonEn: string;
}

/**
 * The downloadable validation report (SPEC §7, §10): one line per problem with the column
 * headings and the reasons in the reader's language; row 0 (the whole file) reads as words.
 */
export function importReportCsv(
  issues: readonly ReportIssue[],
  locale: string,
  labels: { row: string; column: string; value: string; reason: string; wholeFile: string },
): string {
  return toCsv([
    [labels.row, labels.column, labels.value, labels.reason],
    ...issues.map((i) => [
      i.row || labels.wholeFile,
      i.column ?? "",
      i.value ?? "",
      locale === "ru" ? i.reasonRu : i.reasonEn,
    ]),
  ]);
}
