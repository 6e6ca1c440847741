import { z } from "zod";
import { validateCustomMeasureKey } from "@/lib/metrics/measures";
import { AppError } from "@/lib/errors/app-error";
import type { MetricDefinitions } from "./load-metric-definitions";

/** Names shown in the catalog; ru falls back to en. */
export const metricNameSchema = z.string().trim().min(1, "Name is required").max(120, "Name is at most 120 characters");
export const metricClassSchema = z.enum(["process", "result"]);
export const metricDirectionSchema = z.enum(["higher", "lower"]);

/**
 * A new custom measure or metric key: snake_case, not a catalog key, not taken by another
 * custom measure or metric of the workspace (one namespace inside formulas).
 */
export function assertNewCustomKey(defs: MetricDefinitions, key: string, path: (string | number)[]): void {
  const taken = [...defs.customMeasures.map((m) => m.key), ...defs.customMetrics.map((m) => m.key)];
  const problem = validateCustomMeasureKey(key, taken);
  if (problem) throw AppError.badInput(path, problem.message);
}
