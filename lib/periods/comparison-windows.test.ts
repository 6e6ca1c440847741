import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { periodContaining } from "./build-period";
import { comparisonWindows, previousRange, sameRangeLastYear } from "./comparison-windows";
import { addDays, diffDays } from "./local-date";
import { previousPeriod } from "./previous-period";
import { samePeriodLastYear } from "./same-period-last-year";

const span = (r: { from: string; to: string }) => diffDays(r.from, r.to) + 1;

describe("comparisonWindows — SPEC §4.2 Comparisons", () => {
  it("6 December: 1–6 December against 1–6 November and 1–6 December last year", () => {
    const w = comparisonWindows({ from: "2026-12-01", to: "2026-12-31" }, "2026-12-06");
    expect(w).toMatchObject({
      complete: false,
      elapsedDays: 6,
      current: { from: "2026-12-01", to: "2026-12-06" },
      previous: { from: "2026-11-01", to: "2026-11-06" },
      lastYear: { from: "2025-12-01", to: "2025-12-06" },
      previousWhole: { from: "2026-11-01", to: "2026-11-30" },
    });
  });

  it("a complete period is compared whole with whole", () => {
    const w = comparisonWindows({ from: "2026-11-01", to: "2026-11-30" }, "2026-12-06");
    expect(w).toMatchObject({
      complete: true,
      current: { from: "2026-11-01", to: "2026-11-30" },
      previous: { from: "2026-10-01", to: "2026-10-31" },
      lastYear: { from: "2025-11-01", to: "2025-11-30" },
    });
  });

  it("the 31st of March compares with all of February, never beyond it", () => {
    const w = comparisonWindows({ from: "2026-03-01", to: "2026-03-31" }, "2026-03-30");
    expect(w.previous).toEqual({ from: "2026-02-01", to: "2026-02-28" });
  });

  it("agrees with lib/periods previousPeriod / samePeriodLastYear for whole weeks, months, quarters and years (property)", () => {
    let checked = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4000 }),
        fc.constantFrom("week", "month", "quarter", "year" as const),
        fc.integer({ min: 1, max: 12 }),
        (d, type, fy) => {
          const p = periodContaining(
            type,
            addDays("2019-01-01", d),
            "UTC",
            type === "quarter" || type === "year" ? fy : 1,
          );
          const prev = previousPeriod(p);
          const ly = samePeriodLastYear(p);
          expect(previousRange(p)).toEqual({ from: prev.from, to: prev.to });
          expect(sameRangeLastYear(p)).toEqual({ from: ly.from, to: ly.to });
          checked++;
        },
      ),
      { numRuns: 300 },
    );
    expect(checked).toBe(300);
  });

  it("in progress: every window covers the same number of elapsed days (or the whole shorter previous period)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4000 }),
        fc.constantFrom("week", "month", "quarter", "year" as const),
        fc.integer({ min: 0, max: 400 }),
        (d, type, offset) => {
          const p = periodContaining(type, addDays("2019-01-01", d), "UTC", 1);
          const today = addDays(p.from, offset);
          const w = comparisonWindows(p, today);
          if (today >= p.to) {
            expect(w.complete).toBe(true);
            expect(w.current).toEqual({ from: p.from, to: p.to });
            return;
          }
          expect(span(w.current)).toBe(offset + 1);
          expect(span(w.previous)).toBe(Math.min(offset + 1, span(w.previousWhole)));
          expect(span(w.lastYear)).toBe(Math.min(offset + 1, span(w.lastYearWhole)));
          expect(w.current.to).toBe(today);
        },
      ),
      { numRuns: 300 },
    );
  });
});
