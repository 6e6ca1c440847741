import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoIfEmpty } from "@/lib/demo/seed-demo";
import { loadDemoData } from "@/lib/demo/load-demo-data";
import { ingestRows } from "@/lib/ingestion/ingest-rows";
import type { MetricRowInput } from "@/lib/ingestion/validate-metric-rows";
import { getMetricValues } from "@/lib/metric-store/get-metric-values";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { createWorkspaceWithOwner } from "./factories";
import { type TestDatabase, openTestDatabase } from "./harness";

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
}, 300_000);
afterAll(async () => db?.close());

/** The rollups and a fresh GROUP BY over the facts, as comparable sorted lines. */
async function rollupsAndTruth(workspaceId: string) {
  return withTenant(db, { workspaceId }, async (tx) => {
    const q = async (sql: string) => (await tx.$queryRawUnsafe<{ line: string }[]>(sql)).map((r) => r.line);
    return {
      daily: await q(
        `SELECT concat_ws('|', measure, date, value::numeric(40,10), fact_count) AS line FROM metric_daily_totals ORDER BY 1`,
      ),
      dailyTruth: await q(
        `SELECT concat_ws('|', measure, date, sum(value)::numeric(40,10), count(*)) AS line FROM metric_facts GROUP BY measure, date ORDER BY 1`,
      ),
      channel: await q(
        `SELECT concat_ws('|', measure, date, channel, value::numeric(40,10), fact_count) AS line FROM metric_channel_daily_totals ORDER BY 1`,
      ),
      channelTruth: await q(
        `SELECT concat_ws('|', measure, date, channel, sum(value)::numeric(40,10), count(*)) AS line FROM metric_facts GROUP BY measure, date, channel ORDER BY 1`,
      ),
    };
  });
}

/** Deterministic PRNG so a failure reproduces. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe("rollups", () => {
  it("equal a fresh GROUP BY after random upserts, deletes and key moves", async () => {
    const { workspace } = await createWorkspaceWithOwner(db);
    const rand = prng(42);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    const measures = ["spend", "clicks", "customers_active", "followers"];
    for (let round = 0; round < 25; round++) {
      const op = rand();
      if (op < 0.6) {
        const rows = new Map<string, MetricRowInput>();
        for (let i = 0; i < 40; i++) {
          const row = {
            date: `2026-01-${String(1 + Math.floor(rand() * 10)).padStart(2, "0")}`,
            channel: pick(["a", "b", "c"]),
            campaign: pick(["", "x", "y"]),
            measure: pick(measures),
            value: String(Math.floor(rand() * 50)) + (rand() < 0.3 ? ".25" : ""),
          };
          if (row.measure !== "spend") row.value = row.value.replace(".25", "");
          rows.set(`${row.date}|${row.channel}|${row.campaign}|${row.measure}`, row);
        }
        await ingestRows(db, { workspaceId: workspace.id, rows: [...rows.values()] });
      } else if (op < 0.8) {
        await withTenant(db, { workspaceId: workspace.id }, (tx) =>
          tx.$executeRawUnsafe(
            `DELETE FROM metric_facts WHERE channel = $1 AND date <= $2::date`,
            pick(["a", "b", "c"]),
            `2026-01-0${1 + Math.floor(rand() * 5)}`,
          ),
        );
      } else {
        // Moving facts to another key (as a future correction tool might) moves their totals too.
        await withTenant(db, { workspaceId: workspace.id }, (tx) =>
          tx.$executeRawUnsafe(
            `UPDATE metric_facts SET channel = $2 || '_moved' || $3, value = value + 1 WHERE channel = $1 AND measure = $4`,
            pick(["a", "b", "c"]),
            pick(["a", "b"]),
            String(round),
            pick(measures),
          ),
        );
      }
      const r = await rollupsAndTruth(workspace.id);
      expect(r.daily, `round ${round}`).toEqual(r.dailyTruth);
      expect(r.channel, `round ${round}`).toEqual(r.channelTruth);
    }
  });

  it("seeds the demo once, loads it again without changes, and keeps rollups equal to the facts", async () => {
    const started = Date.now();
    const seeded = await seedDemoIfEmpty(db);
    // Only a database without users is seeded: the test above created one.
    expect(seeded.seeded).toBe(false);
    const { workspace } = await createWorkspaceWithOwner(db);
    const first = await loadDemoData(db, { workspaceId: workspace.id, endDate: "2026-11-25" });
    const loadMs = Date.now() - started;
    // The demo company (~13 months, every channel and measure): well over 100 000 facts.
    expect(first.inserted).toBeGreaterThan(100_000);
    const again = await loadDemoData(db, { workspaceId: workspace.id, endDate: "2026-11-25" });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: first.accepted });
    const r = await rollupsAndTruth(workspace.id);
    expect(r.daily).toEqual(r.dailyTruth);
    expect(r.channel.length).toBe(r.channelTruth.length);
    // The store's month equals a hand-written SQL over the facts.
    const [truth] = await withTenant(db, { workspaceId: workspace.id }, (tx) =>
      tx.$queryRawUnsafe<{ spend: string; deals: string; sales: string }[]>(
        `SELECT sum(value) FILTER (WHERE measure = 'spend')::text AS spend, sum(value) FILTER (WHERE measure = 'deals_won')::text AS deals,
                sum(value) FILTER (WHERE measure = 'sales_cost')::text AS sales
         FROM metric_facts WHERE date BETWEEN '2026-10-01' AND '2026-10-31'`,
      ),
    );
    const v = await getMetricValues(db, {
      workspaceId: workspace.id,
      keys: ["spend", "cac"],
      from: "2026-10-01",
      to: "2026-10-31",
    });
    expect(v.current.values[0].value!.toString()).toBe(String(Number(truth.spend)));
    const cac = (Number(truth.spend) + Number(truth.sales)) / Number(truth.deals);
    expect(Number(v.current.values[1].value)).toBeCloseTo(cac, 6);
    console.log(`demo: ${first.accepted} facts loaded in ${loadMs} ms on ${db.kind}`);
  }, 120_000);
});
