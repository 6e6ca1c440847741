import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  addYears,
  diffDays,
  epochDayToLocalDate,
  isLocalDate,
  isoWeek,
  isoWeekday,
  isoWeeksInYear,
  isoWeekStart,
  localDateToEpochDay,
} from "./local-date";

/** Reference implementation through UTC-only Date methods (immune to the host zone). */
const viaUtc = (epochDay: number) => new Date(epochDay * 86_400_000).toISOString().slice(0, 10);

describe("local dates", () => {
  it("validates real calendar days only", () => {
    expect(isLocalDate("2028-02-29")).toBe(true); // leap year
    expect(isLocalDate("2026-02-29")).toBe(false);
    expect(isLocalDate("2100-02-29")).toBe(false); // century, not leap
    expect(isLocalDate("2000-02-29")).toBe(true); // divisible by 400
    expect(isLocalDate("2026-04-31")).toBe(false);
    expect(isLocalDate("2026-4-1")).toBe(false);
    expect(isLocalDate("2026-04-01T00:00")).toBe(false);
    expect(isLocalDate("0999-01-01")).toBe(false);
  });

  it("epoch-day conversion agrees with UTC Date arithmetic over ±4 centuries", () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (n) => {
        expect(epochDayToLocalDate(n)).toBe(viaUtc(n));
        expect(localDateToEpochDay(viaUtc(n))).toBe(n);
      }),
      { numRuns: 1000 },
    );
  });

  it("adds days across month, year and leap-day boundaries", () => {
    expect(addDays("2026-03-31", 1)).toBe("2026-04-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(diffDays("2026-01-01", "2027-01-01")).toBe(365);
    expect(diffDays("2028-01-01", "2029-01-01")).toBe(366);
  });

  it("clamps month and year arithmetic to the end of shorter months", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2026-03-15", -3)).toBe("2025-12-15");
    expect(addYears("2028-02-29", -1)).toBe("2027-02-28");
    expect(addYears("2028-02-29", 4)).toBe("2032-02-29");
  });

  it("computes ISO weekdays and weeks", () => {
    expect(isoWeekday("2026-04-01")).toBe(3); // a Wednesday
    expect(isoWeekday("2026-04-05")).toBe(7); // Sunday
    // 2026-01-01 is a Thursday, so it is in week 1 of 2026.
    expect(isoWeek("2026-01-01")).toEqual({ year: 2026, week: 1 });
    // 2027-01-01 is a Friday: it belongs to week 53 of 2026.
    expect(isoWeek("2027-01-01")).toEqual({ year: 2026, week: 53 });
    // 2024-12-30 is a Monday whose Thursday is 2025-01-02: week 1 of 2025.
    expect(isoWeek("2024-12-30")).toEqual({ year: 2025, week: 1 });
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2025)).toBe(52);
    expect(isoWeekStart(2026, 1)).toBe("2025-12-29");
    expect(isoWeekStart(2026, 53)).toBe("2026-12-28");
  });

  it("isoWeekStart inverts isoWeek for any day", () => {
    fc.assert(
      fc.property(fc.integer({ min: -20_000, max: 40_000 }), (n) => {
        const date = epochDayToLocalDate(n);
        const { year, week } = isoWeek(date);
        const monday = isoWeekStart(year, week);
        expect(isoWeekday(monday)).toBe(1);
        const offset = diffDays(monday, date);
        expect(offset >= 0 && offset <= 6).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
