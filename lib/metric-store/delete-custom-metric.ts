import "server-only";
import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { kpisUsingMetric, usedByKpisParams } from "./kpis-using-metric";
import { loadMetricDefinitions } from "./load-metric-definitions";

/**
 * Deletes a custom metric by key. Refused (BAD_USER_INPUT, nothing deleted) while another
 * custom metric's formula or a KPI (metric, gate, diagnostic) reads it.
 */
export async function deleteCustomMetric(
  db: Database,
  { workspaceId, key, actor }: { workspaceId: string; key: string; actor: Actor },
): Promise<{ key: string }> {
  return withTenant(db, { workspaceId }, async (tx) => {
    const defs = await loadMetricDefinitions(tx, workspaceId);
    if (!defs.customMetrics.some((m) => m.key === key))
      throw new AppError("NOT_FOUND", `Custom metric "${key}" not found`);
    const readers = defs.compilation.metrics
      .filter((m) => m.key !== key && m.references.some((r) => r.key === key))
      .map((m) => m.key);
    if (readers.length > 0) {
      throw AppError.badInput(["key"], "USED_BY_FORMULAS", { key, metrics: readers.join(", ") });
    }
    const kpis = await kpisUsingMetric(tx, workspaceId, key);
    if (kpis.length > 0) throw AppError.badInput(["key"], "USED_BY_KPIS", usedByKpisParams(key, kpis));
    const deleted = await tx.customMetric.delete({ where: { workspaceId_key: { workspaceId, key } } });
    await recordAuditEvent(tx, {
      workspaceId,
      actor,
      action: "metric.deleted",
      targetType: "metric",
      targetId: deleted.id,
      data: { key },
    });
    return { key };
  });
}
