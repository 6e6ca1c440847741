import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { evaluateKpi } from "@/lib/scorecards/evaluate-kpi";
import { applyQualityGate, evaluateQualityGate } from "@/lib/scorecards/quality-gate";
import { DEFAULT_THRESHOLDS, type KpiDefinition } from "@/lib/scorecards/types";

const d = (v: Decimal.Value) => new Decimal(v);
const gate = { metricKey: "lead_to_deal_conversion", comparator: ">=" as const, threshold: d("0.2") };

describe("evaluateQualityGate", () => {
  it("passes at and above the threshold, fails below", () => {
    expect(evaluateQualityGate(gate, d("0.2")).state).toBe("PASSED");
    expect(evaluateQualityGate(gate, d("0.25")).state).toBe("PASSED");
    expect(evaluateQualityGate(gate, d("0.19")).state).toBe("FAILED");
  });

  it("supports <= gates", () => {
    const bounceGate = { metricKey: "bounce_rate", comparator: "<=" as const, threshold: d("0.6") };
    expect(evaluateQualityGate(bounceGate, d("0.5")).state).toBe("PASSED");
    expect(evaluateQualityGate(bounceGate, d("0.7")).state).toBe("FAILED");
  });

  it("does not hold without data", () => {
    expect(evaluateQualityGate(gate, null)).toMatchObject({ state: "NO_DATA", actual: null });
  });
});

describe("applyQualityGate", () => {
  it("passes attainment through while the gate holds, zeroes it otherwise", () => {
    const passed = evaluateQualityGate(gate, d("0.3"));
    const failed = evaluateQualityGate(gate, d("0.1"));
    expect(applyQualityGate(d("1.2"), passed)).toEqual({ value: d("1.2"), gateFailed: false });
    expect(applyQualityGate(d("1.2"), failed)).toEqual({ value: d(0), gateFailed: true });
    expect(applyQualityGate(null, failed)).toEqual({ value: null, gateFailed: true });
    expect(applyQualityGate(d("1.2"), null)).toEqual({ value: d("1.2"), gateFailed: false });
  });
});

describe("a quality gate flips a KPI", () => {
  const qualifiedLeads: KpiDefinition = {
    key: "performance.qualified_leads",
    metricKey: "qualified_leads",
    ownerRole: "PERFORMANCE",
    periodType: "month",
    direction: "higher",
    thresholds: DEFAULT_THRESHOLDS,
    weight: d(1),
    parentKey: null,
    qualityGate: gate,
    diagnostics: [],
  };

  it("counts 240 of 200 qualified leads while lead→deal conversion is 22%", () => {
    // period over (elapsed 1): 240 / 200 = 1.2 → ON_TRACK
    const e = evaluateKpi({
      kpi: qualifiedLeads,
      actual: d(240),
      target: d(200),
      elapsedShare: 1,
      gateActual: d("0.22"),
    });
    expect(e.attainment!.toString()).toBe("1.2");
    expect(e.status).toBe("ON_TRACK");
    expect(e.gateFailed).toBe(false);
    expect(e.gate!.state).toBe("PASSED");
  });

  it("counts zero when conversion falls to 12% — the same 240 leads are off track", () => {
    const e = evaluateKpi({
      kpi: qualifiedLeads,
      actual: d(240),
      target: d(200),
      elapsedShare: 1,
      gateActual: d("0.12"),
    });
    expect(e.attainment!.toString()).toBe("0");
    expect(e.attainmentToDate!.toString()).toBe("0");
    expect(e.attainmentBeforeGate!.toString()).toBe("1.2"); // shown, so the marketer sees what was lost
    expect(e.status).toBe("OFF_TRACK");
    expect(e.gateFailed).toBe(true);
    expect(e.gate).toMatchObject({ state: "FAILED", actual: d("0.12") });
  });

  it("stays NO_DATA (not gate-failed) when the KPI itself has no data", () => {
    const e = evaluateKpi({
      kpi: qualifiedLeads,
      actual: null,
      target: d(200),
      elapsedShare: 1,
      gateActual: d("0.12"),
    });
    expect(e.status).toBe("NO_DATA");
    expect(e.gateFailed).toBe(false);
  });
});
