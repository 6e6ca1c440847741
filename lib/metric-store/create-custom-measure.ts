import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Database } from "@/lib/db/client";
import { parseInput, prefixFieldErrors } from "@/lib/errors/parse-input";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { assertNewCustomKey, metricNameSchema } from "./custom-metric-rules";
import { type CustomMeasureRecord, loadMetricDefinitions } from "./load-metric-definitions";

export const createCustomMeasureSchema = z.object({
  key: z.string().trim(),
  nameEn: metricNameSchema,
  nameRu: metricNameSchema.nullish(),
  unit: z.enum(["money", "count"]),
  aggregation: z.enum(["flow", "stock_start", "stock_end"]).default("flow"),
});

export type CreateCustomMeasureInput = z.input<typeof createCustomMeasureSchema>;

/**
 * Adds a custom base measure (SPEC §4.1 "Workspaces may add custom base measures (key, unit,
 * flow/stock)"): from then on it can be ingested and used in formulas. Field paths under `input`.
 */
export async function createCustomMeasure(
  db: Database,
  { workspaceId, input, actor }: { workspaceId: string; input: CreateCustomMeasureInput; actor: Actor },
): Promise<CustomMeasureRecord> {
  try {
    const data = parseInput(createCustomMeasureSchema, input);
    return await withTenant(db, { workspaceId }, async (tx) => {
      const defs = await loadMetricDefinitions(tx, workspaceId);
      assertNewCustomKey(defs, data.key, ["key"]);
      const row = await tx.customMeasure.create({
        data: {
          workspaceId,
          key: data.key,
          nameEn: data.nameEn,
          nameRu: data.nameRu ?? data.nameEn,
          unit: data.unit,
          aggregation: data.aggregation,
        },
      });
      await recordAuditEvent(tx, {
        workspaceId,
        actor,
        action: "measure.created",
        targetType: "measure",
        targetId: row.id,
        data: { key: row.key, unit: data.unit, aggregation: data.aggregation },
      });
      return {
        id: row.id,
        key: row.key,
        name: { en: row.nameEn, ru: row.nameRu },
        unit: data.unit,
        aggregation: data.aggregation,
      };
    });
  } catch (error) {
    throw prefixFieldErrors(error, ["input"]);
  }
}
