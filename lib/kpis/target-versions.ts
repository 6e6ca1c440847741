import "server-only";
/**
 * Reading KPI target versions: the SQL for the current version per KPI and for the parts that
 * tile a period, the row mapping (byKpi, groupByKpi, toTargetVersion) and loadPeriodTargets.
 * (Formerly load-current-targets.ts, a name that covered only the first of these.)
 */
import { Decimal } from "@/lib/metrics/decimal";
import type { SqlReader } from "@/lib/tenancy/read-as-tenant";
import type { TargetVersion } from "./target-version";

interface Row {
  id: string;
  kpi_id: string;
  period_from: string;
  period_to: string;
  value: string | null;
  source: TargetVersion["source"];
  effective_from: Date;
  actor_user_id: string | null;
  actor_api_key_id: string | null;
}

/** The current (latest) version of every KPI's target for exactly the period $2…$3 of workspace $1. */
export const CURRENT_TARGETS_SQL = `SELECT DISTINCT ON (kpi_id) id, kpi_id, period_from::text, period_to::text, value::text, source, effective_from,
        actor_user_id, actor_api_key_id
   FROM kpi_target_versions
  WHERE workspace_id = $1::uuid AND period_from = $2::date AND period_to = $3::date
  ORDER BY kpi_id, effective_from DESC, id DESC`;

/** One version per KPI id (rows of {@link CURRENT_TARGETS_SQL}). */
export function byKpi(rows: readonly Row[]): Map<string, TargetVersion> {
  return new Map(rows.map((r) => [r.kpi_id, toTargetVersion(r)]));
}

/**
 * Target rows that travelled inside json_agg or a one-round-trip read: the timestamp arrives
 * as text or as a Date depending on the path and the driver; it leaves as a Date.
 */
export function targetRows(rows: readonly unknown[]): Row[] {
  return (rows as Row[]).map((row) => ({ ...row, effective_from: new Date(row.effective_from as unknown as string) }));
}

/**
 * The current versions of the periods strictly inside `period` (a quarter's months), by KPI
 * id: what resolveTargets sums for a flow KPI without a target of its own for the period.
 */
export const PART_TARGETS_SQL = `SELECT DISTINCT ON (kpi_id, period_from, period_to) id, kpi_id, period_from::text, period_to::text, value::text, source,
        effective_from, actor_user_id, actor_api_key_id
   FROM kpi_target_versions
  WHERE workspace_id = $1::uuid AND period_from >= $2::date AND period_to <= $3::date AND (period_from, period_to) <> ($2::date, $3::date)
  ORDER BY kpi_id, period_from, period_to, effective_from DESC, id DESC`;

/** Versions by KPI id, in row order (rows of {@link PART_TARGETS_SQL} or a history). */
export function groupByKpi(rows: readonly Row[]): Map<string, TargetVersion[]> {
  const out = new Map<string, TargetVersion[]>();
  for (const r of rows) {
    const list = out.get(r.kpi_id) ?? [];
    list.push(toTargetVersion(r));
    out.set(r.kpi_id, list);
  }
  return out;
}

export function toTargetVersion(r: Row): TargetVersion {
  return {
    id: r.id,
    kpiId: r.kpi_id,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    value: r.value === null ? null : new Decimal(r.value),
    source: r.source,
    effectiveFrom: r.effective_from,
    actorUserId: r.actor_user_id,
    actorApiKeyId: r.actor_api_key_id,
  };
}

export type TargetVersionRow = Row;

/**
 * A period's own current target versions (by KPI id) and those of the periods strictly inside
 * it (a quarter's months), in one round trip of `read` — what resolveTargets takes.
 */
export async function loadPeriodTargets(
  read: SqlReader,
  workspaceId: string,
  period: { from: string; to: string },
): Promise<{ explicit: Map<string, TargetVersion>; parts: Map<string, TargetVersion[]> }> {
  const params = [workspaceId, period.from, period.to];
  const [current, parts] = await read([
    { text: CURRENT_TARGETS_SQL, params },
    { text: PART_TARGETS_SQL, params },
  ]);
  return { explicit: byKpi(targetRows(current)), parts: groupByKpi(targetRows(parts)) };
}
