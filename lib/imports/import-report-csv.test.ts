import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { issueReasonText } from "@/lib/csv/import-issue";
import { analyzeImportFile } from "./analyze-import-file";
import { importReportCsv } from "./import-report-csv";

const dir = mkdtempSync(path.join(os.tmpdir(), "tl-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file with the problems the issue lists: not a number, no such date, empty channel, a repeated row. */
async function analyzeBadFile() {
  const file = path.join(dir, "bad.csv");
  writeFileSync(
    file,
    [
      "Дата;Канал;Расход;Лиды",
      "01.11.2026;Яндекс Директ;1000;10",
      "31.02.2026;VK;200;3",
      "02.11.2026;;300;4",
      "03.11.2026;VK;abc;5",
      "01.11.2026;Яндекс Директ;1000;10",
    ].join("\n"),
  );
  return analyzeImportFile({
    path: file,
    format: { encoding: "utf-8", delimiter: ";" },
    customMeasures: [],
    maxDate: "2026-12-31",
  });
}

describe("the import error report", () => {
  it("reads in Russian for a Russian reader, with stable codes kept for the API", async () => {
    const { report } = await analyzeBadFile();
    const issues = report.issues.map((i) => ({
      ...i,
      reasonRu: issueReasonText(i, "ru"),
      reasonEn: issueReasonText(i, "en"),
    }));
    expect(issues.map((i) => i.why?.code)).toEqual([
      "NO_SUCH_DATE",
      "CHANNEL_EMPTY",
      "NOT_A_NUMBER",
      "ROW_REPEATS",
      "ROW_REPEATS",
    ]);

    const csv = importReportCsv(issues, "ru", {
      row: "Строка",
      column: "Столбец",
      value: "Значение",
      reason: "Причина",
      wholeFile: "весь файл",
    });
    expect(csv.split("\r\n")[0]).toBe("Строка,Столбец,Значение,Причина");
    expect(csv).toContain("3,Дата,31.02.2026,такой даты нет в календаре");
    expect(csv).toContain("4,Канал,,канал не указан");
    expect(csv).toContain("5,Расход,abc,это не число");
    expect(csv).toContain(
      '6,,,"строка 6 повторяет строку 2: те же дата, канал, кампания и показатель (Маркетинговые расходы)"',
    );
    expect(csv).toContain('6,,,"строка 6 повторяет строку 2: те же дата, канал, кампания и показатель (Лиды)"');
    // No English reason is left in the Russian report.
    expect(csv).not.toMatch(/not a number|no such calendar date|channel is empty|repeats row/);
  });

  it("reads in English for an English reader", async () => {
    const { report } = await analyzeBadFile();
    const issues = report.issues.map((i) => ({
      ...i,
      reasonRu: issueReasonText(i, "ru"),
      reasonEn: issueReasonText(i, "en"),
    }));
    const csv = importReportCsv(issues, "en", {
      row: "Row",
      column: "Column",
      value: "Value",
      reason: "Reason",
      wholeFile: "whole file",
    });
    expect(csv).toContain("3,Дата,31.02.2026,no such calendar date");
    expect(csv).toContain("5,Расход,abc,not a number");
  });
});
