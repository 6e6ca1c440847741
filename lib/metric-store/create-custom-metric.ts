import type { Database } from "@/lib/db/client";
import { parseInput } from "@/lib/errors/parse-input";
import { prefixFieldErrors } from "@/lib/errors/parse-input";
import type { MetricClass, MetricDirection } from "@/lib/metrics/metric-definition";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { z } from "zod";
import { assertFormulaAccepted, checkCustomMetricFormula } from "./check-custom-metric-formula";
import { assertNewCustomKey, metricClassSchema, metricDirectionSchema, metricNameSchema } from "./custom-metric-rules";
import { type CustomMetricRecord, loadMetricDefinitions } from "./load-metric-definitions";

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
  { workspaceId, input }: { workspaceId: string; input: CreateCustomMetricInput },
): Promise<CustomMetricRecord> {
  try {
    const data = parseInput(createCustomMetricSchema, input);
    return await withTenant(db, { workspaceId }, async (tx) => {
      const defs = await loadMetricDefinitions(tx, workspaceId);
      assertNewCustomKey(defs, data.key, ["key"]);
      const check = checkCustomMetricFormula(defs, data.key, data.formula);
      assertFormulaAccepted(check, defs, data.key, ["formula"]);
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
      return {
        id: row.id,
        key: row.key,
        name: { en: row.nameEn, ru: row.nameRu },
        formula: row.formula,
        unit: check.unit!,
        class: row.class as MetricClass,
        direction: row.direction as MetricDirection,
      };
    });
  } catch (error) {
    throw prefixFieldErrors(error, ["input"]);
  }
}
