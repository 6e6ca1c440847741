import "server-only";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { daysInclusive } from "@/lib/periods/local-date";
import { MAX_KEYS_PER_REQUEST, type MetricFilter, type MetricValueResult } from "./get-metric-values";
import { loadMetricDefinitions } from "./load-metric-definitions";
import { computeKeyValues, planMeasures, unitOfKey } from "./metric-plan";
import { assertDateRange, previousRange } from "./period-ranges";
import { type DateRange, queryMeasureAggregates } from "./query-measure-aggregates";
import { txReader } from "@/lib/tenancy/read-as-tenant";

export type BreakdownDimension = "channel" | "campaign";

export interface GetMetricBreakdownInput extends Pick<MetricFilter, "channel" | "group"> {
  workspaceId: string;
  keys: readonly string[];
  from: string;
  to: string;
  by: BreakdownDimension;
  paths?: { keys?: (string | number)[]; from?: (string | number)[]; to?: (string | number)[] };
}

export interface BreakdownRow {
  channel: string;
  /** For a campaign breakdown: the campaign ("" = rows without a campaign); null by channel. */
  campaign: string | null;
  values: MetricValueResult[];
}

/**
 * Metrics per channel or per (channel, campaign) over one period — which channels pay back
 * and which do not. Every group is computed like a period of its own (ratios of the group's
 * sums). Rows are ordered by channel, then campaign; groups without any fact are absent.
 */
export async function getMetricBreakdown(db: Database, input: GetMetricBreakdownInput): Promise<BreakdownRow[]> {
  const keys = [...new Set(input.keys)];
  const keysPath = input.paths?.keys ?? ["keys"];
  if (keys.length > MAX_KEYS_PER_REQUEST)
    throw AppError.badInput(keysPath, "TOO_MANY_KEYS", { max: MAX_KEYS_PER_REQUEST });
  const range: DateRange = { from: input.from, to: input.to };
  assertDateRange(range, { from: input.paths?.from ?? ["from"], to: input.paths?.to ?? ["to"] });
  return withTenant(db, { workspaceId: input.workspaceId }, async (tx) => {
    const defs = await loadMetricDefinitions(tx, input.workspaceId);
    const plan = planMeasures(keys, defs);
    if (plan.unknown.length > 0) {
      throw AppError.badInput([...keysPath, input.keys.indexOf(plan.unknown[0])], "UNKNOWN_METRIC", {
        key: plan.unknown[0],
      });
    }
    const ranges = plan.needsPrevious ? [range, previousRange(range)] : [range];
    const result = await queryMeasureAggregates(txReader(tx), {
      workspaceId: input.workspaceId,
      measures: plan.measures,
      ranges,
      channel: input.channel,
      group: input.group,
      groupBy: input.by,
    });
    const id = (g: { key: string | null; campaign: string | null }) => `${g.key}\u0000${g.campaign ?? ""}`;
    const previous = plan.needsPrevious ? new Map(result.ranges[1].map((g) => [id(g), g.sums])) : null;
    const rows = result.ranges[0].map((group): BreakdownRow => {
      const computed = computeKeyValues(
        keys,
        {
          sums: group.sums,
          previousSums: previous ? (previous.get(id(group)) ?? {}) : undefined,
          settings: defs.settings,
          revenueTarget: null,
          periodDays: daysInclusive(range.from, range.to),
        },
        defs,
      );
      return {
        channel: group.key ?? "",
        campaign: input.by === "campaign" ? (group.campaign ?? "") : null,
        values: keys.map((key) => {
          const v = computed.get(key)!;
          return { key, unit: unitOfKey(key, defs) ?? "count", value: v.value, reason: v.reason };
        }),
      };
    });
    return rows.sort(
      (a, b) => a.channel.localeCompare(b.channel) || (a.campaign ?? "").localeCompare(b.campaign ?? ""),
    );
  });
}
