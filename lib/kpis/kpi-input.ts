import "server-only";
import { z } from "zod";
import { type FieldError, fieldError } from "@/lib/errors/app-error";
import { badInput } from "@/lib/errors/parse-input";
import { Decimal, parseDecimal } from "@/lib/metrics/decimal";
import { SCORECARD_OWNERS } from "@/lib/permissions/registry";
import type { KpiValidationError } from "@/lib/scorecards/kpi-validation-error";
import { DEFAULT_THRESHOLDS, DIRECTIONS, PERIOD_TYPES } from "@/lib/scorecards/types";
import { validateKpiDefinition } from "@/lib/scorecards/validate-kpi-definition";
import { validateKpiTree } from "@/lib/scorecards/validate-kpi-tree";
import type { Tx } from "@/lib/tenancy/with-tenant";
import { isValidChannelScope } from "@/lib/channel-groups/channel-groups";
import type { KpiRecord } from "./kpi-record";
import { findKnownMetrics } from "./metric-catalog-lookup";
import { validateTargetValue } from "./validate-target-value";
import { UUID } from "@/lib/uuid";
import { ue } from "@/lib/errors/user-errors";

const decimalString = z.string().refine((s) => parseDecimal(s) !== null, ue("DECIMAL_REQUIRED"));

/** Every editable field of a KPI; on update every field is optional (a patch). */
export const kpiFieldsSchema = z.object({
  key: z.string().min(1).max(100).optional(),
  metricKey: z.string().min(1).max(100),
  ownerRole: z.enum(SCORECARD_OWNERS),
  periodType: z.enum(PERIOD_TYPES).optional(),
  direction: z.enum(DIRECTIONS),
  range: z.object({ min: decimalString, max: decimalString }).nullish(),
  thresholds: z.object({ onTrack: decimalString, atRisk: decimalString }).nullish(),
  weight: decimalString.optional(),
  parentId: z.string().regex(UUID, ue("NOT_A_KPI_ID")).nullish(),
  qualityGate: z
    .object({ metricKey: z.string().min(1).max(100), comparator: z.enum([">=", "<="]), threshold: decimalString })
    .nullish(),
  diagnostics: z.array(z.string().min(1).max(100)).max(12).optional(),
  channelScope: z.string().min(1).max(64).nullish(),
  defaultTarget: decimalString.nullish(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type KpiFieldsInput = z.input<typeof kpiFieldsSchema>;
export const kpiPatchSchema = kpiFieldsSchema.partial();
export type KpiPatchInput = z.input<typeof kpiPatchSchema>;

/** The columns of a KPI row as the write functions store them. */
export interface KpiColumns {
  key: string;
  metricKey: string;
  ownerRole: KpiRecord["ownerRole"];
  periodType: KpiRecord["periodType"];
  direction: KpiRecord["direction"];
  rangeMin: string | null;
  rangeMax: string | null;
  thresholdOnTrack: string;
  thresholdAtRisk: string;
  weight: string;
  defaultTarget: string | null;
  parentId: string | null;
  gateMetricKey: string | null;
  gateComparator: string | null;
  gateThreshold: string | null;
  diagnostics: string[];
  channelScope: string | null;
  position: number;
}

const d = (s: string) => new Decimal(s);

/** A record merged from the stored KPI (if any) and the input, for validation with the pure core. */
export function mergeKpi(
  base: KpiRecord | null,
  input: KpiPatchInput,
  id: string,
  workspaceId: string,
  all: readonly KpiRecord[],
): KpiRecord {
  const parentId = input.parentId === undefined ? (base?.parentId ?? null) : input.parentId;
  const parentKey = parentId === null ? null : (all.find((k) => k.id === parentId)?.key ?? `#${parentId}`);
  const direction = input.direction ?? base?.direction ?? "higher";
  const range =
    input.range === undefined
      ? base?.range
      : input.range === null
        ? undefined
        : { min: d(input.range.min), max: d(input.range.max) };
  const gate =
    input.qualityGate === undefined
      ? base?.qualityGate
      : input.qualityGate === null
        ? undefined
        : {
            metricKey: input.qualityGate.metricKey,
            comparator: input.qualityGate.comparator,
            threshold: d(input.qualityGate.threshold),
          };
  const scope = input.channelScope === undefined ? base?.channelScope : (input.channelScope ?? undefined);
  return {
    id,
    workspaceId,
    key: input.key ?? base?.key ?? "",
    metricKey: input.metricKey ?? base?.metricKey ?? "",
    ownerRole: input.ownerRole ?? base?.ownerRole ?? "COMPANY",
    periodType: input.periodType ?? base?.periodType ?? "month",
    direction,
    range: direction === "range" ? range : undefined,
    thresholds:
      input.thresholds === undefined
        ? (base?.thresholds ?? DEFAULT_THRESHOLDS)
        : input.thresholds === null
          ? DEFAULT_THRESHOLDS
          : { onTrack: d(input.thresholds.onTrack), atRisk: d(input.thresholds.atRisk) },
    weight: input.weight !== undefined ? d(input.weight) : (base?.weight ?? new Decimal(1)),
    parentKey,
    parentId,
    qualityGate: gate,
    diagnostics: input.diagnostics ?? [...(base?.diagnostics ?? [])],
    channelScope: scope,
    defaultTarget:
      input.defaultTarget === undefined
        ? (base?.defaultTarget ?? null)
        : input.defaultTarget === null
          ? null
          : d(input.defaultTarget),
    templateKey: base?.templateKey ?? null,
    position: input.position ?? base?.position ?? 0,
    createdAt: base?.createdAt ?? new Date(),
    updatedAt: new Date(),
  };
}

/** A core validation error as a field error with its reason code (KPI_<code>). */
export function kpiFieldError(path: (string | number)[], error: KpiValidationError): FieldError {
  if (error.code === "TREE_CYCLE") return fieldError(path, "KPI_TREE_CYCLE", { cycle: error.cycle.join(" → ") });
  return fieldError(path, `KPI_${error.code}`);
}

/** The field path of a core validation error, relative to the KPI input. */
function pathOf(error: KpiValidationError): (string | number)[] {
  if (error.field === "parentKey") return ["parentId"];
  if (error.field === "target") return ["defaultTarget"];
  return error.field.split(".");
}

/**
 * Validates a KPI as it would be after the write, against the whole tree: the core's shape
 * rules (slug key, weight > 0, thresholds in order, range bounds), metrics that exist (KPI,
 * gate, diagnostics), a valid channel scope, a parent that exists and closes no cycle, and a
 * default target of the right sign and unit. Throws one BAD_USER_INPUT with every problem.
 */
export async function assertValidKpi(tx: Tx, candidate: KpiRecord, others: readonly KpiRecord[]): Promise<void> {
  const errors: FieldError[] = validateKpiDefinition(candidate).map((e) => kpiFieldError(pathOf(e), e));

  const metricKeys = [
    candidate.metricKey,
    ...(candidate.qualityGate ? [candidate.qualityGate.metricKey] : []),
    ...candidate.diagnostics,
  ];
  const known = await findKnownMetrics(tx, candidate.workspaceId, metricKeys);
  if (!known.has(candidate.metricKey))
    errors.push(fieldError(["metricKey"], "UNKNOWN_METRIC_KEY", { key: candidate.metricKey }));
  if (candidate.qualityGate && !known.has(candidate.qualityGate.metricKey)) {
    errors.push(
      fieldError(["qualityGate", "metricKey"], "UNKNOWN_METRIC_KEY", { key: candidate.qualityGate.metricKey }),
    );
  }
  candidate.diagnostics.forEach((key, i) => {
    if (!known.has(key)) errors.push(fieldError(["diagnostics", i], "UNKNOWN_METRIC_KEY", { key }));
  });
  if (new Set(candidate.diagnostics).size !== candidate.diagnostics.length) {
    errors.push(fieldError(["diagnostics"], "DIAGNOSTIC_TWICE"));
  }
  if (candidate.channelScope !== undefined && !isValidChannelScope(candidate.channelScope)) {
    errors.push(fieldError(["channelScope"], "BAD_CHANNEL_SCOPE"));
  }
  if (candidate.parentId !== null && !others.some((k) => k.id === candidate.parentId)) {
    errors.push(fieldError(["parentId"], "NO_SUCH_KPI"));
  } else {
    const tree = [...others.filter((k) => k.id !== candidate.id), candidate];
    for (const e of validateKpiTree(tree)) {
      if (e.code === "TREE_CYCLE" && e.cycle.includes(candidate.key)) errors.push(kpiFieldError(["parentId"], e));
      if (e.code === "DUPLICATE_KEY" && e.kpiKey === candidate.key)
        errors.push(fieldError(["key"], "KPI_DUPLICATE_KEY"));
    }
  }
  errors.push(
    ...validateTargetValue(candidate, known.get(candidate.metricKey), candidate.defaultTarget, ["defaultTarget"]),
  );
  if (errors.length > 0) throw badInput(dedupe(errors));
}

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.path.join(".")}|${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The row columns of a validated record. */
export function kpiColumns(kpi: KpiRecord): KpiColumns {
  return {
    key: kpi.key,
    metricKey: kpi.metricKey,
    ownerRole: kpi.ownerRole,
    periodType: kpi.periodType,
    direction: kpi.direction,
    rangeMin: kpi.range ? kpi.range.min.toString() : null,
    rangeMax: kpi.range ? kpi.range.max.toString() : null,
    thresholdOnTrack: kpi.thresholds.onTrack.toString(),
    thresholdAtRisk: kpi.thresholds.atRisk.toString(),
    weight: kpi.weight.toString(),
    defaultTarget: kpi.defaultTarget ? kpi.defaultTarget.toString() : null,
    parentId: kpi.parentId,
    gateMetricKey: kpi.qualityGate?.metricKey ?? null,
    gateComparator: kpi.qualityGate?.comparator ?? null,
    gateThreshold: kpi.qualityGate ? kpi.qualityGate.threshold.toString() : null,
    diagnostics: [...kpi.diagnostics],
    channelScope: kpi.channelScope ?? null,
    position: kpi.position,
  };
}
