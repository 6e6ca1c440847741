import { type CompareMode, type PeriodParams, addDays, periodQuery } from "./period";

/**
 * Links around a resolved period: the one before and after (same kind, anchored just outside
 * the current one; a custom range moves by its own length) and the two comparison modes.
 */
export function periodLinks(
  base: string,
  params: PeriodParams,
  period: { from: string; to: string; days: number },
  extra: Record<string, string | null | undefined> = {},
) {
  const shift = (dir: -1 | 1): string => {
    if (params.kind === "custom") {
      const from = addDays(period.from, dir * period.days);
      const to = addDays(period.to, dir * period.days);
      return `${base}${periodQuery({ ...params, from, to }, extra)}`;
    }
    const anchor = dir < 0 ? addDays(period.from, -1) : addDays(period.to, 1);
    return `${base}${periodQuery({ ...params, anchor }, extra)}`;
  };
  const compareHrefs = Object.fromEntries(
    (["previous", "lastYear"] as CompareMode[]).map((mode) => [
      mode,
      `${base}${periodQuery({ ...params, compare: mode }, extra)}`,
    ]),
  ) as Record<CompareMode, string>;
  return { prevHref: shift(-1), nextHref: shift(1), compareHrefs };
}
