import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalDecimal, generalCanonicalDecimal, metricRowChecker } from "./validate-metric-rows";

describe("canonicalDecimal", () => {
  it("gives the general parser's answer, including for text that is already canonical", () => {
    const text = fc.stringMatching(/^-?[0-9]{0,20}(?:\.[0-9]{0,12})?$/);
    fc.assert(
      fc.property(text, (t) => {
        expect(canonicalDecimal(t)).toBe(generalCanonicalDecimal(t));
      }),
      { numRuns: 20_000 },
    );
    for (const t of [
      "0",
      "-0",
      "-0.0",
      "0.0",
      "-0.5",
      "10",
      "10.10",
      "007.50",
      "5.",
      ".5",
      "",
      "-",
      "123456789012345678",
      "1234567890123456789",
      "1.1234567890",
      "1.12345678901",
    ]) {
      expect(canonicalDecimal(t)).toBe(generalCanonicalDecimal(t));
    }
  });
});

describe("metricRowChecker", () => {
  it("reports each problem of a row and does not carry a failed row's state to the next", () => {
    const check = metricRowChecker({ maxDate: "2026-12-31" });
    const problems: string[] = [];
    const onProblem = (field: string) => void problems.push(field);
    expect(check({ date: "2026-02-30", channel: " ", measure: "nope", value: "x" }, onProblem)).toBeNull();
    expect(problems).toEqual(["date", "channel", "measure", "value"]);
    problems.length = 0;
    expect(check({ date: "2026-03-01", channel: " google ", measure: "clicks", value: "007" }, onProblem)).toEqual({
      date: "2026-03-01",
      channel: "google",
      campaign: "",
      measure: "clicks",
      value: "7",
    });
    expect(problems).toEqual([]);
    expect(check({ date: "2026-03-01", channel: "google", measure: "clicks", value: "1.5" }, onProblem)).toBeNull();
    expect(problems).toEqual(["value"]);
  });
});
