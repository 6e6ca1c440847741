import fc from "fast-check";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { CsvTokenizer } from "./csv-tokenizer";
import { detectDelimiter } from "./detect-delimiter";
import { EncodingDetector, detectEncoding } from "./detect-encoding";
import { csvCell, escapeFormula, toCsv } from "./escape-cell";
import { KeySet, hashKey, hashKeyParts } from "./key-set";

describe("detectEncoding", () => {
  const text = "Дата;Канал;Расход\n01.03.2026;Яндекс;1 234,56\n";
  it("UTF-8 without and with BOM", () => {
    expect(detectEncoding(Buffer.from(text, "utf8"))).toEqual({ encoding: "utf-8", bom: false });
    expect(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({
      encoding: "utf-8",
      bom: true,
    });
  });
  it("Windows-1251 (invalid as UTF-8)", () => {
    expect(detectEncoding(iconv.encode(text, "win1251"))).toEqual({ encoding: "windows-1251", bom: false });
  });
  it("ASCII is UTF-8", () => {
    expect(detectEncoding(Buffer.from("date,channel,spend\n"))).toEqual({ encoding: "utf-8", bom: false });
  });
  it("streams: a character split between chunks is still valid UTF-8", () => {
    const bytes = Buffer.from("Выручка", "utf8");
    const v = new EncodingDetector();
    v.push(bytes.subarray(0, 3));
    v.push(bytes.subarray(3));
    expect(v.finish().encoding).toBe("utf-8");
  });
});

describe("detectEncoding: strict", () => {
  const text = "Дата;Канал;Расход\n01.03.2026;Яндекс Директ;1 234,56\n02.03.2026;Яндекс Директ;10\n";
  it("one stray byte in a UTF-8 file is an error naming its row and offset, not Windows-1251", () => {
    const bytes = Buffer.from(text, "utf8");
    const at = bytes.indexOf(Buffer.from("10\n", "utf8"));
    const damaged = Buffer.concat([bytes.subarray(0, at), Buffer.from([0xa0]), bytes.subarray(at)]);
    expect(detectEncoding(damaged)).toEqual({ encoding: "unknown", bom: false, problem: { offset: at, row: 3 } });
  });
  it("UTF-16 with a BOM, both byte orders; a lone surrogate is an error", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    expect(detectEncoding(le)).toEqual({ encoding: "utf-16le", bom: true });
    const be = Buffer.from(le);
    be.swap16();
    expect(detectEncoding(be)).toEqual({ encoding: "utf-16be", bom: true });
    const lone = Buffer.concat([le, Buffer.from([0x00, 0xd8, 0x41, 0x00])]);
    expect(detectEncoding(lone)).toMatchObject({ encoding: "unknown", problem: { offset: le.length, row: 4 } });
  });
  it("binary bytes are neither UTF-8 nor Windows-1251", () => {
    const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xc3]);
    expect(detectEncoding(binary)).toMatchObject({ encoding: "unknown", problem: { offset: 0, row: 1 } });
  });
  it("Windows-1251 with «quotes» that happen to form valid UTF-8 pairs is still Windows-1251", () => {
    const cp = iconv.encode("Канал;Кампания\nООО «РЕСУРС»;Весна\n", "win1251");
    expect(detectEncoding(cp).encoding).toBe("windows-1251");
  });
  it("a chunked stream decides like the whole buffer (BOM split across chunks)", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const d = new EncodingDetector();
    d.push(le.subarray(0, 1));
    d.push(le.subarray(1, 2));
    d.push(le.subarray(2, 7));
    d.push(le.subarray(7));
    expect(d.finish()).toEqual({ encoding: "utf-16le", bom: true });
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
    expect(
      toCsv([
        ["row", "value"],
        [2, "=1+1"],
      ]),
    ).toBe("row,value\r\n2,'=1+1\r\n");
  });

  it("quotes on both separators: a ru Excel splitting on ';' sees no live formula", () => {
    expect(csvCell("x;=cmd|' /C calc'!A0;")).toBe(`"x;'=cmd|' /C calc'!A0;"`);
    const cell = fc.stringMatching(/^[a-z=+\-@;,\t" ]{0,12}$/);
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(",", ";"),
        (rows, written) => {
          const text = toCsv(rows, written);
          for (const opened of [",", ";"]) {
            const cells: string[] = [];
            const tokenizer = new CsvTokenizer(opened);
            tokenizer.push(text, (record) => cells.push(...record));
            // A quote left open by the other separator's split makes the rest one text cell: no formula there.
            if (!tokenizer.inQuotedField) tokenizer.end((record) => cells.push(...record));
            for (const c of cells) expect(c.trimStart()).not.toMatch(/^[=+\-@]/);
          }
        },
      ),
      { numRuns: 300 },
    );
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
    for (const [a, b, c, d] of [
      ["2026-03-01", "google", "", "clicks"],
      ["", "", "", ""],
      ["a\u0000", "Кампания", "x", "y"],
    ]) {
      expect(hashKeyParts(a, b, c, d)).toBe(hashKey(`${a}\u0000${b}\u0000${c}\u0000${d}`));
    }
    const set = new KeySet(4);
    expect(set.addParts("2026-03-01", "google", "", "clicks")).toBe(true);
    expect(set.add("2026-03-01\u0000google\u0000\u0000clicks")).toBe(false);
  });
});
