import type { Decimal } from "@/lib/metrics/decimal";

/** One entry of a KPI's target history for one period (append-only). */
export interface TargetVersion {
  id: string;
  kpiId: string;
  periodFrom: string;
  periodTo: string;
  /** Null = the target was removed by this version. */
  value: Decimal | null;
  source: "manual" | "planner" | "template";
  effectiveFrom: Date;
  actorUserId: string | null;
  actorApiKeyId: string | null;
}

/** Where a KPI's target for a period came from. */
export type TargetSource = "manual" | "planner" | "template" | "default" | "derived" | "sum";

export interface ResolvedTarget {
  value: Decimal | null;
  source: TargetSource | null;
  /** When the current explicit version took effect; null for defaults. */
  effectiveFrom: Date | null;
}

export const isoDate = (d: Date): string => d.toISOString().slice(0, 10);
