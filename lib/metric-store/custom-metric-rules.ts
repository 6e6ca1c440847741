import { z } from "zod";
import { CUSTOM_MEASURE_KEY_MAX_LENGTH, validateCustomMeasureKey } from "@/lib/metrics/measures";
import { AppError } from "@/lib/errors/app-error";
import type { MetricDefinitions } from "./load-metric-definitions";
import { ue } from "@/lib/errors/user-errors";

/** Names shown in the catalog; ru falls back to en. */
export const metricNameSchema = z.string().trim().min(1, ue("METRIC_NAME_REQUIRED")).max(120, ue("TOO_LONG"));
export const metricClassSchema = z.enum(["process", "result"]);
export const metricDirectionSchema = z.enum(["higher", "lower"]);

/**
 * A new custom measure or metric key: snake_case, not a catalog key, not taken by another
 * custom measure or metric of the workspace (one namespace inside formulas).
 */
export function assertNewCustomKey(defs: MetricDefinitions, key: string, path: (string | number)[]): void {
  const taken = [...defs.customMeasures.map((m) => m.key), ...defs.customMetrics.map((m) => m.key)];
  const problem = validateCustomMeasureKey(key, taken);
  if (!problem) return;
  if (problem.code === "EMPTY") throw AppError.badInput(path, "KEY_EMPTY");
  if (problem.code === "TOO_LONG")
    throw AppError.badInput(path, "KEY_TOO_LONG", { max: CUSTOM_MEASURE_KEY_MAX_LENGTH });
  if (problem.code === "NOT_SNAKE_CASE") throw AppError.badInput(path, "KEY_NOT_SNAKE_CASE", { key });
  throw AppError.badInput(path, taken.includes(key) ? "KEY_TAKEN" : "KEY_RESERVED", { key });
}
