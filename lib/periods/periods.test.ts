import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../metrics/decimal";
import { currentPeriod } from "./current-period";
import { elapsedDays, elapsedShare } from "./elapsed-share";
import { addDays, diffDays, epochDayToLocalDate } from "./local-date";
import { localDateInTimeZone } from "./local-date-in-time-zone";
import type { Period, PeriodResult } from "./period";
import { previousPeriod } from "./previous-period";
import { resolvePeriod, type ResolvePeriodInput } from "./resolve-period";
import { samePeriodLastYear } from "./same-period-last-year";

const MOSCOW = "Europe/Moscow";
const LA = "America/Los_Angeles";

function ok(result: PeriodResult): Period {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.period;
}

const resolve = (
  type: Exclude<ResolvePeriodInput["type"], "custom">,
  anchor: string,
  fiscalYearStartMonth = 1,
  timeZone = MOSCOW,
) => ok(resolvePeriod({ type, anchor, timeZone, fiscalYearStartMonth }));

const range = (p: Period) => [p.from, p.to, p.label, p.days];

describe("resolvePeriod", () => {
  it("resolves day, ISO week and month", () => {
    expect(range(resolve("day", "2026-04-01"))).toEqual(["2026-04-01", "2026-04-01", "2026-04-01", 1]);
    // 2026-04-01 is a Wednesday: its ISO week runs Monday 03-30 … Sunday 04-05 (week 14).
    expect(range(resolve("week", "2026-04-01"))).toEqual(["2026-03-30", "2026-04-05", "2026-W14", 7]);
    expect(range(resolve("month", "2026-02-14"))).toEqual(["2026-02-01", "2026-02-28", "2026-02", 28]);
    expect(range(resolve("month", "2028-02-14"))).toEqual(["2028-02-01", "2028-02-29", "2028-02", 29]);
  });

  it("labels a week by its ISO week-year at year boundaries", () => {
    // 2027-01-01 (Friday) is in week 53 of ISO year 2026, Monday 2026-12-28 … Sunday 2027-01-03.
    expect(range(resolve("week", "2027-01-01"))).toEqual(["2026-12-28", "2027-01-03", "2026-W53", 7]);
    // 2025-12-31 (Wednesday) is in week 1 of ISO year 2026.
    expect(range(resolve("week", "2025-12-31"))).toEqual(["2025-12-29", "2026-01-04", "2026-W01", 7]);
  });

  it("uses calendar quarters and years for a January fiscal start", () => {
    expect(range(resolve("quarter", "2026-05-20"))).toEqual(["2026-04-01", "2026-06-30", "2026 Q2", 91]);
    expect(range(resolve("year", "2026-05-20"))).toEqual(["2026-01-01", "2026-12-31", "2026", 365]);
  });

  it("follows an April fiscal year: Q1 = Apr–Jun, named after the year it ends in", () => {
    // FY2027 = 2026-04-01 … 2027-03-31.
    expect(range(resolve("quarter", "2026-04-01", 4))).toEqual(["2026-04-01", "2026-06-30", "FY2027 Q1", 91]);
    expect(range(resolve("quarter", "2026-03-31", 4))).toEqual(["2026-01-01", "2026-03-31", "FY2026 Q4", 90]);
    expect(range(resolve("quarter", "2026-12-31", 4))).toEqual(["2026-10-01", "2026-12-31", "FY2027 Q3", 92]);
    expect(range(resolve("quarter", "2027-01-01", 4))).toEqual(["2027-01-01", "2027-03-31", "FY2027 Q4", 90]);
    expect(range(resolve("year", "2026-04-01", 4))).toEqual(["2026-04-01", "2027-03-31", "FY2027", 365]);
    expect(range(resolve("year", "2026-03-31", 4))).toEqual(["2025-04-01", "2026-03-31", "FY2026", 365]);
    // FY2028 contains 2028-02-29: 366 days.
    expect(range(resolve("year", "2027-06-01", 4))).toEqual(["2027-04-01", "2028-03-31", "FY2028", 366]);
  });

  it("handles a fiscal year starting in the last month", () => {
    // December start: FY2027 = 2026-12-01 … 2027-11-30; Q1 = Dec–Feb (a leap February in 2028).
    expect(range(resolve("quarter", "2026-12-15", 12))).toEqual(["2026-12-01", "2027-02-28", "FY2027 Q1", 90]);
    expect(range(resolve("quarter", "2028-01-15", 12))).toEqual(["2027-12-01", "2028-02-29", "FY2028 Q1", 91]);
    expect(range(resolve("year", "2026-11-30", 12))).toEqual(["2025-12-01", "2026-11-30", "FY2026", 365]);
  });

  it("accepts custom ranges and validates them with typed errors", () => {
    const custom = ok(resolvePeriod({ type: "custom", from: "2026-04-01", to: "2026-04-15", timeZone: LA }));
    expect(range(custom)).toEqual(["2026-04-01", "2026-04-15", "2026-04-01 – 2026-04-15", 15]);
    const error = (input: ResolvePeriodInput) => {
      const result = resolvePeriod(input);
      return result.ok ? null : [result.error.code, result.error.field];
    };
    expect(error({ type: "custom", from: "2026-04-15", to: "2026-04-01", timeZone: LA })).toEqual([
      "FROM_AFTER_TO",
      "to",
    ]);
    // Ten years minus a day is allowed; ten years is not.
    expect(error({ type: "custom", from: "2016-01-01", to: "2025-12-31", timeZone: LA })).toBeNull();
    expect(error({ type: "custom", from: "2016-01-01", to: "2026-01-01", timeZone: LA })).toEqual([
      "RANGE_TOO_LONG",
      "to",
    ]);
    expect(error({ type: "custom", from: "2026-02-30", to: "2026-03-01", timeZone: LA })).toEqual([
      "INVALID_DATE",
      "from",
    ]);
    expect(error({ type: "month", anchor: "2026/04/01", timeZone: LA })).toEqual(["INVALID_DATE", "anchor"]);
    expect(error({ type: "month", anchor: "2026-04-01", timeZone: "Mars/Olympus" })).toEqual([
      "INVALID_TIME_ZONE",
      "timeZone",
    ]);
    expect(error({ type: "month", anchor: "2026-04-01", timeZone: LA, fiscalYearStartMonth: 13 })).toEqual([
      "INVALID_FISCAL_YEAR_START",
      "fiscalYearStartMonth",
    ]);
    expect(error({ type: "fortnight" as "day", anchor: "2026-04-01", timeZone: LA })).toEqual([
      "INVALID_PERIOD_TYPE",
      "type",
    ]);
  });
});

describe("previousPeriod", () => {
  it("steps back one period of the same type", () => {
    expect(range(previousPeriod(resolve("day", "2026-03-01")))).toEqual(["2026-02-28", "2026-02-28", "2026-02-28", 1]);
    expect(range(previousPeriod(resolve("week", "2026-01-01")))).toEqual(["2025-12-22", "2025-12-28", "2025-W52", 7]);
    expect(range(previousPeriod(resolve("month", "2026-03-31")))).toEqual(["2026-02-01", "2026-02-28", "2026-02", 28]);
    expect(range(previousPeriod(resolve("quarter", "2026-04-10", 4)))).toEqual([
      "2026-01-01",
      "2026-03-31",
      "FY2026 Q4",
      90,
    ]);
    expect(range(previousPeriod(resolve("year", "2026-04-10", 4)))).toEqual([
      "2025-04-01",
      "2026-03-31",
      "FY2026",
      365,
    ]);
  });

  it("moves a custom range back by its own length", () => {
    const custom = ok(resolvePeriod({ type: "custom", from: "2026-03-01", to: "2026-03-10", timeZone: MOSCOW }));
    expect(range(previousPeriod(custom))).toEqual(["2026-02-19", "2026-02-28", "2026-02-19 – 2026-02-28", 10]);
  });

  it("always ends the day before the period starts, for any type and fiscal start", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("day", "week", "month", "quarter", "year") as fc.Arbitrary<
          "day" | "week" | "month" | "quarter" | "year"
        >,
        fc.integer({ min: 0, max: 30_000 }),
        fc.integer({ min: 1, max: 12 }),
        (type, n, fy) => {
          const period = resolve(type, epochDayToLocalDate(n), fy);
          const previous = previousPeriod(period);
          expect(previous.to).toBe(addDays(period.from, -1));
          expect(previous.type).toBe(type);
          expect(previous.days).toBe(diffDays(previous.from, previous.to) + 1);
          // And the period is its own successor's previous: resolving the day after `to` of previous gives back period.
          expect(resolve(type, addDays(previous.to, 1), fy).from).toBe(period.from);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("samePeriodLastYear", () => {
  it("maps months, fiscal quarters and fiscal years twelve months back", () => {
    expect(range(samePeriodLastYear(resolve("month", "2028-02-10")))).toEqual([
      "2027-02-01",
      "2027-02-28",
      "2027-02",
      28,
    ]);
    expect(range(samePeriodLastYear(resolve("quarter", "2026-05-01", 4)))).toEqual([
      "2025-04-01",
      "2025-06-30",
      "FY2026 Q1",
      91,
    ]);
    expect(range(samePeriodLastYear(resolve("year", "2028-01-01", 4)))).toEqual([
      "2026-04-01",
      "2027-03-31",
      "FY2027",
      365,
    ]);
  });

  it("maps Feb 29 to Feb 28 for days and custom ranges", () => {
    expect(samePeriodLastYear(resolve("day", "2028-02-29")).from).toBe("2027-02-28");
    const custom = ok(resolvePeriod({ type: "custom", from: "2028-02-01", to: "2028-02-29", timeZone: MOSCOW }));
    expect(range(samePeriodLastYear(custom))).toEqual(["2027-02-01", "2027-02-28", "2027-02-01 – 2027-02-28", 28]);
  });

  it("keeps ISO week numbers (weekday-aligned), mapping week 53 to week 52", () => {
    // 2026-W14 (2026-03-30 … 04-05) → 2025-W14 (2025-03-31 … 04-06).
    expect(range(samePeriodLastYear(resolve("week", "2026-04-01")))).toEqual([
      "2025-03-31",
      "2025-04-06",
      "2025-W14",
      7,
    ]);
    // 2026 has 53 ISO weeks, 2025 only 52.
    expect(samePeriodLastYear(resolve("week", "2026-12-30")).label).toBe("2025-W52");
  });
});

describe("time zones", () => {
  it("2026-03-31T22:30Z is April 1 in Moscow but March 31 in Los Angeles", () => {
    const now = new Date("2026-03-31T22:30:00Z");
    expect(localDateInTimeZone(now, MOSCOW)).toBe("2026-04-01"); // UTC+3 → 01:30
    expect(localDateInTimeZone(now, LA)).toBe("2026-03-31"); // UTC−7 (PDT) → 15:30
    expect(ok(currentPeriod("month", now, MOSCOW)).label).toBe("2026-04");
    expect(ok(currentPeriod("month", now, LA)).label).toBe("2026-03");
    // With an April fiscal year the Moscow office is already in a new fiscal year.
    expect(ok(currentPeriod("year", now, MOSCOW, 4)).label).toBe("FY2027");
    expect(ok(currentPeriod("year", now, LA, 4)).label).toBe("FY2026");
  });

  it("month start: 2026-05-01T06:59Z is still April in Los Angeles, 07:00Z is May", () => {
    expect(localDateInTimeZone(new Date("2026-05-01T06:59:59Z"), LA)).toBe("2026-04-30");
    expect(localDateInTimeZone(new Date("2026-05-01T07:00:00Z"), LA)).toBe("2026-05-01");
    // Moscow changed month three hours before UTC did.
    expect(localDateInTimeZone(new Date("2026-04-30T20:59:59Z"), MOSCOW)).toBe("2026-04-30");
    expect(localDateInTimeZone(new Date("2026-04-30T21:00:00Z"), MOSCOW)).toBe("2026-05-01");
  });

  it("handles the DST week in Los Angeles (clocks forward 2026-03-08 02:00)", () => {
    // Sunday 2026-03-08 ends at 23:59 PDT = 2026-03-09T06:59Z (UTC−7 after the switch, not −8).
    const lastMinute = new Date("2026-03-09T06:59:00Z");
    const nextWeek = new Date("2026-03-09T07:00:00Z");
    expect(range(ok(currentPeriod("week", lastMinute, LA)))).toEqual(["2026-03-02", "2026-03-08", "2026-W10", 7]);
    expect(ok(currentPeriod("week", nextWeek, LA)).from).toBe("2026-03-09");
    // The week before the switch starts at Monday 00:00 PST = 08:00Z.
    expect(ok(currentPeriod("week", new Date("2026-03-02T07:59:00Z"), LA)).from).toBe("2026-02-23");
    expect(ok(currentPeriod("week", new Date("2026-03-02T08:00:00Z"), LA)).from).toBe("2026-03-02");
  });

  it("handles the autumn DST week in Los Angeles (clocks back 2026-11-01 02:00)", () => {
    // Sunday 2026-11-01 ends at 23:59 PST = 2026-11-02T07:59Z.
    expect(ok(currentPeriod("week", new Date("2026-11-02T07:59:00Z"), LA)).from).toBe("2026-10-26");
    expect(ok(currentPeriod("week", new Date("2026-11-02T08:00:00Z"), LA)).from).toBe("2026-11-02");
  });

  it("reports an invalid zone or instant as a typed error", () => {
    const invalidZone = currentPeriod("day", new Date(), "Nowhere/City");
    expect(invalidZone.ok ? null : invalidZone.error.code).toBe("INVALID_TIME_ZONE");
    const invalidNow = currentPeriod("day", new Date(Number.NaN), LA);
    expect(invalidNow.ok ? null : invalidNow.error.code).toBe("INVALID_DATE");
  });
});

describe("elapsedShare", () => {
  const april = resolve("month", "2026-04-15", 1, MOSCOW); // 30 days

  it("counts today as elapsed", () => {
    // 2026-04-01T00:30 Moscow = 2026-03-31T21:30Z: day 1 of 30.
    expect(elapsedDays(april, new Date("2026-03-31T21:30:00Z"))).toBe(1);
    expect(elapsedShare(april, new Date("2026-03-31T21:30:00Z")).eq(new Decimal(1).div(30))).toBe(true);
    // April 15 (any hour) → 15 / 30 = 0.5.
    expect(elapsedShare(april, new Date("2026-04-15T12:00:00Z")).toFixed()).toBe("0.5");
    // Last day → 1.
    expect(elapsedShare(april, new Date("2026-04-30T20:00:00Z")).toFixed()).toBe("1");
  });

  it("is 0 before the period and 1 after it", () => {
    expect(elapsedShare(april, new Date("2026-03-31T20:59:00Z")).toFixed()).toBe("0"); // 23:59 Mar 31 Moscow
    expect(elapsedShare(april, new Date("2026-04-30T21:00:00Z")).toFixed()).toBe("1"); // 00:00 May 1 Moscow
  });

  it("uses the given time zone for today", () => {
    // 2026-04-15T22:00Z is April 16 in Moscow (16/30) and April 15 in LA (15/30).
    const instant = new Date("2026-04-15T22:00:00Z");
    expect(elapsedDays(april, instant, MOSCOW)).toBe(16);
    expect(elapsedDays(april, instant, LA)).toBe(15);
  });
});
