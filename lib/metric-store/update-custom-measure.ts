import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { parseInput, prefixFieldErrors } from "@/lib/errors/parse-input";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { metricNameSchema } from "./custom-metric-rules";
import { findCustomMeasureUsers } from "./custom-measure-users";
import { type CustomMeasureRecord, loadMetricDefinitions } from "./load-metric-definitions";

export const updateCustomMeasureSchema = z.object({
  key: z.string().trim(),
  nameEn: metricNameSchema.optional(),
  nameRu: metricNameSchema.nullish(),
  unit: z.enum(["money", "count"]).optional(),
  aggregation: z.enum(["flow", "stock_start", "stock_end"]).optional(),
});

export type UpdateCustomMeasureInput = z.input<typeof updateCustomMeasureSchema>;

/**
 * Changes a custom base measure. Its names may always change: they are labels. Its unit and
 * flow/stock may change only while nothing depends on them:
 *
 * - no facts: every stored value was checked and converted under the unit (counts whole and
 *   non-negative; money in the reporting currency at the import's rate), and every figure of
 *   every period was aggregated under the flow/stock rule — changing either would silently
 *   re-read history under rules it was never checked against;
 * - no custom metric and no KPI reads it: a formula was type-checked against the unit
 *   (money / count), and a KPI's targets and pacing were set for the aggregation.
 *
 * The key never changes (rows, formulas and API callers name it). Field paths under `input`.
 */
export async function updateCustomMeasure(
  db: Database,
  { workspaceId, input, actor }: { workspaceId: string; input: UpdateCustomMeasureInput; actor: Actor },
): Promise<CustomMeasureRecord> {
  try {
    const data = parseInput(updateCustomMeasureSchema, input);
    return await withTenant(db, { workspaceId }, async (tx) => {
      const defs = await loadMetricDefinitions(tx, workspaceId);
      const current = defs.customMeasures.find((m) => m.key === data.key);
      if (!current) throw AppError.notFound(`Custom measure "${data.key}" not found`);
      const unit = data.unit ?? current.unit;
      const aggregation = data.aggregation ?? current.aggregation;
      const kindChanges = unit !== current.unit || aggregation !== current.aggregation;
      if (kindChanges) {
        const field = unit !== current.unit ? "unit" : "aggregation";
        const [facts] = await tx.$queryRawUnsafe<{ any: boolean }[]>(
          "SELECT EXISTS (SELECT 1 FROM metric_daily_totals WHERE workspace_id = $1::uuid AND measure = $2) AS any",
          workspaceId,
          data.key,
        );
        if (facts?.any) throw AppError.badInput([field], "MEASURE_KIND_HAS_DATA");
        const users = await findCustomMeasureUsers(tx, workspaceId, defs, data.key);
        if (users.kpis.length > 0)
          throw AppError.badInput([field], "MEASURE_KIND_USED_BY_KPIS", { kpis: joinNames(users.kpis) });
        if (users.metrics.length > 0)
          throw AppError.badInput([field], "MEASURE_KIND_USED_BY_FORMULAS", { metrics: users.metrics.join(", ") });
      }
      const nameEn = data.nameEn ?? current.name.en;
      const nameRu = data.nameRu === undefined ? current.name.ru : (data.nameRu ?? nameEn);
      const row = await tx.customMeasure.update({
        where: { workspaceId_key: { workspaceId, key: data.key } },
        data: { nameEn, nameRu, unit, aggregation },
      });
      const changes: Record<string, { from: string; to: string }> = {};
      if (nameEn !== current.name.en) changes.nameEn = { from: current.name.en, to: nameEn };
      if (nameRu !== current.name.ru) changes.nameRu = { from: current.name.ru, to: nameRu };
      if (unit !== current.unit) changes.unit = { from: current.unit, to: unit };
      if (aggregation !== current.aggregation) changes.aggregation = { from: current.aggregation, to: aggregation };
      if (Object.keys(changes).length > 0) {
        await recordAuditEvent(tx, {
          workspaceId,
          actor,
          action: "measure.updated",
          targetType: "measure",
          targetId: row.id,
          data: { key: row.key, nameEn, nameRu, changes },
        });
      }
      return {
        id: row.id,
        key: row.key,
        name: { en: row.nameEn, ru: row.nameRu },
        unit,
        aggregation,
        archived: row.archivedAt !== null,
      };
    });
  } catch (error) {
    throw prefixFieldErrors(error, ["input"]);
  }
}

/** KPI names in both languages as one reason param: "Calls (CMO), Calls (SMM)". */
export function joinNames(names: readonly { en: string; ru: string }[]): { en: string; ru: string } {
  return { en: names.map((n) => n.en).join(", "), ru: names.map((n) => n.ru).join(", ") };
}
