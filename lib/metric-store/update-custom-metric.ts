import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/audit/actor";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { metricClassSchema, metricDirectionSchema, metricNameSchema } from "./custom-metric-rules";
import type { CustomMetricRecord } from "./load-metric-definitions";
import { acceptCustomMetricFormula, customMetricRecord, saveCustomMetric } from "./save-custom-metric";

export const updateCustomMetricSchema = z.object({
  key: z.string().trim(),
  nameEn: metricNameSchema.nullish(),
  nameRu: metricNameSchema.nullish(),
  formula: z.string().nullish(),
  class: metricClassSchema.nullish(),
  direction: metricDirectionSchema.nullish(),
});

export type UpdateCustomMetricInput = z.input<typeof updateCustomMetricSchema>;

/**
 * Changes a custom metric found by key (keys are what formulas and KPIs reference, so they
 * do not change). A new formula is checked together with every other custom metric: it must
 * be valid itself and must not break a metric that reads it (unit change, new cycle). Units
 * of dependents follow the new formula. Nothing is saved on error.
 */
export async function updateCustomMetric(
  db: Database,
  { workspaceId, input, actor }: { workspaceId: string; actor: Actor; input: UpdateCustomMetricInput },
): Promise<CustomMetricRecord> {
  return saveCustomMetric(
    db,
    workspaceId,
    updateCustomMetricSchema,
    input,
    async (tx, defs, data) => {
      const existing = defs.customMetrics.find((m) => m.key === data.key);
      if (!existing) throw new AppError("NOT_FOUND", `Custom metric "${data.key}" not found`);
      const formula = data.formula ?? existing.formula;
      const check = acceptCustomMetricFormula(defs, data.key, formula);
      const row = await tx.customMetric.update({
        where: { workspaceId_key: { workspaceId, key: data.key } },
        data: {
          nameEn: data.nameEn ?? undefined,
          nameRu: data.nameRu ?? undefined,
          formula,
          unit: check.unit!,
          class: data.class ?? undefined,
          direction: data.direction ?? undefined,
        },
      });
      // A unit change flows to the metrics built on this one.
      for (const compiled of check.compilation.metrics) {
        const stored = defs.customMetrics.find((m) => m.key === compiled.key);
        if (compiled.key !== data.key && stored && stored.unit !== compiled.unit) {
          await tx.customMetric.update({
            where: { workspaceId_key: { workspaceId, key: compiled.key } },
            data: { unit: compiled.unit },
          });
        }
      }
      return customMetricRecord(row, check.unit!);
    },
    { actor, action: "metric.updated" },
  );
}
