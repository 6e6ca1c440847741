import { describe, expect, it } from "vitest";
import {
  addDays,
  parsePeriodParams,
  periodQuery,
  resolvePeriod,
  toPeriodInput,
  todayIn,
} from "@/components/scorecard/period";
import { catalogMap, formatValue } from "@/components/scorecard/format";

describe("scorecard period params", () => {
  it("defaults to the current month and ignores junk", () => {
    const p = parsePeriodParams({ period: "year", anchor: "not-a-day", compare: "x" });
    expect(p).toMatchObject({ kind: "month", anchor: null, compare: "previous" });
    expect(toPeriodInput(p)).toEqual({ type: "MONTH" });
    expect(periodQuery(p)).toBe("");
  });

  it("falls back to a month when a custom range is incomplete, and orders a reversed range", () => {
    expect(parsePeriodParams({ period: "custom", from: "2026-01-01" }).kind).toBe("month");
    const p = parsePeriodParams({ period: "custom", from: "2026-02-10", to: "2026-01-05" });
    expect(toPeriodInput(p)).toEqual({ type: "CUSTOM", from: "2026-01-05", to: "2026-02-10" });
    expect(periodQuery({ ...p, compare: "lastYear" }, { grain: "week" })).toBe(
      "?period=custom&from=2026-01-05&to=2026-02-10&compare=lastYear&grain=week",
    );
  });

  it("resolves months and fiscal quarters like the API", () => {
    const moscow = { timeZone: "Europe/Moscow", fiscalYearStartMonth: 4 };
    expect(resolvePeriod(parsePeriodParams({ period: "quarter", anchor: "2026-02-10" }), moscow)).toMatchObject({
      from: "2026-01-01",
      to: "2026-03-31",
      label: "Q4",
    });
    expect(resolvePeriod(parsePeriodParams({ period: "quarter", anchor: "2026-04-10" }), moscow)).toMatchObject({
      from: "2026-04-01",
      to: "2026-06-30",
      label: "Q1",
    });
    expect(
      resolvePeriod(parsePeriodParams({ period: "quarter", anchor: "2026-11-10" }), {
        timeZone: "UTC",
        fiscalYearStartMonth: 1,
      }),
    ).toMatchObject({ from: "2026-10-01", to: "2026-12-31", days: 92 });
    expect(
      resolvePeriod(parsePeriodParams({ period: "quarter", anchor: "2026-02-10" }), {
        timeZone: "UTC",
        fiscalYearStartMonth: 12,
      }),
    ).toMatchObject({ from: "2025-12-01", to: "2026-02-28" });
    expect(resolvePeriod(parsePeriodParams({ anchor: "2024-02-10" }), moscow)).toMatchObject({
      from: "2024-02-01",
      to: "2024-02-29",
      days: 29,
    });
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});

describe("scorecard formatting", () => {
  it("formats by unit and locale", () => {
    const ru = { locale: "ru", currency: "RUB" };
    expect(formatValue("1234567.89", "MONEY", "revenue", ru)).toBe("1\u00a0234\u00a0568\u00a0₽");
    expect(formatValue("0.25", "RATIO", "ctr", ru)).toBe("25\u00a0%");
    // The catalog's "multiple" trait (through catalogMap) makes LTV:CAC read "3.2×".
    const unit = catalogMap([
      {
        key: "ltv_to_cac",
        unit: "RATIO",
        nameEn: "LTV:CAC",
        nameRu: "LTV:CAC",
        direction: "HIGHER",
        class: "RESULT",
        multiple: true,
      },
    ]).get("ltv_to_cac")!.unit;
    expect(unit).toBe("MULTIPLE");
    expect(formatValue("3.2", unit, "ltv_to_cac", { locale: "en", currency: "USD" })).toBe("3.2×");
    expect(formatValue("3.2", "RATIO", "romi", { locale: "en", currency: "USD" })).toBe("320%");
    expect(formatValue(null, "COUNT", "leads", ru)).toBe("—");
  });
});

import { parseDecimalInput, toInputValue } from "@/components/scorecard/decimal-input";

describe("decimal inputs", () => {
  it("parses what people type, percents exactly", () => {
    expect(parseDecimalInput("10 000 000")).toBe("10000000");
    expect(parseDecimalInput("1\u00a0234,5")).toBe("1234.5");
    expect(parseDecimalInput("abc")).toBeNull();
    expect(parseDecimalInput("30", true)).toBe("0.3");
    expect(parseDecimalInput("20%", true)).toBe("0.2");
    expect(parseDecimalInput("400", true)).toBe("4");
    expect(parseDecimalInput("2.5", true)).toBe("0.025");
    expect(parseDecimalInput("0,5", true)).toBe("0.005");
    expect(toInputValue("0.2", true)).toBe("20");
    expect(toInputValue("0.0158391173", true)).toBe("1.583912");
  });
});

describe("todayIn", () => {
  it("is the workspace's calendar date, and UTC's for a zone the runtime does not know", () => {
    const instant = new Date("2026-03-31T22:30:00Z");
    expect(todayIn("Europe/Moscow", instant)).toBe("2026-04-01");
    expect(todayIn("America/Los_Angeles", instant)).toBe("2026-03-31");
    expect(todayIn("Not/AZone", instant)).toBe("2026-03-31");
  });
});
