import "server-only";
import { type ChannelGroupOverrides, parseOverrides } from "@/lib/channel-groups/channel-groups";
import type { MeasureDefinition } from "@/lib/metrics/measures";
import type { MetricClass, MetricDirection, MetricUnit } from "@/lib/metrics/metric-definition";
import { DEFAULT_METRIC_SETTINGS, type MetricSettings, parseMetricSettings } from "@/lib/metrics/metric-settings";
import { type CustomMetricsCompilation, compileCustomMetrics } from "@/lib/metrics/formula/compile-custom-metrics";
import type { Database } from "@/lib/db/client";
import { type SqlReader, tenantReader, txReader } from "@/lib/tenancy/read-as-tenant";
import type { Tx } from "@/lib/tenancy/with-tenant";

/** A workspace's custom base measure as stored (SPEC §4.1). */
export interface CustomMeasureRecord extends MeasureDefinition {
  id: string;
  /** Archived: hidden from the import mapping and the formula editor; its facts still read. */
  archived?: boolean;
}

/** A workspace's custom derived metric as stored. */
export interface CustomMetricRecord {
  id: string;
  key: string;
  name: { en: string; ru: string };
  formula: string;
  unit: MetricUnit;
  class: MetricClass;
  direction: MetricDirection;
}

/** Everything besides the facts that decides a workspace's figures. */
export interface MetricDefinitions {
  settings: MetricSettings;
  customMeasures: CustomMeasureRecord[];
  customMetrics: CustomMetricRecord[];
  /** The custom metrics compiled together (dependency order, per-key errors). */
  compilation: CustomMetricsCompilation;
  /** The workspace's own channel-group choices over the defaults (lib/channel-groups). */
  channelGroups: ChannelGroupOverrides;
}

/** The raw definitions as the SQL returns them (JSON; numerics as text). */
export interface DefinitionsRow {
  settings: Record<string, string | null> | null;
  measures: Record<string, string | boolean>[];
  metrics: Record<string, string>[];
  /** Channel key → group, the workspace's choices (absent in rows made before channel groups). */
  channelGroups?: { key: string; group: string }[];
}

/**
 * One scalar SQL expression (workspace id = $1) returning the definitions as JSON; also
 * embedded by queryMeasureAggregates so the hot path needs a single round trip. Numerics
 * travel as text so that no setting passes through a float.
 */
export const DEFINITIONS_SQL = `SELECT json_build_object(
  'settings', (SELECT json_build_object('ltvMethod', s.ltv_method, 'orderValue', s.order_value::text,
                 'ordersPerYear', s.orders_per_year::text, 'years', s.years::text, 'fixedLtv', s.fixed_ltv::text,
                 'grossMargin', s.gross_margin::text, 'romiBasis', s.romi_basis, 'engagementBasis', s.engagement_basis,
                 'maxCustomerLifetimeMonths', s.max_customer_lifetime_months::text)
               FROM metric_settings s WHERE s.workspace_id = $1::uuid),
  'measures', (SELECT coalesce(json_agg(json_build_object('id', m.id, 'key', m.key, 'nameEn', m.name_en, 'nameRu', m.name_ru,
                 'unit', m.unit, 'aggregation', m.aggregation, 'archived', m.archived_at IS NOT NULL) ORDER BY m.key), '[]'::json)
               FROM custom_measures m WHERE m.workspace_id = $1::uuid),
  'metrics', (SELECT coalesce(json_agg(json_build_object('id', c.id, 'key', c.key, 'nameEn', c.name_en, 'nameRu', c.name_ru,
                 'formula', c.formula, 'unit', c.unit, 'class', c.class, 'direction', c.direction) ORDER BY c.key), '[]'::json)
               FROM custom_metrics c WHERE c.workspace_id = $1::uuid),
  'channelGroups', (SELECT coalesce(json_agg(json_build_object('key', g.channel_key, 'group', g.group_key) ORDER BY g.channel_key), '[]'::json)
               FROM channel_group_mappings g WHERE g.workspace_id = $1::uuid))`;

/** Settings, custom measures and custom metrics in one statement, through any tenant reader. */
async function readDefinitions(read: SqlReader, workspaceId: string): Promise<MetricDefinitions> {
  const [rows] = await read([{ text: `SELECT (${DEFINITIONS_SQL})::text AS defs`, params: [workspaceId] }]);
  return parseDefinitions(JSON.parse(String(rows[0].defs)) as DefinitionsRow);
}

/** The definitions inside the caller's tenant transaction. */
export function loadMetricDefinitions(tx: Tx, workspaceId: string): Promise<MetricDefinitions> {
  return readDefinitions(txReader(tx), workspaceId);
}

/** The definitions outside a transaction, in one round trip (tenantReader). */
export function readMetricDefinitions(db: Database, workspaceId: string): Promise<MetricDefinitions> {
  return readDefinitions(tenantReader(db, workspaceId), workspaceId);
}

export function parseDefinitions(row: DefinitionsRow): MetricDefinitions {
  const parsed = row.settings ? parseMetricSettings(dropNulls(row.settings)) : null;
  // Rows are checked on write; a row that no longer parses (a rule tightened later) falls back
  // to the defaults rather than breaking every figure of the workspace.
  const settings = parsed?.ok ? parsed.settings : { ...DEFAULT_METRIC_SETTINGS };
  const customMeasures = row.measures.map((m): CustomMeasureRecord => ({
    id: String(m.id),
    key: String(m.key),
    name: { en: String(m.nameEn), ru: String(m.nameRu) },
    unit: m.unit as CustomMeasureRecord["unit"],
    aggregation: m.aggregation as CustomMeasureRecord["aggregation"],
    archived: m.archived === true,
  }));
  const customMetrics = row.metrics.map((c): CustomMetricRecord => ({
    id: c.id,
    key: c.key,
    name: { en: c.nameEn, ru: c.nameRu },
    formula: c.formula,
    unit: c.unit as MetricUnit,
    class: c.class as MetricClass,
    direction: c.direction as MetricDirection,
  }));
  const compilation = compileCustomMetrics(
    customMetrics.map((c) => ({ key: c.key, formula: c.formula })),
    customMeasures,
  );
  return { settings, customMeasures, customMetrics, compilation, channelGroups: parseOverrides(row.channelGroups) };
}

function dropNulls(record: Record<string, string | null>): Record<string, string | null> {
  // A NULL maximum lifetime is a choice ("no cap"), not a missing value.
  return Object.fromEntries(Object.entries(record).filter(([k, v]) => v !== null || k === "maxCustomerLifetimeMonths"));
}
