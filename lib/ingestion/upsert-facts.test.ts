import { describe, expect, it } from "vitest";
import { type FactColumns, factColumns, keyOrder, textArrayLiteral } from "./upsert-facts";

describe("textArrayLiteral", () => {
  it("quotes every element and escapes quotes and backslashes (PostgreSQL array input)", () => {
    expect(textArrayLiteral(["a", "a", 'say "hi"', "back\\slash", "", "NULL", "a,b", "{x}", "a"])).toBe(
      '{"a","a","say \\"hi\\"","back\\\\slash","","NULL","a,b","{x}","a"}',
    );
    expect(textArrayLiteral([])).toBe("{}");
  });

  it("writes the elements in the given order", () => {
    expect(textArrayLiteral(["a", "b", "c"], Uint32Array.of(2, 0, 1))).toBe('{"c","a","b"}');
  });
});

function columnsOf(rows: [string, string, string, string][]): FactColumns {
  const c = factColumns();
  rows.forEach(([date, channel, campaign, measure], i) => {
    c.dates.push(date);
    c.channels.push(channel);
    c.campaigns.push(campaign);
    c.measures.push(measure);
    c.values.push(String(i));
  });
  return c;
}

/** The primary-key order as PostgreSQL's "C" collation sorts it (UTF-8 bytes). */
function byteOrder(c: FactColumns): number[] {
  const key = (i: number) =>
    Buffer.concat(
      [c.dates[i], c.channels[i], c.campaigns[i], c.measures[i]].flatMap((s) => [Buffer.from(s), Buffer.from([0])]),
    );
  return c.dates.map((_, i) => i).sort((a, b) => Buffer.compare(key(a), key(b)));
}

describe("keyOrder", () => {
  it("orders rows by date, channel, campaign, measure as the primary key does", () => {
    const c = columnsOf([
      ["2024-01-02", "ads", "", "spend"],
      ["2024-01-01", "seo", "b", "clicks"],
      ["2024-01-01", "ads", "campaign-10", "spend"],
      ["2024-01-01", "ads", "campaign-2", "clicks"],
      ["2024-01-01", "Ads", "", "leads"],
      ["2024-01-01", "ads", "campaign-10", "clicks"],
      ["2023-12-31", "ёлка", "", "spend"],
      ["2023-12-31", "елка", "", "spend"],
    ]);
    expect(Array.from(keyOrder(c)!)).toEqual(byteOrder(c));
  });

  it("returns null for rows already in order, and for fewer than two rows", () => {
    expect(
      keyOrder(
        columnsOf([
          ["2024-01-01", "a", "", "clicks"],
          ["2024-01-01", "a", "", "spend"],
          ["2024-01-02", "a", "", "clicks"],
        ]),
      ),
    ).toBeNull();
    expect(keyOrder(columnsOf([["2024-01-01", "a", "", "clicks"]]))).toBeNull();
  });

  it("agrees with the byte order on random batches, also when the key space is too large for one number", () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), (seed >>> 8) % n);
    for (const distinct of [4, 40, 5000]) {
      const rows: [string, string, string, string][] = [];
      const seen = new Set<string>();
      for (let tries = 0; rows.length < 3000 && tries < 100_000; tries++) {
        const row: [string, string, string, string] = [
          `2024-0${1 + rnd(9)}-1${rnd(10)}`,
          `ch-${rnd(distinct)}`,
          rnd(3) === 0 ? "" : `c-${rnd(distinct)}`,
          `m${rnd(distinct)}`,
        ];
        const key = row.join("\u0000");
        if (seen.has(key)) continue;
        seen.add(key);
        rows.push(row);
      }
      const c = columnsOf(rows);
      expect(Array.from(keyOrder(c)!), `${distinct} distinct values`).toEqual(byteOrder(c));
    }
  });
});
