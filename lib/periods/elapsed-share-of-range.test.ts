import { Decimal } from "@/lib/metrics/decimal";
import { describe, expect, it } from "vitest";
import { elapsedShareOfRange as elapsedShare, toElapsedShare } from "@/lib/periods/elapsed-share";

const share = (periodStart: string, periodEnd: string, asOf: string) => elapsedShare({ periodStart, periodEnd, asOf });

describe("elapsedShare", () => {
  it("counts the asOf day as elapsed in a 30-day month", () => {
    expect(share("2025-04-01", "2025-04-30", "2025-04-01")).toEqual(new Decimal(1).div(30));
    expect(share("2025-04-01", "2025-04-30", "2025-04-15").toString()).toBe("0.5");
    expect(share("2025-04-01", "2025-04-30", "2025-04-30").toString()).toBe("1");
  });

  it("works in a 31-day month", () => {
    expect(share("2025-01-01", "2025-01-31", "2025-01-01")).toEqual(new Decimal(1).div(31));
    expect(share("2025-01-01", "2025-01-31", "2025-01-15")).toEqual(new Decimal(15).div(31));
    expect(share("2025-01-01", "2025-01-31", "2025-01-31").toString()).toBe("1");
  });

  it("works in a quarter (Q1 2025 = 31 + 28 + 31 = 90 days) and a leap February", () => {
    // 15 February = 31 days of January + 15 = day 46 of 90
    expect(share("2025-01-01", "2025-03-31", "2025-02-15")).toEqual(new Decimal(46).div(90));
    expect(share("2024-02-01", "2024-02-29", "2024-02-29").toString()).toBe("1");
  });

  it("is 0 before the period and 1 after it", () => {
    expect(share("2025-04-01", "2025-04-30", "2025-03-31").toString()).toBe("0");
    expect(share("2025-04-01", "2025-04-30", "2025-05-20").toString()).toBe("1");
  });

  it("rejects malformed or impossible dates", () => {
    expect(() => share("2025-02-30", "2025-03-31", "2025-03-01")).toThrow(RangeError);
    expect(() => share("2025/04/01", "2025-04-30", "2025-04-10")).toThrow(RangeError);
    expect(() => share("2025-04-30", "2025-04-01", "2025-04-10")).toThrow(RangeError);
  });
});

describe("toElapsedShare", () => {
  it("accepts [0, 1] and rejects the rest", () => {
    expect(toElapsedShare("0.25").toString()).toBe("0.25");
    expect(() => toElapsedShare(-0.1)).toThrow(RangeError);
    expect(() => toElapsedShare("1.2")).toThrow(RangeError);
    expect(() => toElapsedShare(Number.NaN)).toThrow(RangeError);
  });
});
