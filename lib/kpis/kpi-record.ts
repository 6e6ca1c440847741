import "server-only";
import type { Kpi } from "@/generated/prisma/client";
import { Decimal } from "@/lib/metrics/decimal";
import type { ScorecardOwner } from "@/lib/permissions/registry";
import { SCORECARD_OWNERS } from "@/lib/permissions/registry";
import type { WorkspaceRole } from "@/lib/permissions/roles";
import type { Direction, KpiDefinition, PeriodType, QualityGate } from "@/lib/scorecards/types";

/** A stored KPI: the pure core's definition plus its row identity and editing fields. */
export interface KpiRecord extends KpiDefinition {
  id: string;
  workspaceId: string;
  ownerRole: ScorecardOwner;
  parentId: string | null;
  /** Standing target for periods without an explicit one (the seeds' fixed numbers). */
  defaultTarget: Decimal | null;
  templateKey: string | null;
  position: number;
  createdAt: Date;
  updatedAt: Date;
}

export function isScorecardOwner(value: string): value is ScorecardOwner {
  return (SCORECARD_OWNERS as readonly string[]).includes(value);
}

/**
 * The scorecard a member lands on (SPEC §2.3, §5): OWNER and ADMIN → the company view,
 * SALES → the marketing–sales view, CMO and the specialists → their own. CLIENT_VIEWER has
 * none (it reads published reports only).
 */
export function scorecardOwnerOfRole(role: WorkspaceRole): ScorecardOwner | null {
  if (role === "OWNER" || role === "ADMIN") return "COMPANY";
  if (role === "CLIENT_VIEWER") return null;
  return role;
}

const dec = (value: { toString(): string } | null): Decimal | null =>
  value === null ? null : new Decimal(value.toString());

/**
 * Maps rows to records, turning parent ids into the parent keys the pure core works with.
 * A parent id that is not among `rows` (cannot happen with the foreign key) maps to null.
 */
export function toKpiRecords(rows: readonly Kpi[]): KpiRecord[] {
  const keyById = new Map(rows.map((r) => [r.id, r.key]));
  return rows.map((row) => {
    const gate: QualityGate | undefined =
      row.gateMetricKey && row.gateComparator && row.gateThreshold !== null
        ? {
            metricKey: row.gateMetricKey,
            comparator: row.gateComparator as QualityGate["comparator"],
            threshold: dec(row.gateThreshold)!,
          }
        : undefined;
    const direction = row.direction as Direction;
    return {
      id: row.id,
      workspaceId: row.workspaceId,
      key: row.key,
      metricKey: row.metricKey,
      channelScope: row.channelScope ?? undefined,
      ownerRole: row.ownerRole as ScorecardOwner,
      periodType: row.periodType as PeriodType,
      direction,
      range:
        direction === "range" && row.rangeMin !== null && row.rangeMax !== null
          ? { min: dec(row.rangeMin)!, max: dec(row.rangeMax)! }
          : undefined,
      thresholds: { onTrack: dec(row.thresholdOnTrack)!, atRisk: dec(row.thresholdAtRisk)! },
      weight: dec(row.weight)!,
      parentKey: row.parentId ? (keyById.get(row.parentId) ?? null) : null,
      parentId: row.parentId,
      qualityGate: gate,
      diagnostics: [...row.diagnostics],
      defaultTarget: dec(row.defaultTarget),
      templateKey: row.templateKey,
      position: row.position,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  });
}

/** Display order of scorecards: company first, then the roles of SPEC §5. */
export const OWNER_ORDER: Record<ScorecardOwner, number> = {
  COMPANY: 0,
  CMO: 1,
  PERFORMANCE: 2,
  SMM: 3,
  CONTENT: 4,
  SALES: 5,
};
