import { describe, expect, it } from "vitest";
import { toCsvExport } from "./export-csv";

describe("CSV exports", () => {
  it("en: comma, decimal point, BOM, CRLF", () => {
    const csv = toCsvExport(["KPI", "Actual"], [["Revenue", { number: "1234567.89" }]], "en");
    expect(csv).toBe("\uFEFFKPI,Actual\r\nRevenue,1234567.89\r\n");
  });

  it("ru: semicolon and decimal comma; negatives stay numbers", () => {
    const csv = toCsvExport(["KPI", "Факт"], [["Выручка", { number: "-1234.5" }]], "ru");
    expect(csv).toBe("\uFEFFKPI;Факт\r\nВыручка;-1234,5\r\n");
  });

  it("escapes formulas and quotes either separator, whichever the file uses (a ru Excel splits on ';')", () => {
    const rows = [['=HYPERLINK("http://x")', "+1;2", "-cmd", "@SUM(A1)", "a,b"]];
    const en = toCsvExport(["a", "b", "c", "d", "e"], rows, "en");
    expect(en).toContain(`"'=HYPERLINK(""http://x"")","'+1;2",'-cmd,'@SUM(A1),"a,b"`);
    const ru = toCsvExport(["a", "b", "c", "d", "e"], rows, "ru");
    expect(ru).toContain(`"'=HYPERLINK(""http://x"")";"'+1;2";'-cmd;'@SUM(A1);"a,b"`);
  });

  it("a value that only looks numeric with a formula is text", () => {
    expect(toCsvExport(["v"], [[{ number: "=1+1" }]], "en")).toBe("\uFEFFv\r\n'=1+1\r\n");
  });
});
