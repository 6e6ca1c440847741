import { randomUUID } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EncodingDetector } from "@/lib/csv/detect-encoding";
import { sniffDelimiter } from "@/lib/csv/read-csv";
import { analyzeImportFile } from "@/lib/imports/analyze-import-file";
import { commitImport } from "@/lib/imports/commit-import";
import { createImport } from "@/lib/imports/create-import";
import { TEST_DB, type TestDatabase, openTestDatabase } from "./harness";
import { createWorkspace, readFacts, runToEnd, useTempImportStore } from "./import-fixtures";

/**
 * The abuse suite, CSV part (issue 16): every probe of the outside review that once stored
 * wrong data silently or answered 500, as a test. Each would fail on the code before the
 * hardening: ragged rows were accepted, one stray byte switched a file to Windows-1251, NUL /
 * UTF-16 / binary / an open quote threw, and a million-column header was read whole.
 */
let db: TestDatabase;
beforeAll(async () => {
  await useTempImportStore();
  db = await openTestDatabase();
}, 300_000);
afterAll(async () => db?.close());

const actor = { kind: "user" as const, userId: "00000000-0000-4000-8000-0000000000ab" };

async function upload(ws: string, bytes: Buffer) {
  return createImport(db, { workspaceId: ws, actor, fileName: "probe.csv", body: Readable.from([bytes]) });
}

async function expectRefused(ws: string, importId: string) {
  await expect(commitImport(db, { workspaceId: ws, importId })).rejects.toThrow();
  expect(await readFacts(db, ws)).toEqual([]);
}

describe(`abuse: CSV that never lies (${TEST_DB})`, () => {
  it("a row with more cells than the header is an error naming the row and the column; nothing is stored", async () => {
    const ws = await createWorkspace(db);
    const record = await upload(ws, Buffer.from("date,channel,spend\n2026-11-01,google,1,234\n2026-11-02,google,5\n"));
    const report = record.report as any;
    expect(record.errorCount).toBe(1);
    expect(report.issues[0]).toMatchObject({ code: "CELL_COUNT", row: 2, column: "column 4", value: "234" });
    expect(report.issues[0].reason).toMatch(/row 2 has 4 cells but the header has 3 columns/);
    await expectRefused(ws, record.id);
  });

  it("with a fourth column the extra cell is still an error (234 never lands in clicks)", async () => {
    const ws = await createWorkspace(db);
    const record = await upload(ws, Buffer.from("date,channel,spend,clicks\n2026-11-01,google,1,234,17\n"));
    expect((record.report as any).issues).toMatchObject([{ code: "CELL_COUNT", row: 2, value: "17" }]);
    expect(record.rowsTotal).toBe(0);
  });

  it("a row with fewer cells names the missing columns; blank trailing cells are tolerated", async () => {
    const ws = await createWorkspace(db);
    const short = await upload(ws, Buffer.from("date,channel,spend,clicks\n2026-11-01,google,1\n"));
    expect((short.report as any).issues[0]).toMatchObject({ code: "CELL_COUNT", row: 2, column: "clicks" });
    const padded = await upload(ws, Buffer.from("date,channel,spend\n2026-11-01,google,1,,\n"));
    expect(padded.errorCount).toBe(0);
    expect(padded.rowsTotal).toBe(1);
  });

  it("one stray 0xA0 in a UTF-8 file is an error with row and byte offset, never a switch to Windows-1251", async () => {
    const ws = await createWorkspace(db);
    const text = Buffer.from("date;channel;spend\n2026-11-01;Яндекс Директ;10\n2026-11-02;Яндекс Директ;20\n", "utf8");
    const at = text.indexOf(Buffer.from("20\n"));
    const bytes = Buffer.concat([text.subarray(0, at), Buffer.from([0xa0]), text.subarray(at)]);
    const record = await upload(ws, bytes);
    expect(record.encoding).toBe("unknown");
    expect((record.report as any).issues).toMatchObject([{ code: "BAD_ENCODING", row: 3, offset: at }]);
    await expectRefused(ws, record.id);
  });

  it("UTF-16 with a BOM (both byte orders) imports the same text as UTF-8", async () => {
    const text = "date;channel;spend\r\n2026-11-01;Яндекс Директ;10\r\n";
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const be = Buffer.from(le);
    be.swap16();
    for (const [bytes, encoding] of [
      [le, "utf-16le"],
      [be, "utf-16be"],
    ] as const) {
      const ws = await createWorkspace(db);
      const record = await upload(ws, bytes);
      expect(record).toMatchObject({ encoding, delimiter: ";", errorCount: 0, rowsTotal: 1 });
      await commitImport(db, { workspaceId: ws, importId: record.id });
      await runToEnd({ db, workspaceId: ws, importId: record.id });
      expect((await readFacts(db, ws)).map((f) => [f.channel, f.value])).toEqual([["Яндекс Директ", "10"]]);
    }
  });

  it("NUL bytes, UTF-16 without a BOM and binary files are clear errors with row and column, not 500s", async () => {
    const ws = await createWorkspace(db);
    const nul = await upload(ws, Buffer.from("date,channel,spend\n2026-11-01,goo\u0000gle,1\n"));
    expect((nul.report as any).issues).toMatchObject([{ code: "NUL_BYTE", row: 2, column: "channel" }]);
    const noBom = await upload(ws, Buffer.from("date,channel,spend\n2026-11-01,google,1\n", "utf16le"));
    expect((noBom.report as any).issues).toMatchObject([{ code: "NUL_BYTE", row: 1 }]);
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0xd8, 0x98,
    ]);
    const binary = await upload(ws, png);
    expect((binary.report as any).issues).toMatchObject([{ code: "BAD_ENCODING", row: 1, offset: 0 }]);
    const control = await upload(ws, Buffer.from("date,channel,spend\n2026-11-01,google,1\x07\n"));
    expect((control.report as any).issues).toMatchObject([{ code: "BINARY_DATA", row: 2, column: "spend" }]);
    for (const r of [nul, noBom, binary, control]) expect(r.errorCount).toBe(1);
  });

  it("an unclosed quote names the row and column where it opened", async () => {
    const ws = await createWorkspace(db);
    const record = await upload(
      ws,
      Buffer.from('date,channel,spend\n2026-11-01,google,1\n2026-11-02,"google,2\n2026-11-03,vk,3\n'),
    );
    expect((record.report as any).issues).toMatchObject([{ code: "UNCLOSED_QUOTE", row: 3, column: "channel" }]);
    await expectRefused(ws, record.id);
  });

  it("a header of 1 000 000 columns is refused at once, with a small report", async () => {
    const ws = await createWorkspace(db);
    const header = Array.from({ length: 1_000_000 }, (_, i) => (i < 3 ? ["date", "channel", "spend"][i] : "x")).join(
      ",",
    );
    const record = await upload(ws, Buffer.from(`${header}\n2026-11-01,google,1\n`));
    const report = record.report as any;
    expect(report.issues).toMatchObject([{ code: "TOO_MANY_COLUMNS", row: 1 }]);
    expect(report.unmappedColumns).toEqual([]);
    expect(JSON.stringify(report).length).toBeLessThan(2_000);
    // 2 000 columns is the limit: accepted (and mapped as far as the header says).
    const wide = await upload(
      ws,
      Buffer.from(`date,channel,spend${",x".repeat(1_997)}\n2026-11-01,google,1${",".repeat(1_997)}\n`),
    );
    expect(wide.errorCount).toBe(0);
    expect(wide.rowsTotal).toBe(1);
  });
});

describe("abuse: fuzzing the CSV analyser", () => {
  const customMeasures: never[] = [];
  async function analyzeBytes(bytes: Uint8Array) {
    const dir = await mkdtemp(path.join(os.tmpdir(), "tl-fuzz-"));
    const file = path.join(dir, `${randomUUID()}.csv`);
    await writeFile(file, bytes);
    const detector = new EncodingDetector();
    detector.push(bytes);
    const encoding = detector.finish().encoding;
    const delimiter = bytes.length > 0 && encoding !== "unknown" ? await sniffDelimiter(file, encoding) : ",";
    return analyzeImportFile({ path: file, format: { encoding, delimiter }, customMeasures });
  }

  it("any bytes at all give a report, never an exception", async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc
        .array(fc.constantFrom(...'date,channel;spend\n\r"\t 0123456789.-Яя\u0000\u00a0'.split("")), { maxLength: 200 })
        .map((cs) => Buffer.from(cs.join(""), "utf8")),
    );
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(bytes, async (b) => {
        const analysis = await analyzeBytes(b);
        runs++;
        expect(analysis.report.errorCount).toBeGreaterThanOrEqual(analysis.report.issues.length);
        if (analysis.report.errorCount === 0) expect(analysis.report.factCount).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 150 },
    );
    expect(runs).toBeGreaterThanOrEqual(150);
  });

  it("a well-formed file, however it is quoted, gives exactly its facts", async () => {
    const channel = fc.stringMatching(/^[a-zA-Zа-яА-Я ,;"]{1,8}$/).filter((s) => s.trim() !== "");
    const row = fc.record({
      day: fc.integer({ min: 1, max: 28 }),
      channel,
      spend: fc.integer({ min: 0, max: 99_999 }),
      clicks: fc.option(fc.integer({ min: 0, max: 999 })),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 25 }),
        fc.constantFrom(",", ";"),
        async (rows, delimiter) => {
          const unique = [...new Map(rows.map((r) => [`${r.day}|${r.channel.trim()}`, r])).values()];
          const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
          const lines = [["date", "channel", "spend", "clicks"].join(delimiter)];
          for (const r of unique)
            lines.push(
              [`2026-10-${String(r.day).padStart(2, "0")}`, quote(r.channel), r.spend, r.clicks ?? ""].join(delimiter),
            );
          const analysis = await analyzeBytes(Buffer.from(lines.join("\r\n"), "utf8"));
          expect(analysis.report.issues).toEqual([]);
          expect(analysis.report.factCount).toBe(unique.length + unique.filter((r) => r.clicks !== null).length);
        },
      ),
      { numRuns: 60 },
    );
  });
});
