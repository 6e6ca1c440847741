import "server-only";
import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { kpisUsingMetric, usedByKpisParams } from "./kpis-using-metric";
import { loadMetricDefinitions } from "./load-metric-definitions";

/**
 * Deletes a custom base measure by key. Refused (nothing deleted) while a custom metric's
 * formula or a KPI reads it, or facts of it exist — deleting data is an import rollback's job, not a
 * side effect of tidying the catalog.
 */
export async function deleteCustomMeasure(
  db: Database,
  { workspaceId, key, actor }: { workspaceId: string; key: string; actor: Actor },
): Promise<{ key: string }> {
  return withTenant(db, { workspaceId }, async (tx) => {
    const defs = await loadMetricDefinitions(tx, workspaceId);
    if (!defs.customMeasures.some((m) => m.key === key))
      throw new AppError("NOT_FOUND", `Custom measure "${key}" not found`);
    const readers = defs.customMetrics
      .filter(
        (m) =>
          defs.compilation.metrics.find((c) => c.key === m.key)?.references.some((r) => r.key === key) ??
          m.formula.includes(key),
      )
      .map((m) => m.key);
    if (readers.length > 0) {
      throw AppError.badInput(["key"], "USED_BY_FORMULAS", { key, metrics: readers.join(", ") });
    }
    const kpis = await kpisUsingMetric(tx, workspaceId, key);
    if (kpis.length > 0) throw AppError.badInput(["key"], "USED_BY_KPIS", usedByKpisParams(key, kpis));
    const [facts] = await tx.$queryRawUnsafe<{ any: boolean }[]>(
      "SELECT EXISTS (SELECT 1 FROM metric_daily_totals WHERE workspace_id = $1::uuid AND measure = $2) AS any",
      workspaceId,
      key,
    );
    if (facts?.any) throw AppError.badInput(["key"], "MEASURE_HAS_DATA", { key });
    const deleted = await tx.customMeasure.delete({ where: { workspaceId_key: { workspaceId, key } } });
    await recordAuditEvent(tx, {
      workspaceId,
      actor,
      action: "measure.deleted",
      targetType: "measure",
      targetId: deleted.id,
      data: { key },
    });
    return { key };
  });
}
