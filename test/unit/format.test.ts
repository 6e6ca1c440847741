import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatDateTime,
  formatMonth,
  formatMoney,
  formatNumber,
  formatPercent,
  MISSING,
} from "@/lib/i18n/format";

const NBSP = "\u00a0";

describe("formatMoney", () => {
  it("formats rubles the Russian way, with NBSP group separators and a comma", () => {
    expect(formatMoney("1234567.89", "RUB", "ru")).toBe(`1${NBSP}234${NBSP}567,89${NBSP}₽`);
  });
  it("formats dollars the English way", () => {
    expect(formatMoney("1234567.89", "USD", "en")).toBe("$1,234,567.89");
  });
  it("keeps every digit of a decimal string beyond float precision", () => {
    expect(formatMoney("12345678901234567.89", "USD", "en")).toBe("$12,345,678,901,234,567.89");
  });
  it("shows an em dash for missing or malformed values", () => {
    expect(formatMoney(null, "RUB", "ru")).toBe(MISSING);
    expect(formatMoney("abc", "RUB", "ru")).toBe(MISSING);
    expect(formatMoney(Number.NaN, "RUB", "ru")).toBe(MISSING);
  });
  it("formats negative amounts", () => {
    expect(formatMoney("-500000", "RUB", "ru", { maximumFractionDigits: 0 })).toBe(`-500${NBSP}000${NBSP}₽`);
  });
});

describe("formatNumber", () => {
  it("groups thousands per locale", () => {
    expect(formatNumber("1234567", "ru")).toBe(`1${NBSP}234${NBSP}567`);
    expect(formatNumber("1234567.5", "en")).toBe("1,234,567.5");
  });
});

describe("formatPercent", () => {
  it("treats ratios as fractions", () => {
    expect(formatPercent("0.25", "ru")).toBe(`25${NBSP}%`);
    expect(formatPercent("0.25", "en")).toBe("25%");
    expect(formatPercent("2", "en")).toBe("200%");
  });
  it("rounds long decimals", () => {
    expect(formatPercent("-0.1666666667", "ru")).toBe(`-16,7${NBSP}%`);
  });
});

describe("formatDate", () => {
  it("never shifts a calendar day by time zone", () => {
    expect(formatDate("2026-03-01", "en", { style: "long" })).toBe("March 1, 2026");
    expect(formatDate("2026-03-01", "ru", { style: "long" })).toBe("1 марта 2026 г.");
  });
  it("formats instants in the given time zone and names the zone", () => {
    expect(formatDateTime("2026-03-01T22:30:00Z", "en", "Europe/Moscow")).toBe("Mar 2, 2026, 1:30 AM GMT+3");
    expect(formatDateTime("2026-03-01T22:30:00Z", "ru", "Europe/Moscow")).toBe("2 мар. 2026 г., 01:30 GMT+3");
    expect(formatDateTime("2026-03-01T22:30:00Z", "en")).toBe("Mar 1, 2026, 10:30 PM UTC");
  });
  it("names months", () => {
    expect(formatMonth(4, "ru")).toBe("апрель");
    expect(formatMonth(1, "en")).toBe("January");
  });
  it("is an em dash for missing dates", () => {
    expect(formatDate(null, "en")).toBe(MISSING);
    expect(formatDate("not a date", "en")).toBe(MISSING);
  });
});
