import "server-only";
import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { z } from "zod";
import type { Database } from "@/lib/db/client";
import { parseInput, prefixFieldErrors } from "@/lib/errors/parse-input";
import type { MetricClass, MetricDirection, MetricUnit } from "@/lib/metrics/metric-definition";
import { type Tx, withTenant } from "@/lib/tenancy/with-tenant";
import { assertFormulaAccepted, checkCustomMetricFormula, type FormulaCheck } from "./check-custom-metric-formula";
import { type CustomMetricRecord, type MetricDefinitions, loadMetricDefinitions } from "./load-metric-definitions";

/**
 * What create and update of a custom metric share around their own step: the input is parsed
 * with `schema`, the workspace's definitions are loaded in one tenant transaction, `save` runs
 * in it, and field errors come out under `input`. Nothing is saved on any error.
 */
export async function saveCustomMetric<S extends z.ZodType>(
  db: Database,
  workspaceId: string,
  schema: S,
  input: z.input<S>,
  save: (tx: Tx, defs: MetricDefinitions, data: z.output<S>) => Promise<CustomMetricRecord>,
  audit: { actor: Actor; action: "metric.created" | "metric.updated" },
): Promise<CustomMetricRecord> {
  try {
    const data = parseInput(schema, input);
    return await withTenant(db, { workspaceId }, async (tx) => {
      const defs = await loadMetricDefinitions(tx, workspaceId);
      const saved = await save(tx, defs, data);
      await recordAuditEvent(tx, {
        workspaceId,
        actor: audit.actor,
        action: audit.action,
        targetType: "metric",
        targetId: saved.id,
        data: { key: saved.key, formula: saved.formula },
      });
      return saved;
    });
  } catch (error) {
    throw prefixFieldErrors(error, ["input"]);
  }
}

/** Checks `formula` as custom metric `key` and throws (at path `formula`) unless it may be saved. */
export function acceptCustomMetricFormula(defs: MetricDefinitions, key: string, formula: string): FormulaCheck {
  const check = checkCustomMetricFormula(defs, key, formula);
  assertFormulaAccepted(check, defs, key, ["formula"]);
  return check;
}

/** A saved custom metric row as the record the API returns; `unit` is the one the formula gives. */
export function customMetricRecord(
  row: { id: string; key: string; nameEn: string; nameRu: string; formula: string; class: string; direction: string },
  unit: MetricUnit,
): CustomMetricRecord {
  return {
    id: row.id,
    key: row.key,
    name: { en: row.nameEn, ru: row.nameRu },
    formula: row.formula,
    unit,
    class: row.class as MetricClass,
    direction: row.direction as MetricDirection,
  };
}
