import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { attainmentToDate } from "@/lib/scorecards/attainment-to-date";
import { classifyAttainment, status } from "@/lib/scorecards/status";
import { DEFAULT_THRESHOLDS } from "@/lib/scorecards/types";

const d = (v: Decimal.Value) => new Decimal(v);
const thresholds = DEFAULT_THRESHOLDS;

describe("classifyAttainment", () => {
  it("uses ≥ onTrack / ≥ atRisk with the default 1.0 / 0.9", () => {
    expect(classifyAttainment(d("1"), thresholds)).toBe("ON_TRACK");
    expect(classifyAttainment(d("1.3"), thresholds)).toBe("ON_TRACK");
    expect(classifyAttainment(d("0.9"), thresholds)).toBe("AT_RISK");
    expect(classifyAttainment(d("0.99"), thresholds)).toBe("AT_RISK");
    expect(classifyAttainment(d("0.8999"), thresholds)).toBe("OFF_TRACK");
    expect(classifyAttainment(null, thresholds)).toBe("NO_DATA");
  });

  it("honours custom thresholds", () => {
    const strict = { onTrack: d("1.1"), atRisk: d("1") };
    expect(classifyAttainment(d("1.05"), strict)).toBe("AT_RISK");
    expect(classifyAttainment(d("0.95"), strict)).toBe("OFF_TRACK");
  });
});

describe("status of a flow KPI mid-period is judged against expected-to-date", () => {
  const leads = { target: d(300), direction: "higher" as const, kind: "flow" as const, thresholds };

  it("on the 15th of April: 150 of 300 is exactly on pace", () => {
    // expected = 300 × 15/30 = 150 → 150 / 150 = 1 → ON_TRACK (actual / target would be 0.5)
    expect(status({ ...leads, actual: d(150), elapsedShare: "0.5" })).toBe("ON_TRACK");
    // 140 / 150 = 0.933 → AT_RISK; 120 / 150 = 0.8 → OFF_TRACK
    expect(status({ ...leads, actual: d(140), elapsedShare: "0.5" })).toBe("AT_RISK");
    expect(status({ ...leads, actual: d(120), elapsedShare: "0.5" })).toBe("OFF_TRACK");
  });

  it("on the 1st: 10 leads on day 1 of 30 is on pace", () => {
    expect(status({ ...leads, actual: d(10), elapsedShare: new Decimal(1).div(30) })).toBe("ON_TRACK");
  });

  it("on the last day it is the plain period attainment", () => {
    // 280 / 300 = 0.933 → AT_RISK
    expect(status({ ...leads, actual: d(280), elapsedShare: 1 })).toBe("AT_RISK");
  });

  it("is NO_DATA before the period starts, with the reason", () => {
    expect(status({ ...leads, actual: d(0), elapsedShare: 0 })).toBe("NO_DATA");
    expect(attainmentToDate({ ...leads, actual: d(0), elapsedShare: 0 }).reason).toBe("PERIOD_NOT_STARTED");
    // a missing target explains itself before "not started"
    expect(attainmentToDate({ ...leads, target: null, actual: d(0), elapsedShare: 0 }).reason).toBe("NO_TARGET");
  });

  it("scales range bounds by the elapsed share", () => {
    // spend kept within 90 000–110 000 a month; on the 15th (0.5) the range is 45 000–55 000
    const spend = {
      target: null,
      direction: "range" as const,
      kind: "flow" as const,
      thresholds,
      range: { min: d(90_000), max: d(110_000) },
    };
    expect(status({ ...spend, actual: d(50_000), elapsedShare: "0.5" })).toBe("ON_TRACK");
    // 66 000 > 55 000 → 55 000 / 66 000 = 0.833 → OFF_TRACK
    expect(status({ ...spend, actual: d(66_000), elapsedShare: "0.5" })).toBe("OFF_TRACK");
  });

  it("a lower-is-better flow (churned customers, limit 20 a month) is judged against its pace", () => {
    // expected by the 15th = 10; 11 churned → 10 / 11 = 0.909 → AT_RISK
    expect(
      status({ actual: d(11), target: d(20), direction: "lower", kind: "flow", thresholds, elapsedShare: "0.5" }),
    ).toBe("AT_RISK");
  });
});

describe("status of ratios is judged directly whatever the day", () => {
  it("CAC 55 000 vs 50 000 on the 1st and the 30th alike", () => {
    // 50 000 / 55 000 = 0.909 → AT_RISK
    for (const elapsedShare of ["0.0333", "0.5", "1"]) {
      expect(
        status({ actual: d(55_000), target: d(50_000), direction: "lower", kind: "ratio", thresholds, elapsedShare }),
      ).toBe("AT_RISK");
    }
  });

  it("bounce rate 0.6 vs 0.5 is off track; churn 0.03 vs 0.04 is on track", () => {
    // 0.5 / 0.6 = 0.833; 0.04 / 0.03 = 1.333
    expect(
      status({ actual: d("0.6"), target: d("0.5"), direction: "lower", kind: "ratio", thresholds, elapsedShare: 1 }),
    ).toBe("OFF_TRACK");
    expect(
      status({ actual: d("0.03"), target: d("0.04"), direction: "lower", kind: "ratio", thresholds, elapsedShare: 1 }),
    ).toBe("ON_TRACK");
  });

  it("is NO_DATA without an actual, NO_TARGET with an actual but no target (SPEC §5)", () => {
    expect(
      status({ actual: null, target: d(1), direction: "higher", kind: "ratio", thresholds, elapsedShare: 1 }),
    ).toBe("NO_DATA");
    expect(
      status({ actual: null, target: null, direction: "higher", kind: "ratio", thresholds, elapsedShare: 1 }),
    ).toBe("NO_DATA");
    expect(
      status({ actual: d(1), target: null, direction: "higher", kind: "ratio", thresholds, elapsedShare: 1 }),
    ).toBe("NO_TARGET");
    expect(
      status({ actual: d(0), target: null, direction: "lower", kind: "flow", thresholds, elapsedShare: "0.5" }),
    ).toBe("NO_TARGET");
  });
});
