import Decimal from "decimal.js";

/**
 * Highest attainment a single KPI can contribute to a score: 150% of target.
 * Without a cap, one KPI blown far past a timid target (400% of a follower-growth
 * goal) would hide another that is off track — exactly the "activity masks results"
 * problem the product exists to expose. 1.5 still rewards real over-performance.
 */
export const SCORE_CAP = new Decimal("1.5");

export interface ScoreInput {
  weight: Decimal;
  /** Gate-adjusted attainment to date; null = no data, left out of the score. */
  attainment: Decimal | null;
}

export interface ScorecardScore {
  /** Null when no KPI has data: an empty scorecard is not a 0% scorecard. */
  score: Decimal | null;
  cap: Decimal;
  countedKpis: number;
  countedWeight: Decimal;
}

/**
 * Scorecard score — SPEC §5: "the weighted attainment of its KPIs".
 *
 *   score = Σ(weight × min(max(attainment, 0), cap)) / Σ weight
 *
 * over KPIs with data only (NO_DATA KPIs are excluded from both sums, so a missing
 * feed does not read as failure; the KPI_NO_DATA health check reports it instead).
 * A gate-failed KPI has attainment 0, not null, so it counts and pulls the score down.
 * The result lies in [0, cap] and does not depend on the order of the KPIs.
 */
export function scorecardScore(items: readonly ScoreInput[], cap: Decimal = SCORE_CAP): ScorecardScore {
  let weighted = new Decimal(0);
  let countedWeight = new Decimal(0);
  let countedKpis = 0;
  for (const { weight, attainment } of items) {
    if (attainment === null || !weight.gt(0)) continue;
    const capped = Decimal.min(Decimal.max(attainment, 0), cap);
    weighted = weighted.plus(weight.times(capped));
    countedWeight = countedWeight.plus(weight);
    countedKpis += 1;
  }
  return {
    score: countedKpis === 0 ? null : weighted.div(countedWeight),
    cap,
    countedKpis,
    countedWeight,
  };
}
