import type { Decimal } from "@/lib/metrics/decimal";

/** One entry of a KPI's target history for one period (append-only). */
export interface TargetVersion {
  id: string;
  kpiId: string;
  periodFrom: string;
  periodTo: string;
  /** Null = the target was removed by this version (or, with source "derived", returned to its derivation). */
  value: Decimal | null;
  /** "derived": the explicit target was dropped; the KPI follows its derivation again (SPEC §5). */
  source: "manual" | "planner" | "template" | "derived";
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
  /** Derived targets: the KPI (key) and factor they follow (pipeline = 3 × company.revenue). */
  derivedFrom?: { kpiKey: string; factor: Decimal } | null;
  /** Explicit versions: who set it. */
  actorUserId?: string | null;
  actorApiKeyId?: string | null;
}

export const isoDate = (d: Date): string => d.toISOString().slice(0, 10);
