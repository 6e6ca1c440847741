import { access, open, readdir, rm } from "node:fs/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelImport } from "@/lib/imports/cancel-import";
import { commitImport } from "@/lib/imports/commit-import";
import { findImport } from "@/lib/imports/find-import";
import { pathOfStorageKey, spillPathOfStorageKey } from "@/lib/imports/import-store";
import { rollbackImport } from "@/lib/imports/rollback-import";
import { SimulatedCrash } from "@/lib/imports/run-import-job";
import { ingestRows } from "@/lib/ingestion/ingest-rows";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { TEST_DB, type TestDatabase, adminUrl, openTestDatabase } from "./harness";
import {
  createWorkspace,
  readFacts,
  rollupDrift,
  runToEnd,
  setChunkSource,
  uploadCsv,
  useTempImportStore,
  values,
} from "./import-fixtures";

let db: TestDatabase;
beforeAll(async () => {
  await useTempImportStore();
  db = await openTestDatabase();
}, 300_000);
afterAll(async () => db?.close());

const actor = { kind: "user" as const, userId: "00000000-0000-4000-8000-0000000000aa" };

const RU_WIDE = [
  "Дата;Канал;Кампания;Расход, ₽;Показы;Клики;Лиды;Выручка",
  "01.03.2026;Яндекс Директ;Весна;1 234,56;10 000;250;12;150 000,00",
  '01.03.2026;VK;=HYPERLINK("x");500;2 000;40;;',
  "02.03.2026;Яндекс Директ;Весна;1 300;11 000;260;15;0",
].join("\r\n");

describe.each(["spill", "file"] as const)(`CSV import jobs (${TEST_DB}, chunks from the %s)`, (source) => {
  beforeAll(() => setChunkSource(source));
  afterAll(() => setChunkSource("spill"));

  it("reads a Windows-1251 ';' file with Russian numbers and dates, previews it and commits it", async () => {
    const ws = await createWorkspace(db);
    const record = await uploadCsv(db, ws, RU_WIDE, { encoding: "windows-1251", chunkSize: 4 });
    expect(record).toMatchObject({
      encoding: "windows-1251",
      delimiter: ";",
      numberStyle: "ru",
      status: "UPLOADED",
      errorCount: 0,
      dataRows: 3,
    });
    expect(record.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect((record.mapping as any).columns.map((c: any) => c.target)).toEqual([
      "date",
      "channel",
      "campaign",
      "spend",
      "impressions",
      "clicks",
      "leads",
      "revenue",
    ]);
    expect(record.rowsTotal).toBe(5 + 3 + 5);

    await commitImport(db, { workspaceId: ws, importId: record.id });
    await runToEnd({ db, workspaceId: ws, importId: record.id });
    const done = await findImport(db, { workspaceId: ws, importId: record.id });
    expect(done).toMatchObject({ status: "COMMITTED", rowsDone: 13, inserted: 13, updated: 0, unchanged: 0 });
    const facts = await readFacts(db, ws);
    expect(facts).toHaveLength(13);
    expect(
      facts.find((f) => f.measure === "spend" && f.date === "2026-03-01" && f.channel === "Яндекс Директ")?.value,
    ).toBe("1234.56");
    // A formula-looking cell is stored as data, as it was.
    expect(facts.some((f) => f.campaign === '=HYPERLINK("x")')).toBe(true);
    expect(facts.every((f) => f.batch === record.id)).toBe(true);
    expect(await rollupDrift(db, ws)).toEqual([]);
  });

  it("reports every bad row with row, column and reason, and refuses to commit", async () => {
    const ws = await createWorkspace(db);
    const text = [
      "date,channel,campaign,measure,value",
      "2026-03-01,google,,clicks,-5",
      "2026-03-01,google,,spend,abc",
      "2026-03-01,google,,Расходы на рекламу в тг,10",
      "1999-12-31,google,,spend,10",
      "03/04/2026,google,,spend,10",
      "2026-03-02,google,,leads,1.5",
      "2026-03-03,google,,spend,10",
      "2026-03-03,google,,spend,11",
    ].join("\n");
    const record = await uploadCsv(db, ws, text);
    const report = record.report as any;
    const byCode = Object.fromEntries(report.issues.map((i: any) => [i.code, i]));
    expect(Object.keys(byCode).sort()).toEqual([
      "BAD_DATE",
      "BAD_NUMBER",
      "DATE_OUT_OF_RANGE",
      "DUPLICATE_KEY",
      "FRACTIONAL_COUNT",
      "NEGATIVE_COUNT",
      "UNKNOWN_MEASURE",
    ]);
    expect(byCode.NEGATIVE_COUNT).toMatchObject({ row: 2, column: "value", value: "-5" });
    expect(byCode.BAD_NUMBER).toMatchObject({ row: 3, column: "value", value: "abc" });
    expect(byCode.UNKNOWN_MEASURE).toMatchObject({ row: 4, column: "measure" });
    expect(byCode.DATE_OUT_OF_RANGE).toMatchObject({ row: 5, column: "date" });
    expect(byCode.BAD_DATE.reason).toMatch(/ambiguous/);
    expect(byCode.DUPLICATE_KEY).toMatchObject({ row: 9 });
    expect(byCode.DUPLICATE_KEY.reason).toMatch(/row 8/);
    expect(report.unknownMeasures).toEqual([expect.objectContaining({ name: "Расходы на рекламу в тг", rows: 1 })]);
    await expect(commitImport(db, { workspaceId: ws, importId: record.id })).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
    });
    expect(await readFacts(db, ws)).toEqual([]);
  });

  it("reports an empty file and a header-only file", async () => {
    const ws = await createWorkspace(db);
    const empty = await uploadCsv(db, ws, "");
    expect((empty.report as any).issues[0]).toMatchObject({ code: "EMPTY_FILE", row: 0 });
    const header = await uploadCsv(db, ws, "date,channel,spend\n");
    expect((header.report as any).issues[0]).toMatchObject({ code: "NO_ROWS" });
  });

  it("re-importing the same file changes nothing", async () => {
    const ws = await createWorkspace(db);
    const first = await uploadCsv(db, ws, RU_WIDE, { chunkSize: 5 });
    await commitImport(db, { workspaceId: ws, importId: first.id });
    await runToEnd({ db, workspaceId: ws, importId: first.id });
    const before = await readFacts(db, ws);
    const second = await uploadCsv(db, ws, RU_WIDE, { chunkSize: 5 });
    expect(second.checksum).toBe(first.checksum);
    await commitImport(db, { workspaceId: ws, importId: second.id });
    await runToEnd({ db, workspaceId: ws, importId: second.id });
    expect(await findImport(db, { workspaceId: ws, importId: second.id })).toMatchObject({
      status: "COMMITTED",
      inserted: 0,
      updated: 0,
      unchanged: 13,
    });
    expect(await readFacts(db, ws)).toEqual(before); // values and batch ids alike
  });

  it("rollback restores exactly the values the import replaced and deletes what it inserted", async () => {
    const ws = await createWorkspace(db);
    await ingestRows(db, {
      workspaceId: ws,
      rows: [
        { date: "2026-03-01", channel: "google", measure: "spend", value: "100.50" },
        { date: "2026-03-01", channel: "google", measure: "clicks", value: "10" },
        { date: "2026-03-02", channel: "google", measure: "spend", value: "7" },
      ],
    });
    const before = await readFacts(db, ws);
    const record = await uploadCsv(
      db,
      ws,
      "date,channel,spend,clicks\n2026-03-01,google,200,10\n2026-03-02,google,7.000,\n2026-03-03,google,5,1\n",
      { chunkSize: 2 },
    );
    await commitImport(db, { workspaceId: ws, importId: record.id });
    await runToEnd({ db, workspaceId: ws, importId: record.id });
    expect(await findImport(db, { workspaceId: ws, importId: record.id })).toMatchObject({
      inserted: 2,
      updated: 1,
      unchanged: 2,
    });
    const rolled = await rollbackImport(db, { workspaceId: ws, importId: record.id, actor });
    expect(rolled).toMatchObject({ status: "ROLLED_BACK", restoredFacts: 1, deletedFacts: 2 });
    expect(await readFacts(db, ws)).toEqual(before);
    expect(await rollupDrift(db, ws)).toEqual([]);
    await expect(rollbackImport(db, { workspaceId: ws, importId: record.id, actor })).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
    });
  });

  it("rolling back an older import leaves facts a newer import changed", async () => {
    const ws = await createWorkspace(db);
    const a = await uploadCsv(db, ws, "date,channel,spend\n2026-03-01,google,1\n2026-03-02,google,2\n");
    await commitImport(db, { workspaceId: ws, importId: a.id });
    await runToEnd({ db, workspaceId: ws, importId: a.id });
    const b = await uploadCsv(db, ws, "date,channel,spend\n2026-03-01,google,10\n");
    await commitImport(db, { workspaceId: ws, importId: b.id });
    await runToEnd({ db, workspaceId: ws, importId: b.id });
    await rollbackImport(db, { workspaceId: ws, importId: a.id, actor });
    expect(values(await readFacts(db, ws))).toEqual([
      { date: "2026-03-01", channel: "google", campaign: "", measure: "spend", value: "10" },
    ]);
    // B restores exactly what it replaced: A's value (A's own rollback had left it alone).
    await rollbackImport(db, { workspaceId: ws, importId: b.id, actor });
    expect(await readFacts(db, ws)).toEqual([
      { date: "2026-03-01", channel: "google", campaign: "", measure: "spend", value: "1", batch: a.id },
    ]);
    expect(await rollupDrift(db, ws)).toEqual([]);
  });

  it("two overlapping imports run at once end as if run one after the other", async () => {
    const fileA =
      "date,channel,spend,clicks\n" +
      Array.from({ length: 30 }, (_, i) => `2026-02-${String((i % 28) + 1).padStart(2, "0")},c${i % 3},${i}.5,${i}`)
        .filter((_, i) => i < 28)
        .join("\n");
    const fileB =
      "date,channel,spend,leads\n" +
      Array.from(
        { length: 28 },
        (_, i) => `2026-02-${String(i + 1).padStart(2, "0")},c${(i + 1) % 3},${i * 2},${i}`,
      ).join("\n");
    const serial = async (order: [string, string]) => {
      const ws = await createWorkspace(db);
      for (const text of order) {
        const r = await uploadCsv(db, ws, text, { chunkSize: 7 });
        await commitImport(db, { workspaceId: ws, importId: r.id });
        await runToEnd({ db, workspaceId: ws, importId: r.id });
      }
      return values(await readFacts(db, ws));
    };
    const ab = await serial([fileA, fileB]);
    const ba = await serial([fileB, fileA]);
    const ws = await createWorkspace(db);
    const a = await uploadCsv(db, ws, fileA, { chunkSize: 7 });
    const b = await uploadCsv(db, ws, fileB, { chunkSize: 7 });
    await commitImport(db, { workspaceId: ws, importId: a.id });
    await commitImport(db, { workspaceId: ws, importId: b.id });
    await Promise.all([
      runToEnd({ db, workspaceId: ws, importId: a.id, staleAfterSeconds: 15 }),
      runToEnd({ db, workspaceId: ws, importId: b.id, staleAfterSeconds: 15 }),
    ]);
    const together = values(await readFacts(db, ws));
    expect([ab, ba]).toContainEqual(together);
    expect(await rollupDrift(db, ws)).toEqual([]);
  });

  it(
    TEST_DB === "postgres"
      ? "a connection killed mid-chunk leaves no partial chunk and the job resumes"
      : "a failure injected mid-chunk leaves no partial chunk and the job resumes",
    async () => {
      const ws = await createWorkspace(db);
      const text =
        "date,channel,spend\n" +
        Array.from({ length: 25 }, (_, i) => `2026-01-${String(i + 1).padStart(2, "0")},google,${i + 1}`).join("\n");
      const record = await uploadCsv(db, ws, text, { chunkSize: 5 });
      await commitImport(db, { workspaceId: ws, importId: record.id });
      let killed = false;
      await runToEnd({
        db,
        workspaceId: ws,
        importId: record.id,
        hooks: {
          async beforeChunkCommit(chunkNo, tx) {
            if (chunkNo !== 2 || killed) return;
            killed = true;
            if (TEST_DB === "postgres") {
              const [{ pid }] = await tx.$queryRawUnsafe<{ pid: number }[]>("SELECT pg_backend_pid() AS pid");
              const url = new URL(adminUrl());
              url.pathname = `/${db.name}`;
              const admin = new pg.Client({ connectionString: url.toString() });
              await admin.connect();
              await admin.query("SELECT pg_terminate_backend($1)", [pid]);
              await admin.end();
            }
            throw new Error("connection lost mid-chunk");
          },
        },
      });
      expect(killed).toBe(true);
      const done = await findImport(db, { workspaceId: ws, importId: record.id });
      expect(done).toMatchObject({ status: "COMMITTED", rowsDone: 25, inserted: 25, attempts: 1 });
      const chunks = await withTenant(db, { workspaceId: ws }, (tx) =>
        tx.importChunk.findMany({ where: { workspaceId: ws, importId: record.id }, orderBy: { chunkNo: "asc" } }),
      );
      expect(chunks.map((c) => [c.chunkNo, c.rows])).toEqual([
        [0, 5],
        [1, 5],
        [2, 5],
        [3, 5],
        [4, 5],
      ]);
      expect((await readFacts(db, ws)).map((f) => f.value)).toEqual(
        Array.from({ length: 25 }, (_, i) => String(i + 1)),
      );
      expect(await rollupDrift(db, ws)).toEqual([]);
    },
  );

  it("a crashed worker's job resumes after a restart without writing a chunk twice", async () => {
    const ws = await createWorkspace(db);
    const text =
      "date,channel,clicks\n" +
      Array.from({ length: 20 }, (_, i) => `2026-01-${String(i + 1).padStart(2, "0")},vk,${i}`).join("\n");
    const record = await uploadCsv(db, ws, text, { chunkSize: 4 });
    await commitImport(db, { workspaceId: ws, importId: record.id });
    await expect(
      runToEnd({
        db,
        workspaceId: ws,
        importId: record.id,
        hooks: {
          beforeChunkCommit: (n) => {
            if (n === 3) throw new SimulatedCrash("process died");
          },
        },
      }),
    ).rejects.toBeInstanceOf(SimulatedCrash);
    const mid = await findImport(db, { workspaceId: ws, importId: record.id });
    expect(mid).toMatchObject({ status: "RUNNING", rowsTotal: 20 });
    // Chunks 0–2 committed; on PostgreSQL chunk 4 was written beside chunk 3 and may have too.
    expect(TEST_DB === "postgres" ? [12, 16] : [12]).toContain(mid.rowsDone);
    // "Restart": a fresh run claims the job (its worker is gone) and skips the committed chunks.
    await runToEnd({ db, workspaceId: ws, importId: record.id });
    expect(await findImport(db, { workspaceId: ws, importId: record.id })).toMatchObject({
      status: "COMMITTED",
      rowsDone: 20,
      inserted: 20,
    });
    expect(await readFacts(db, ws)).toHaveLength(20);
  });

  it("writes each chunk as the app role within the workspace (row-level security applies)", async () => {
    const ws = await createWorkspace(db);
    const other = await createWorkspace(db);
    const record = await uploadCsv(db, ws, "date,channel,clicks\n2026-01-01,vk,1\n2026-01-02,vk,2\n", { chunkSize: 1 });
    await commitImport(db, { workspaceId: ws, importId: record.id });
    const seen: unknown[] = [];
    await runToEnd({
      db,
      workspaceId: ws,
      importId: record.id,
      hooks: {
        async beforeChunkCommit(_n, tx) {
          const [me] = await tx.$queryRawUnsafe<
            { role: string; bypass: boolean; super: boolean; ws: string; visible: number }[]
          >(
            `SELECT current_user AS role, r.rolbypassrls AS bypass, r.rolsuper AS super, current_setting('app.workspace_id') AS ws,
                    (SELECT count(*)::int FROM metric_facts WHERE workspace_id <> $1::uuid) AS visible
               FROM pg_roles r WHERE r.rolname = current_user`,
            ws,
          );
          seen.push(me);
          // Another workspace's rows are out of reach: the policy refuses the write.
          await tx.$executeRawUnsafe("SAVEPOINT probe");
          await expect(
            tx.$executeRawUnsafe(
              `INSERT INTO metric_facts (workspace_id, date, channel, measure, value) VALUES ($1::uuid, '2026-01-01', 'x', 'clicks', 1)`,
              other,
            ),
          ).rejects.toThrow(/row-level security/);
          await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT probe");
        },
      },
    });
    expect(await findImport(db, { workspaceId: ws, importId: record.id })).toMatchObject({
      status: "COMMITTED",
      rowsDone: 2,
      inserted: 2,
    });
    expect(await readFacts(db, ws)).toHaveLength(2);
    expect(await readFacts(db, other)).toHaveLength(0);
    expect(seen).toEqual([
      { role: "throughline_app", bypass: false, super: false, ws, visible: 0 },
      { role: "throughline_app", bypass: false, super: false, ws, visible: 0 },
    ]);
  });

  it("a chunk whose transaction a swallowed error aborted does not count as written", async () => {
    const ws = await createWorkspace(db);
    const record = await uploadCsv(db, ws, "date,channel,clicks\n2026-01-01,vk,1\n2026-01-02,vk,2\n", { chunkSize: 1 });
    await commitImport(db, { workspaceId: ws, importId: record.id });
    let broke = false;
    await runToEnd({
      db,
      workspaceId: ws,
      importId: record.id,
      hooks: {
        async beforeChunkCommit(n, tx) {
          if (n !== 1 || broke) return;
          broke = true;
          await tx.$executeRawUnsafe("SELECT 1/0").catch(() => undefined);
        },
      },
    });
    expect(broke).toBe(true);
    // The aborted chunk was retried, not recorded as done with nothing written.
    expect(await findImport(db, { workspaceId: ws, importId: record.id })).toMatchObject({
      status: "COMMITTED",
      rowsDone: 2,
      inserted: 2,
    });
    expect(await readFacts(db, ws)).toHaveLength(2);
  });

  it("cancel during the run undoes the committed chunks", async () => {
    const ws = await createWorkspace(db);
    await ingestRows(db, {
      workspaceId: ws,
      rows: [{ date: "2026-01-01", channel: "vk", measure: "clicks", value: "99" }],
    });
    const before = await readFacts(db, ws);
    const text =
      "date,channel,clicks\n" +
      Array.from({ length: 12 }, (_, i) => `2026-01-${String(i + 1).padStart(2, "0")},vk,${i}`).join("\n");
    const record = await uploadCsv(db, ws, text, { chunkSize: 3 });
    await commitImport(db, { workspaceId: ws, importId: record.id });
    await runToEnd({
      db,
      workspaceId: ws,
      importId: record.id,
      hooks: {
        beforeChunkCommit: async (n, tx) => {
          if (n === 1)
            await tx.$executeRawUnsafe("UPDATE imports SET cancel_requested = true WHERE id = $1::uuid", record.id);
        },
      },
    });
    expect(await findImport(db, { workspaceId: ws, importId: record.id })).toMatchObject({
      status: "CANCELLED",
      rowsDone: 0,
    });
    expect(await readFacts(db, ws)).toEqual(before);
    expect(await rollupDrift(db, ws)).toEqual([]);
    // Cancelling a not-yet-started import ends it at once.
    const other = await uploadCsv(db, ws, text);
    expect(await cancelImport(db, { workspaceId: ws, importId: other.id })).toMatchObject({ status: "CANCELLED" });
  });
});

describe(`CSV import spill (${TEST_DB})`, () => {
  const exists = (p: string) =>
    access(p).then(
      () => true,
      () => false,
    );
  const LONG =
    "date,channel,campaign,measure,value\n" +
    Array.from(
      { length: 30 },
      (_, i) => `2026-02-${String((i % 10) + 1).padStart(2, "0")},ch-${Math.floor(i / 10)},c,clicks,${i}`,
    ).join("\n");

  it("keeps the validated chunks of a file without problems, none for a file with one, and removes them with the file", async () => {
    const ws = await createWorkspace(db);
    const good = await uploadCsv(db, ws, LONG, { chunkSize: 7 });
    expect(await exists(spillPathOfStorageKey(good.storageKey))).toBe(true);
    for (const problem of ["2026-02-28,ch-0,c,clicks,-1", "2026-02-01,ch-0,c,clicks,5"]) {
      const bad = await uploadCsv(db, ws, LONG + "\n" + problem); // a negative count; a repeated key
      expect(bad.errorCount).toBe(1);
      expect(await exists(spillPathOfStorageKey(bad.storageKey))).toBe(false);
    }
    // The job takes the chunks from the spill alone: it does not even need the file.
    await rm(pathOfStorageKey(good.storageKey));
    await commitImport(db, { workspaceId: ws, importId: good.id });
    await runToEnd({ db, workspaceId: ws, importId: good.id });
    expect(await findImport(db, { workspaceId: ws, importId: good.id })).toMatchObject({
      status: "COMMITTED",
      rowsDone: 30,
      inserted: 30,
      attempts: 0,
    });
    const chunks = await withTenant(db, { workspaceId: ws }, (tx) =>
      tx.importChunk.findMany({ where: { workspaceId: ws, importId: good.id }, orderBy: { chunkNo: "asc" } }),
    );
    expect(chunks.map((c) => c.rows)).toEqual([7, 7, 7, 7, 2]);
    expect((await readFacts(db, ws)).map((f) => Number(f.value)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => i),
    );
    expect(await exists(spillPathOfStorageKey(good.storageKey))).toBe(false);
    expect(await exists(pathOfStorageKey(good.storageKey))).toBe(false);
    expect(await rollupDrift(db, ws)).toEqual([]);
  });

  it("a damaged spill is removed and the retry reads the file: every fact exactly once", async () => {
    const ws = await createWorkspace(db);
    const record = await uploadCsv(db, ws, LONG, { chunkSize: 7 });
    const spill = spillPathOfStorageKey(record.storageKey);
    // Flip one byte in the last chunk's values: its CRC no longer matches.
    const handle = await open(spill, "r+");
    const { size } = await handle.stat();
    const byte = Buffer.alloc(1);
    await handle.read(byte, 0, 1, size - 2);
    byte[0] = byte[0] === 0x31 ? 0x32 : 0x31;
    await handle.write(byte, 0, 1, size - 2);
    await handle.close();
    await commitImport(db, { workspaceId: ws, importId: record.id });
    await runToEnd({ db, workspaceId: ws, importId: record.id });
    expect(await findImport(db, { workspaceId: ws, importId: record.id })).toMatchObject({
      status: "COMMITTED",
      rowsDone: 30,
      inserted: 30,
      attempts: 1,
    });
    expect((await readFacts(db, ws)).map((f) => Number(f.value)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => i),
    );
    expect(await rollupDrift(db, ws)).toEqual([]);
  });

  it("is not used when the workspace's custom measures changed after the upload: the file is checked again", async () => {
    const ws = await createWorkspace(db);
    await withTenant(db, { workspaceId: ws }, (tx) =>
      tx.customMeasure.create({
        data: {
          workspaceId: ws,
          key: "webinars",
          nameEn: "Webinars",
          nameRu: "Вебинары",
          unit: "money",
          aggregation: "flow",
        },
      }),
    );
    const record = await uploadCsv(
      db,
      ws,
      "date,channel,measure,value\n2026-02-01,vk,webinars,1.5\n2026-02-02,vk,webinars,2\n",
    );
    expect(record.errorCount).toBe(0);
    expect(await exists(spillPathOfStorageKey(record.storageKey))).toBe(true);
    // Now a count: 1.5 is no longer valid, and nothing may be written.
    await withTenant(db, { workspaceId: ws }, (tx) =>
      tx.customMeasure.updateMany({ where: { workspaceId: ws, key: "webinars" }, data: { unit: "count" } }),
    );
    await commitImport(db, { workspaceId: ws, importId: record.id });
    await runToEnd({ db, workspaceId: ws, importId: record.id });
    const done = await findImport(db, { workspaceId: ws, importId: record.id });
    expect(done.status).toBe("FAILED");
    expect(done.error).toMatch(/whole number/);
    expect(await readFacts(db, ws)).toEqual([]);
  });

  it("a spill made for another mapping is not used; the job validates again and writes from a fresh one", async () => {
    const ws = await createWorkspace(db);
    const text = "date,channel,clicks,leads\n2026-02-01,vk,10,1\n2026-02-02,vk,20,2\n";
    const record = await uploadCsv(db, ws, text);
    const mapping = record.mapping as any;
    const leadsIgnored = {
      ...mapping,
      columns: mapping.columns.map((c: any) => (c.target === "leads" ? { ...c, target: "ignore" } : c)),
    };
    await commitImport(db, { workspaceId: ws, importId: record.id, mapping: leadsIgnored });
    await runToEnd({ db, workspaceId: ws, importId: record.id });
    expect(await findImport(db, { workspaceId: ws, importId: record.id })).toMatchObject({
      status: "COMMITTED",
      rowsDone: 2,
      inserted: 2,
    });
    expect((await readFacts(db, ws)).map((f) => [f.measure, f.value])).toEqual([
      ["clicks", "10"],
      ["clicks", "20"],
    ]);
    expect(
      (await readdir(pathOfStorageKey(record.storageKey).replace(/[^/]+$/, ""))).filter((f) => f.startsWith(record.id)),
    ).toEqual([]);
  });
});
