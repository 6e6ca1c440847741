import "server-only";
import { randomUUID } from "node:crypto";
import type { ScorecardOwner } from "@/lib/permissions/registry";
import { TEMPLATES, type TemplateKpi } from "@/lib/scorecards/templates";
import type { KpiColumns } from "./kpi-input";

/** A template's KPI as row columns (parent still a key: ids are assigned by the caller). */
export interface TemplateRow extends Omit<KpiColumns, "parentId"> {
  templateKey: string;
  parentKey: string | null;
}

export function templateRow(kpi: TemplateKpi, position: number): TemplateRow {
  return {
    key: kpi.key,
    templateKey: kpi.key,
    metricKey: kpi.metricKey,
    ownerRole: kpi.ownerRole as ScorecardOwner,
    periodType: kpi.periodType,
    direction: kpi.direction,
    rangeMin: kpi.range ? kpi.range.min.toString() : null,
    rangeMax: kpi.range ? kpi.range.max.toString() : null,
    thresholdOnTrack: kpi.thresholds.onTrack.toString(),
    thresholdAtRisk: kpi.thresholds.atRisk.toString(),
    weight: kpi.weight.toString(),
    defaultTarget: kpi.defaultTarget.kind === "fixed" ? kpi.defaultTarget.value.toString() : null,
    parentKey: kpi.parentKey,
    gateMetricKey: kpi.qualityGate?.metricKey ?? null,
    gateComparator: kpi.qualityGate?.comparator ?? null,
    gateThreshold: kpi.qualityGate ? kpi.qualityGate.threshold.toString() : null,
    diagnostics: [...kpi.diagnostics],
    channelScope: kpi.channelScope ?? null,
    position,
  };
}

/** Every template KPI of SPEC §5 as rows, company first (parents before children). */
export function allTemplateRows(): TemplateRow[] {
  return TEMPLATES.flatMap((t) => t.kpis.map((k, i) => templateRow(k, i)));
}

/** The template rows of one scorecard. */
export function templateRowsOf(owner: ScorecardOwner): TemplateRow[] {
  return allTemplateRows().filter((r) => r.ownerRole === owner);
}

export const newId = (): string => randomUUID();
