import "server-only";
import type { Actor } from "@/lib/audit/actor";
import type { Database } from "@/lib/db/client";
import { z } from "zod";
import { assertNewCustomKey, metricClassSchema, metricDirectionSchema, metricNameSchema } from "./custom-metric-rules";
import type { CustomMetricRecord } from "./load-metric-definitions";
import { acceptCustomMetricFormula, customMetricRecord, saveCustomMetric } from "./save-custom-metric";

export const createCustomMetricSchema = z.object({
  key: z.string().trim(),
  nameEn: metricNameSchema,
  nameRu: metricNameSchema.nullish(),
  formula: z.string(),
  class: metricClassSchema.default("process"),
  direction: metricDirectionSchema.default("higher"),
});

export type CreateCustomMetricInput = z.input<typeof createCustomMetricSchema>;

/**
 * Adds a custom derived metric (SPEC §4.2 "custom derived metrics … parsed, type-checked,
 * checked for cycles"). The unit is inferred from the formula. Nothing is saved on any error;
 * formula errors carry their position. Field paths are under `input`.
 */
export async function createCustomMetric(
  db: Database,
  { workspaceId, input, actor }: { workspaceId: string; actor: Actor; input: CreateCustomMetricInput },
): Promise<CustomMetricRecord> {
  return saveCustomMetric(
    db,
    workspaceId,
    createCustomMetricSchema,
    input,
    async (tx, defs, data) => {
      assertNewCustomKey(defs, data.key, ["key"]);
      const check = acceptCustomMetricFormula(defs, data.key, data.formula);
      const row = await tx.customMetric.create({
        data: {
          workspaceId,
          key: data.key,
          nameEn: data.nameEn,
          nameRu: data.nameRu ?? data.nameEn,
          formula: data.formula,
          unit: check.unit!,
          class: data.class,
          direction: data.direction,
        },
      });
      return customMetricRecord(row, check.unit!);
    },
    { actor, action: "metric.created" },
  );
}
