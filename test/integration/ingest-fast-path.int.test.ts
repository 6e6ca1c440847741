import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestRows } from "@/lib/ingestion/ingest-rows";
import { factColumns, pushFact, upsertFactColumns } from "@/lib/ingestion/upsert-facts";
import type { MetricRow } from "@/lib/ingestion/validate-metric-rows";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { createWorkspace } from "./import-fixtures";
import { type TestDatabase, openTestDatabase } from "./harness";

// ingest_facts (migration 20261126000500_ingest_speed) takes a plain INSERT when it expects no
// existing key and falls back to the upsert on a unique violation; rows travel as array literals.
let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
}, 300_000);
afterAll(async () => db?.close());

const facts = (ws: string) =>
  withTenant(db, { workspaceId: ws }, (tx) =>
    tx.$queryRawUnsafe<{ line: string }[]>(
      `SELECT concat_ws('|', date, channel, campaign, measure, value) AS line FROM metric_facts ORDER BY 1`,
    ),
  ).then((r) => r.map((x) => x.line));

/** Rows by which the rollups and a fresh GROUP BY over the facts differ (0 = equal). */
const drift = (ws: string) =>
  withTenant(db, { workspaceId: ws }, async (tx) => {
    const n = async (sql: string) =>
      (await tx.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM (${sql}) d`))[0].n;
    const daily = `SELECT measure, date, sum(value) AS v, count(*)::int AS c FROM metric_facts GROUP BY 1, 2`;
    const channel = `SELECT measure, date, channel, sum(value) AS v, count(*)::int AS c FROM metric_facts GROUP BY 1, 2, 3`;
    return (
      (await n(`(${daily}) EXCEPT SELECT measure, date, value, fact_count FROM metric_daily_totals`)) +
      (await n(`SELECT measure, date, value, fact_count FROM metric_daily_totals EXCEPT (${daily})`)) +
      (await n(
        `(${channel}) EXCEPT SELECT measure, date, channel, value, fact_count FROM metric_channel_daily_totals`,
      )) +
      (await n(`SELECT measure, date, channel, value, fact_count FROM metric_channel_daily_totals EXCEPT (${channel})`))
    );
  });

describe("ingest_facts", () => {
  it("keeps texts exactly, whatever the array-literal syntax characters in them", async () => {
    const ws = await createWorkspace(db);
    const odd = [
      'say "hi"',
      "back\\slash",
      "a,b",
      "{braces}",
      "NULL",
      " spaced ",
      "Яндекс Директ",
      "=SUM(A1)",
      "'quote'",
    ];
    const rows = odd.map((text, i) => ({
      date: "2026-01-01",
      channel: text,
      campaign: `${text}-${i}`,
      measure: "clicks",
      value: String(i),
    }));
    const result = await ingestRows(db, { workspaceId: ws, rows });
    expect(result).toMatchObject({ inserted: odd.length, updated: 0, unchanged: 0 });
    const stored = await facts(ws);
    // Texts are trimmed by validation (" spaced " → "spaced"), everything else is kept as sent.
    const expected = odd.map((text, i) => `2026-01-01|${text.trim()}|${`${text}-${i}`.trim()}|clicks|${i}`).sort();
    expect(stored).toEqual(expected);
  });

  it("takes the plain INSERT for an empty date range and the upsert for a range with facts, with the same counts", async () => {
    const ws = await createWorkspace(db);
    const first = await ingestRows(db, {
      workspaceId: ws,
      rows: [1, 2, 3].map((d) => ({ date: `2026-02-0${d}`, channel: "vk", measure: "spend", value: `${d}.5` })),
    });
    expect(first).toMatchObject({ inserted: 3, updated: 0, unchanged: 0 });
    const second = await ingestRows(db, {
      workspaceId: ws,
      rows: [
        { date: "2026-02-01", channel: "vk", measure: "spend", value: "1.50" }, // unchanged
        { date: "2026-02-02", channel: "vk", measure: "spend", value: "20" }, // updated
        { date: "2026-02-04", channel: "vk", measure: "spend", value: "4" }, // inserted
      ],
    });
    expect(second).toMatchObject({ inserted: 1, updated: 1, unchanged: 1 });
    expect(await facts(ws)).toEqual([
      "2026-02-01|vk||spend|1.5",
      "2026-02-02|vk||spend|20",
      "2026-02-03|vk||spend|3.5",
      "2026-02-04|vk||spend|4",
    ]);
    expect(await drift(ws)).toBe(0);
  });

  it("a wrong 'expect new' guess leaves no trace of the failed INSERT: upsert counts, rollups and the import journal are exact", async () => {
    const ws = await createWorkspace(db);
    await ingestRows(db, {
      workspaceId: ws,
      rows: [{ date: "2026-03-01", channel: "tg", measure: "leads", value: "7" }],
    });
    const importId = randomUUID();
    const rows: MetricRow[] = [
      { date: "2026-03-01", channel: "tg", campaign: "", measure: "leads", value: "9" }, // exists: the plain INSERT fails
      { date: "2026-03-02", channel: "tg", campaign: "", measure: "leads", value: "1" },
    ];
    const counts = await withTenant(db, { workspaceId: ws }, async (tx) => {
      await tx.$queryRawUnsafe(`SELECT set_config('app.import_id', $1, true)`, importId);
      const columns = factColumns();
      for (const r of rows) pushFact(columns, r);
      return upsertFactColumns(tx, { workspaceId: ws, columns, batchId: importId, expectNew: true });
    });
    expect(counts).toEqual({ inserted: 1, updated: 1, unchanged: 0 });
    expect(await facts(ws)).toEqual(["2026-03-01|tg||leads|9", "2026-03-02|tg||leads|1"]);
    expect(await drift(ws)).toBe(0);
    const journal = await withTenant(db, { workspaceId: ws }, (tx) =>
      tx.$queryRawUnsafe<{ line: string }[]>(
        `SELECT concat_ws('|', date, previous_value) AS line FROM import_fact_changes WHERE import_id = $1::uuid`,
        importId,
      ),
    );
    expect(journal.map((j) => j.line)).toEqual(["2026-03-01|7"]);
  });
});

describe("fact key collation (migration 20261126000600_fact_key_collation)", () => {
  it("compares the text key columns byte-wise on both databases, and keeps rows and rollups exact", async () => {
    const { rows } = await db.sql.query<{ col: string; collation: string }>(
      `SELECT c.relname || '.' || a.attname AS col, coalesce(co.collname, '') AS collation
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid LEFT JOIN pg_collation co ON co.oid = a.attcollation
        WHERE c.relname IN ('metric_facts', 'metric_daily_totals', 'metric_channel_daily_totals', 'import_fact_changes')
          AND a.attname IN ('channel', 'campaign', 'measure') AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY 1`,
    );
    expect(rows.map((r) => r.collation)).toEqual(rows.map(() => "C"));
    expect(rows).toHaveLength(9);
    const ws = await createWorkspace(db);
    const names = ["b", "B", "a", "Я", "я", "Ё", "z", "_x", "10", "9"];
    await ingestRows(db, {
      workspaceId: ws,
      rows: names.map((channel, i) => ({
        date: "2026-01-01",
        channel,
        campaign: channel,
        measure: "clicks",
        value: String(i),
      })),
    });
    const ordered = await withTenant(db, { workspaceId: ws }, (tx) =>
      tx.$queryRawUnsafe<{ channel: string }[]>(`SELECT channel FROM metric_facts ORDER BY channel`),
    );
    // Code point order (= UTF-8 byte order), the same on PostgreSQL and PGlite.
    expect(ordered.map((r) => r.channel)).toEqual([...names].sort());
    expect(await drift(ws)).toBe(0);
  });
});
