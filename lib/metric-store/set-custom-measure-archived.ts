import "server-only";
import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { prefixFieldErrors } from "@/lib/errors/parse-input";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { findCustomMeasureUsers } from "./custom-measure-users";
import { type CustomMeasureRecord, loadMetricDefinitions } from "./load-metric-definitions";
import { joinNames } from "./update-custom-measure";

/**
 * Archives or brings back a custom base measure. Archived, it is hidden from the import mapping
 * (a column or long-layout name naming it is unknown) and from the formula editor's list; its
 * facts, the figures read from them and the metric pages stay readable, and API rows are still
 * accepted. Archiving is refused while a KPI reads the measure — directly or through a custom
 * metric's formula — naming those KPIs: the scorecard would keep a figure nobody can feed.
 * Archiving an archived measure (or restoring an active one) changes nothing and records nothing.
 */
export async function setCustomMeasureArchived(
  db: Database,
  { workspaceId, key, archived, actor }: { workspaceId: string; key: string; archived: boolean; actor: Actor },
): Promise<CustomMeasureRecord> {
  try {
    return await withTenant(db, { workspaceId }, async (tx) => {
      const defs = await loadMetricDefinitions(tx, workspaceId);
      const current = defs.customMeasures.find((m) => m.key === key);
      if (!current) throw AppError.notFound(`Custom measure "${key}" not found`);
      if (current.archived === archived) return current;
      if (archived) {
        const users = await findCustomMeasureUsers(tx, workspaceId, defs, key);
        if (users.kpis.length > 0) {
          throw AppError.badInput(["key"], "ARCHIVE_MEASURE_USED_BY_KPIS", {
            measure: current.name,
            kpis: joinNames(users.kpis),
          });
        }
      }
      const row = await tx.customMeasure.update({
        where: { workspaceId_key: { workspaceId, key } },
        data: { archivedAt: archived ? new Date() : null },
      });
      await recordAuditEvent(tx, {
        workspaceId,
        actor,
        action: archived ? "measure.archived" : "measure.unarchived",
        targetType: "measure",
        targetId: row.id,
        data: { key, nameEn: row.nameEn, nameRu: row.nameRu },
      });
      return { ...current, archived };
    });
  } catch (error) {
    throw prefixFieldErrors(error, ["input"]);
  }
}
