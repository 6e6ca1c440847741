import Decimal from "decimal.js";

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayNumber(isoDate: string, field: string): number {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new RangeError(`${field} must be a calendar date YYYY-MM-DD, got "${isoDate}"`);
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  // Reject 2025-02-30 and the like: Date.UTC would silently roll them over.
  if (new Date(ms).toISOString().slice(0, 10) !== isoDate) {
    throw new RangeError(`${field} is not a real date: "${isoDate}"`);
  }
  return ms / DAY_MS;
}

/**
 * Elapsed share of a period — the `elapsedShare` of pacing (SPEC §5):
 * days elapsed / days in the period, counting the `asOf` day as elapsed.
 *
 * Dates are calendar dates (`YYYY-MM-DD`) already resolved in the workspace's time
 * zone and fiscal calendar by the caller, so this stays pure and DST-proof: a day is
 * a day, whatever its length in hours. `periodEnd` is inclusive.
 *
 * Pass as `asOf` the last day whose data is complete (usually yesterday): counting
 * today as elapsed while today's data is still arriving would make every flow KPI
 * look behind its pace in the morning. Before the period → 0, after it → 1.
 *
 * Example: asOf 2025-04-15 in April (30 days) → 15/30 = 0.5; asOf 2025-02-15 in
 * Q1 2025 (90 days) → 46/90.
 */
export function elapsedShare(input: { periodStart: string; periodEnd: string; asOf: string }): Decimal {
  const start = dayNumber(input.periodStart, "periodStart");
  const end = dayNumber(input.periodEnd, "periodEnd");
  const asOf = dayNumber(input.asOf, "asOf");
  if (end < start) throw new RangeError("periodEnd is before periodStart");

  const totalDays = end - start + 1;
  const elapsedDays = Math.min(Math.max(asOf - start + 1, 0), totalDays);
  return new Decimal(elapsedDays).div(totalDays);
}

/**
 * Reads an elapsed share given by a caller and rejects anything outside [0, 1]: a
 * share of 1.2 is a bug in the caller's calendar code, not an expected outcome, so it
 * throws rather than silently producing a forecast below the actual.
 */
export function toElapsedShare(value: Decimal.Value): Decimal {
  const share = new Decimal(value);
  if (!share.isFinite() || share.isNegative() || share.gt(1)) {
    throw new RangeError(`elapsedShare must be within [0, 1], got ${share.toString()}`);
  }
  return share;
}
