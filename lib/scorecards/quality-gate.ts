import Decimal from "decimal.js";
import type { QualityGate } from "@/lib/scorecards/types";

export type QualityGateState = "PASSED" | "FAILED" | "NO_DATA";

export interface QualityGateEvaluation extends QualityGate {
  actual: Decimal | null;
  state: QualityGateState;
}

/**
 * Quality gate — SPEC §5: "makes a KPI count only while another metric holds (e.g.
 * qualified leads count only while lead→deal conversion ≥ 20%)".
 *
 * A gate whose metric has no value is NO_DATA, and NO_DATA does not hold: the seed
 * pays "only for leads whose deals closed at ≥ 20%" — with no closed-deal data there
 * is no proof of quality, so volume alone must not score.
 */
export function evaluateQualityGate(gate: QualityGate, actual: Decimal | null | undefined): QualityGateEvaluation {
  if (actual == null) return { ...gate, actual: null, state: "NO_DATA" };
  const holds = gate.comparator === ">=" ? actual.gte(gate.threshold) : actual.lte(gate.threshold);
  return { ...gate, actual, state: holds ? "PASSED" : "FAILED" };
}

/**
 * Applies a gate to an attainment: while the gate holds (or there is none) the
 * attainment passes through; otherwise it becomes 0 and `gateFailed` is set, so the
 * KPI still counts in the score — as a zero — instead of silently disappearing.
 * A KPI without an actual stays null: there is nothing to gate.
 */
export function applyQualityGate(
  value: Decimal | null,
  gate: QualityGateEvaluation | null,
): { value: Decimal | null; gateFailed: boolean } {
  if (gate === null || gate.state === "PASSED") return { value, gateFailed: false };
  if (value === null) return { value: null, gateFailed: true };
  return { value: new Decimal(0), gateFailed: true };
}
