import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatRuDate, parseCsvDate } from "./parse-date";

const isoDate = fc
  .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe("parseCsvDate", () => {
  it("reads ISO and DD.MM.YYYY (with a midnight time part)", () => {
    expect(parseCsvDate("2026-03-31")).toEqual({ ok: true, value: "2026-03-31" });
    expect(parseCsvDate("31.03.2026")).toEqual({ ok: true, value: "2026-03-31" });
    expect(parseCsvDate("1.3.2026")).toEqual({ ok: true, value: "2026-03-01" });
    expect(parseCsvDate("31.03.2026 0:00:00")).toEqual({ ok: true, value: "2026-03-31" });
  });

  it("refuses ambiguous and impossible dates", () => {
    expect(parseCsvDate("03/04/2026")).toMatchObject({ ok: false, reason: { code: "AMBIGUOUS_DATE" } });
    expect(parseCsvDate("03.04.26")).toMatchObject({ ok: false, reason: { code: "AMBIGUOUS_DATE" } });
    expect(parseCsvDate("31.02.2026")).toMatchObject({ ok: false, reason: { code: "NO_SUCH_DATE" } });
    expect(parseCsvDate("2026-13-01").ok).toBe(false);
    expect(parseCsvDate("")).toMatchObject({ ok: false });
    expect(parseCsvDate("=TODAY()")).toMatchObject({ ok: false });
  });

  it("property: ISO and Russian forms round-trip", () => {
    fc.assert(
      fc.property(isoDate, (iso) => {
        expect(parseCsvDate(iso)).toEqual({ ok: true, value: iso });
        expect(parseCsvDate(formatRuDate(iso))).toEqual({ ok: true, value: iso });
      }),
      { numRuns: 500 },
    );
  });

  it("property: garbage never parses as a date", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12 }).filter((s) => !/^\s*\d{1,4}[-.]\d{1,2}[-.]\d{1,4}/.test(s)),
        (s) => {
          expect(parseCsvDate(s).ok).toBe(false);
        },
      ),
    );
  });
});
