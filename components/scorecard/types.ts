import type { Direction, KpiStatus, MetricInfo } from "./format";
import { type ShownChange, SHOWN_CHANGE_FIELDS } from "./trend";

/** The scorecard fields the pages read (GraphQL Scorecard / ScorecardKpi). */
export interface ScorecardKpiData {
  key: string;
  metricKey: string;
  channelScope: string | null;
  actual: string | null;
  actualReason: string | null;
  target: string | null;
  targetSource: string | null;
  attainment: string | null;
  attainmentToDate: string | null;
  expectedToDate: string | null;
  forecast: string | null;
  variance: string | null;
  varianceToDate: string | null;
  status: KpiStatus;
  trend: string | null;
  trendDirection: "IMPROVING" | "WORSENING" | "FLAT" | null;
  /** vs the previous period over the same elapsed days, and vs last year likewise (SPEC §4.2). */
  change: ShownChange | null;
  lastYearChange: ShownChange | null;
  previousValue: string | null;
  previousToDateValue: string | null;
  lastYearValue: string | null;
  gateFailed: boolean;
  weight: string;
  gate: { metricKey: string; comparator: "GTE" | "LTE"; threshold: string; actual: string | null; state: "PASSED" | "FAILED" | "NO_DATA" } | null;
  series: { date: string; value: string | null }[];
  drives: { key: string; metricKey: string } | null;
  diagnostics: { metricKey: string; channelScope: string | null; value: string | null; previousValue: string | null; trend: string | null; change: ShownChange | null }[];
  annotation: { body: string; updatedAt: string } | null;
  kpi: { id: string; direction: Direction };
}

export interface HealthCheckData {
  code: string;
  severity: "CRITICAL" | "WARNING" | "INFO";
  owner: string;
  kpiKeys: string[];
  message: string;
  messageEn: string;
  messageRu: string;
  rule: string;
  ruleEn: string;
  ruleRu: string;
}

/** Health checks in both languages: the UI picks by its own locale (the API's default follows the user's saved one). */
export const HEALTH_CHECK_FIELDS = "code severity owner kpiKeys message messageEn messageRu rule ruleEn ruleRu";

export interface ScorecardData {
  role: string;
  owner: string;
  asOf: string;
  elapsedShare: string;
  score: string | null;
  period: { type: string; from: string; to: string; label: string; days: number };
  statusCounts: { onTrack: number; atRisk: number; offTrack: number; noData: number; noTarget: number };
  kpis: ScorecardKpiData[];
  companyTargets: ScorecardKpiData[];
  healthChecks: HealthCheckData[];
  /** Channels in no channel group that a group-scoped KPI of this scorecard would read. */
  unmappedChannels?: string[];
}

export const SCORECARD_KPI_FIELDS = /* GraphQL */ `
  fragment ScorecardKpiFields on ScorecardKpi {
    key metricKey channelScope actual actualReason target targetSource attainment attainmentToDate expectedToDate forecast
    variance varianceToDate status trend trendDirection previousValue previousToDateValue lastYearValue gateFailed weight
    change { ${SHOWN_CHANGE_FIELDS} } lastYearChange { ${SHOWN_CHANGE_FIELDS} }
    gate { metricKey comparator threshold actual state }
    series { date value }
    drives { key metricKey }
    diagnostics { metricKey channelScope value previousValue trend change { ${SHOWN_CHANGE_FIELDS} } }
    annotation { body updatedAt }
    kpi { id direction }
  }
`;

export const CATALOG_FIELDS = /* GraphQL */ `
  fragment CatalogFields on MetricCatalogEntry { key unit nameEn nameRu direction class kind multiple }
`;

export type { MetricInfo };
