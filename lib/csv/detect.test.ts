import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { detectDelimiter } from "./detect-delimiter";
import { Utf8Validator, detectEncoding } from "./detect-encoding";
import { csvCell, escapeFormula, toCsv } from "./escape-cell";
import { KeySet, hashKey, hashKeyParts } from "./key-set";

describe("detectEncoding", () => {
  const text = "Дата;Канал;Расход\n01.03.2026;Яндекс;1 234,56\n";
  it("UTF-8 without and with BOM", () => {
    expect(detectEncoding(Buffer.from(text, "utf8"))).toEqual({ encoding: "utf-8", bom: false });
    expect(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({ encoding: "utf-8", bom: true });
  });
  it("Windows-1251 (invalid as UTF-8)", () => {
    expect(detectEncoding(iconv.encode(text, "win1251"))).toEqual({ encoding: "windows-1251", bom: false });
  });
  it("ASCII is UTF-8", () => {
    expect(detectEncoding(Buffer.from("date,channel,spend\n"))).toEqual({ encoding: "utf-8", bom: false });
  });
  it("streams: a character split between chunks is still valid UTF-8", () => {
    const bytes = Buffer.from("Выручка", "utf8");
    const v = new Utf8Validator();
    v.push(bytes.subarray(0, 3));
    v.push(bytes.subarray(3));
    expect(v.finish().encoding).toBe("utf-8");
  });
});

describe("detectDelimiter", () => {
  it("comma, semicolon and tab", () => {
    expect(detectDelimiter("date,channel,spend\n2026-03-01,vk,10\n")).toBe(",");
    expect(detectDelimiter("Дата;Канал;Расход\n01.03.2026;VK;1,5\n")).toBe(";");
    expect(detectDelimiter("date\tchannel\tspend\n2026-03-01\tvk\t10\n")).toBe("\t");
  });
  it("ignores delimiters inside quotes", () => {
    expect(detectDelimiter('date;channel;campaign\n2026-03-01;vk;"a,b,c,d"\n')).toBe(";");
    expect(detectDelimiter('date,channel,spend\n2026-03-01,vk,"1 234,5"\n')).toBe(",");
  });
});

describe("CSV export escaping", () => {
  it("prefixes formula-looking cells with an apostrophe", () => {
    for (const v of ["=SUM(A1)", "+1", "-1", "@cmd", "\tx"]) expect(escapeFormula(v)).toBe(`'${v}`);
    expect(escapeFormula("Весна")).toBe("Весна");
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(toCsv([["row", "value"], [2, "=1+1"]])).toBe("row,value\r\n2,'=1+1\r\n");
  });
});

describe("KeySet", () => {
  it("tells a repeated key and grows", () => {
    const set = new KeySet(4);
    for (let i = 0; i < 10_000; i++) expect(set.add(`k${i}`)).toBe(true);
    expect(set.add("k42")).toBe(false);
    expect(set.count).toBe(10_000);
    expect(set.bytes).toBe(16_384 * 8);
  });

  it("hashes a key given in parts as the joined key", () => {
    for (const [a, b, c, d] of [["2026-03-01", "google", "", "clicks"], ["", "", "", ""], ["a\u0000", "Кампания", "x", "y"]]) {
      expect(hashKeyParts(a, b, c, d)).toBe(hashKey(`${a}\u0000${b}\u0000${c}\u0000${d}`));
    }
    const set = new KeySet(4);
    expect(set.addParts("2026-03-01", "google", "", "clicks")).toBe(true);
    expect(set.add("2026-03-01\u0000google\u0000\u0000clicks")).toBe(false);
  });
});
