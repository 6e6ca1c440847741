import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { Tx } from "@/lib/tenancy/with-tenant";
import type { KpiRecord } from "./kpi-record";
import { loadKpis } from "./load-kpis";

/**
 * A KPI of the workspace with all its siblings (edits validate against the whole tree), or
 * NOT_FOUND — also for another workspace's id, which RLS and the `where` both hide.
 */
export async function getKpiOrThrow(
  tx: Tx,
  workspaceId: string,
  kpiId: string,
): Promise<{ kpi: KpiRecord; all: KpiRecord[] }> {
  const all = await loadKpis(tx, workspaceId);
  const kpi = all.find((k) => k.id === kpiId);
  if (!kpi) throw AppError.notFound("KPI not found");
  return { kpi, all };
}
