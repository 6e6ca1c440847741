import "server-only";
import type { Tx } from "@/lib/tenancy/with-tenant";
import type { MetricRow } from "./validate-metric-rows";

export interface UpsertCounts {
  /** Rows that created a fact. */
  inserted: number;
  /** Rows that changed an existing fact's value. */
  updated: number;
  /** Rows equal to the stored fact (nothing written). */
  unchanged: number;
}

/**
 * Upserts validated rows on their natural key in ONE statement (the `ingest_facts` function):
 * `INSERT … SELECT FROM unnest(…) ON CONFLICT … DO UPDATE … WHERE value IS DISTINCT FROM
 * excluded.value`, or a plain INSERT when no key can exist yet. A row
 * equal to the stored fact is not rewritten (no dead tuple, no rollup churn, batch id kept).
 * `xmax = 0` tells a fresh insert from an update in RETURNING; unchanged = the rest.
 *
 * The rollup triggers run inside the same statement, so the caller's transaction commits
 * facts and rollups together. Rows must be free of duplicate keys (validateMetricRows) —
 * PostgreSQL refuses to update one row twice in a statement. Values are compared as numerics
 * ("1.50" equals "1.5"). Runs inside the caller's withTenant transaction.
 */
export async function upsertFacts(
  tx: Tx,
  { workspaceId, rows, batchId }: { workspaceId: string; rows: readonly MetricRow[]; batchId: string | null },
): Promise<UpsertCounts> {
  const columns = factColumns();
  for (const r of rows) pushFact(columns, r);
  return upsertFactColumns(tx, { workspaceId, columns, batchId });
}

/** Validated rows as the five parallel arrays the upsert statement unnests. */
export interface FactColumns {
  dates: string[];
  channels: string[];
  campaigns: string[];
  measures: string[];
  /** Canonical decimal strings: sent as text, parsed by PostgreSQL as numeric (exact). */
  values: string[];
}

export function factColumns(): FactColumns {
  return { dates: [], channels: [], campaigns: [], measures: [], values: [] };
}

export function pushFact(c: FactColumns, r: MetricRow): void {
  c.dates.push(r.date);
  c.channels.push(r.channel);
  c.campaigns.push(r.campaign);
  c.measures.push(r.measure);
  c.values.push(r.value);
}

/** What the upsert needs of a transaction: Prisma's, or a raw one (the CSV import's chunks, see run-import-job). */
export interface RawQueries {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

/** {@link upsertFacts} for rows already in columns (the CSV import builds them while streaming). */
export async function upsertFactColumns(
  tx: RawQueries,
  {
    workspaceId,
    columns,
    batchId,
    expectNew = false,
  }: { workspaceId: string; columns: FactColumns; batchId: string | null; expectNew?: boolean },
): Promise<UpsertCounts> {
  const n = columns.dates.length;
  if (n === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  return upsertFactLiterals(tx, { workspaceId, rows: n, literals: factLiterals(columns), batchId, expectNew });
}

/**
 * A batch's five columns as the array literals ingest_facts takes (dates, channels, campaigns,
 * measures, values), rows in primary-key order (see keyOrder): the function's ORDER BY then
 * finds them sorted and does not have to sort them itself.
 */
export type FactLiterals = readonly [
  dates: string,
  channels: string,
  campaigns: string,
  measures: string,
  values: string,
];

export function factLiterals(columns: FactColumns): FactLiterals {
  const order = keyOrder(columns);
  return [
    plainArrayLiteral(columns.dates, order),
    textArrayLiteral(columns.channels, order),
    textArrayLiteral(columns.campaigns, order),
    textArrayLiteral(columns.measures, order),
    plainArrayLiteral(columns.values, order),
  ];
}

/** {@link upsertFactColumns} for a batch of `rows` rows already as literals (the CSV import's spill). */
export async function upsertFactLiterals(
  tx: RawQueries,
  {
    workspaceId,
    rows,
    literals,
    batchId,
    expectNew = false,
  }: { workspaceId: string; rows: number; literals: FactLiterals; batchId: string | null; expectNew?: boolean },
): Promise<UpsertCounts> {
  if (rows === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  // ingest_facts (migrations 20261126000500_ingest_speed, 20261126001000_ingest_cpu): the
  // upsert below, or a plain INSERT when no key can exist yet — same rows, same triggers, ~1/3
  // less work for new data. Each column goes as ONE array literal string: the driver and
  // Prisma pass a string through as it is, where a JS array of 10 000 strings was escaped
  // element by element and copied several times on the way (profiled: the largest share of
  // the job's heap churn).
  const result = await tx.$queryRawUnsafe<{ inserted: number | string; updated: number | string }[]>(
    `SELECT inserted, updated FROM ingest_facts($1::uuid, $2::uuid, $3::date[], $4::text[], $5::text[], $6::text[], $7::numeric[], $8::boolean)`,
    workspaceId,
    batchId,
    ...literals,
    expectNew,
  );
  const inserted = Number(result[0]?.inserted ?? 0);
  const updated = Number(result[0]?.updated ?? 0);
  return { inserted, updated, unchanged: rows - inserted - updated };
}

/**
 * The row order that sorts a batch by its primary key (date, channel, campaign, measure — text
 * in code-unit order, which is the byte order of the key columns' "C" collation for every text
 * without characters beyond U+FFFF), or null when the rows already come in that order.
 *
 * ingest_facts inserts in key order (`ORDER BY … COLLATE "C"`) and PostgreSQL's sort first
 * checks whether its input is already sorted: sorted rows cost it one comparison each instead
 * of a full multi-key sort, which EXPLAIN ANALYZE measured at 13–14 ms of an 85 ms 10 000-row
 * INSERT (every comparison after the first key deforms the tuple again). Here the sort is on
 * one number per row: each field is replaced by its rank among the batch's distinct values
 * (few: dates, channels, campaigns, measures repeat) and the ranks are combined into one key.
 * The order only saves PostgreSQL work: whatever it is, the ORDER BY decides the insert order.
 */
export function keyOrder(c: FactColumns): Uint32Array | null {
  const n = c.dates.length;
  if (n < 2) return null;
  const d = new Uint32Array(n);
  const ch = new Uint32Array(n);
  const ca = new Uint32Array(n);
  const me = new Uint32Array(n);
  const nd = ranks(c.dates, d);
  const nch = ranks(c.channels, ch);
  const nca = ranks(c.campaigns, ca);
  const nme = ranks(c.measures, me);
  const keys = new Float64Array(n);
  let sorted = true;
  // key · n + index stays an exact integer (< 2^53) when the key space is small enough; else
  // compare the ranks field by field.
  if (nd * nch * nca * nme * n < 2 ** 53) {
    for (let i = 0; i < n; i++) {
      keys[i] = (((d[i] * nch + ch[i]) * nca + ca[i]) * nme + me[i]) * n + i;
      if (sorted && i > 0 && keys[i] < keys[i - 1]) sorted = false;
    }
    if (sorted) return null;
    keys.sort();
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = keys[i] % n;
    return order;
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort((a, b) => d[a] - d[b] || ch[a] - ch[b] || ca[a] - ca[b] || me[a] - me[b]);
}

/** Writes each value's rank among the distinct values into `out` (code-unit order); returns how many are distinct. */
function ranks(values: readonly string[], out: Uint32Array): number {
  const ids = new Map<string, number>();
  const distinct: string[] = [];
  let previous: string | undefined;
  let previousId = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== previous) {
      let id = ids.get(v);
      if (id === undefined) {
        id = distinct.length;
        ids.set(v, id);
        distinct.push(v);
      }
      previous = v;
      previousId = id;
    }
    out[i] = previousId;
  }
  const byValue = Array.from(distinct.keys()).sort((a, b) => (distinct[a] < distinct[b] ? -1 : 1));
  const rankOfId = new Uint32Array(distinct.length);
  for (let r = 0; r < byValue.length; r++) rankOfId[byValue[r]] = r;
  for (let i = 0; i < out.length; i++) out[i] = rankOfId[out[i]];
  return distinct.length;
}

/** `{a,b,c}` for elements that need no quoting: validated dates (YYYY-MM-DD) and canonical decimals. */
function plainArrayLiteral(items: readonly string[], order: Uint32Array | null = null): string {
  if (order === null) return `{${items.join(",")}}`;
  const out = new Array<string>(items.length);
  for (let i = 0; i < out.length; i++) out[i] = items[order[i]];
  return `{${out.join(",")}}`;
}

const NEEDS_ESCAPE = /["\\]/;
const ESCAPE = /["\\]/g;

/** `{"a","b"}`: every element quoted, `"` and `\` backslash-escaped (PostgreSQL array input syntax); in `order` when given. */
export function textArrayLiteral(items: readonly string[], order: Uint32Array | null = null): string {
  const quoted = new Array<string>(items.length);
  // Files repeat a channel, campaign or measure on consecutive rows: reuse the quoted form.
  let previous: string | undefined;
  let previousQuoted = "";
  for (let i = 0; i < items.length; i++) {
    const item = order === null ? items[i] : items[order[i]];
    if (item !== previous) {
      previous = item;
      previousQuoted = NEEDS_ESCAPE.test(item) ? `"${item.replace(ESCAPE, "\\$&")}"` : `"${item}"`;
    }
    quoted[i] = previousQuoted;
  }
  return `{${quoted.join(",")}}`;
}
