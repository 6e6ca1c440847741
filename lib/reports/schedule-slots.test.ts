import { describe, expect, it } from "vitest";
import { nextSlot, slotInstant } from "./schedule-slots";

const moscow = { timeZone: "Europe/Moscow", fiscalYearStartMonth: 1, hour: 9 };

describe("report schedule slots", () => {
  it("weekly fires on the weekday at the local hour", () => {
    // Sunday 2026-12-06 12:00 UTC → next Monday 2026-12-07 09:00 MSK = 06:00 UTC.
    const { slot, at } = nextSlot({ ...moscow, cadence: "WEEKLY", weekday: 1 }, new Date("2026-12-06T12:00:00Z"));
    expect(slot).toBe("2026-12-07");
    expect(at.toISOString()).toBe("2026-12-07T06:00:00.000Z");
  });

  it("a slot already passed today moves to the next matching day", () => {
    const { slot } = nextSlot({ ...moscow, cadence: "WEEKLY", weekday: 1 }, new Date("2026-12-07T06:00:00Z"));
    expect(slot).toBe("2026-12-14");
  });

  it("monthly fires on the day of month", () => {
    expect(nextSlot({ ...moscow, cadence: "MONTHLY", dayOfMonth: 3 }, new Date("2026-12-06T00:00:00Z")).slot).toBe(
      "2027-01-03",
    );
  });

  it("after period close: the first day of the next month, or of the next fiscal quarter", () => {
    expect(
      nextSlot({ ...moscow, cadence: "PERIOD_CLOSE", closePeriod: "month" }, new Date("2026-12-06T00:00:00Z")).slot,
    ).toBe("2027-01-01");
    expect(
      nextSlot(
        { ...moscow, fiscalYearStartMonth: 2, cadence: "PERIOD_CLOSE", closePeriod: "quarter" },
        new Date("2026-12-06T00:00:00Z"),
      ).slot,
    ).toBe("2027-02-01");
  });

  it("keeps the local hour across a DST change (New York)", () => {
    const ny = { timeZone: "America/New_York", hour: 9 };
    expect(slotInstant(ny, "2026-03-02").toISOString()).toBe("2026-03-02T14:00:00.000Z");
    expect(slotInstant(ny, "2026-03-16").toISOString()).toBe("2026-03-16T13:00:00.000Z");
  });
});
