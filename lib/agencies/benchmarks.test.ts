import { describe, expect, it } from "vitest";
import { Decimal } from "@/lib/metrics/decimal";
import { quantile, summarizeBenchmark } from "./benchmarks";

const d = (v: string | number) => new Decimal(v);

describe("portfolio benchmarks", () => {
  it("quartiles by hand: 1, 2, 3, 4, 100 → Q1 2, median 3, Q3 4; 100 is out of line", () => {
    // n = 5: h(Q1) = 4 × 0.25 = 1 → x[1] = 2; h(median) = 2 → 3; h(Q3) = 3 → 4.
    // IQR = 2, fences 2 − 3 = −1 and 4 + 3 = 7: only 100 lies outside.
    const s = summarizeBenchmark(
      [1, 2, 3, 4, 100].map((v, i) => ({ clientId: `c${i}`, value: d(v) })),
      "lower",
    )!;
    expect([s.lowerQuartile.toString(), s.median.toString(), s.upperQuartile.toString()]).toEqual(["2", "3", "4"]);
    expect(s.positions.map((p) => [p.clientId, p.quartile, p.outlier])).toEqual([
      ["c0", 1, false],
      ["c1", 1, false],
      ["c2", 2, false],
      ["c3", 3, false],
      ["c4", 4, true],
    ]);
  });

  it("interpolates between values: 10, 20, 30, 40 → Q1 17.5, median 25, Q3 32.5", () => {
    // h(Q1) = 3 × 0.25 = 0.75 → 10 + 0.75 × 10 = 17.5; h(median) = 1.5 → 25; h(Q3) = 2.25 → 32.5.
    const sorted = [10, 20, 30, 40].map(d);
    expect([quantile(sorted, 0.25), quantile(sorted, 0.5), quantile(sorted, 0.75)].map(String)).toEqual([
      "17.5",
      "25",
      "32.5",
    ]);
  });

  it("higher-is-better flips the bands: the largest ROMI is in the best quarter", () => {
    const s = summarizeBenchmark(
      [
        { clientId: "low", value: d("0.1") },
        { clientId: "high", value: d("3") },
      ],
      "higher",
    )!;
    expect(Object.fromEntries(s.positions.map((p) => [p.clientId, p.quartile]))).toEqual({ low: 4, high: 1 });
  });

  it("no samples → no benchmark; one sample is its own median", () => {
    expect(summarizeBenchmark([], "lower")).toBeNull();
    const one = summarizeBenchmark([{ clientId: "a", value: d(7) }], "lower")!;
    expect([one.lowerQuartile, one.median, one.upperQuartile].map(String)).toEqual(["7", "7", "7"]);
  });
});
