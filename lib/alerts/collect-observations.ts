import "server-only";
import type { Database, TransactionSql } from "@/lib/db/client";
import { OWNER_LABELS, channelScopeLabel } from "@/lib/health-checks/format-for-message";
import { HEALTH_CHECK_RULES } from "@/lib/health-checks/health-check-codes";
import type { Locale } from "@/lib/i18n/config";
import { formatDate, formatMoney, formatNumber, formatPercent } from "@/lib/i18n/format";
import type { MetricDefinitions } from "@/lib/metric-store/load-metric-definitions";
import { unitOfKey } from "@/lib/metric-store/metric-plan";
import { getMetricDefinition } from "@/lib/metrics/catalog";
import type { Decimal } from "@/lib/metrics/decimal";
import { getBaseMeasure } from "@/lib/metrics/measures";
import { diffDays } from "@/lib/periods/local-date";
import { localDateInTimeZone } from "@/lib/periods/local-date-in-time-zone";
import { SCORECARD_OWNERS } from "@/lib/permissions/registry";
import { assembleScorecard, type ScorecardKpiView } from "@/lib/scorecard-service/find-scorecard";
import { loadScorecardContext } from "@/lib/scorecard-service/load-scorecard-context";
import { runWorkspaceHealthChecks } from "@/lib/scorecard-service/run-workspace-health-checks";
import type { WorkspaceCalendar } from "@/lib/scorecard-service/resolve-scorecard-period";
import type { PeriodType } from "@/lib/scorecards/types";
import {
  CHANNEL_REGULAR_MIN_DAYS,
  CHANNEL_REGULAR_WINDOW,
  CHANNEL_SILENT_AFTER_DAYS,
  IMPORT_FAILED_LOOKBACK_DAYS,
} from "./alert-rules";
import type { LocalizedText, Observation } from "./detect-alert-changes";
import { renderAlertText } from "./render-alert-text";

export interface WorkspaceFacts extends WorkspaceCalendar {
  currency: string;
  name: string;
}

/** The statuses a KPI alert is about; anything else (no data, no target) is not judged. */
const JUDGED = new Set(["ON_TRACK", "AT_RISK", "OFF_TRACK"]);

/**
 * Everything an evaluation observes, as (family, subject, state) with the alert each change
 * would raise. KPI statuses, forecasts and LTV:CAC come from the scorecard engine and the
 * health checks (lib/scorecard-service, lib/health-checks) over each KPI's own current period;
 * channel silence and failed imports from two small SQL reads (rollups, imports).
 */
export async function observeScorecards(
  db: Database,
  input: { workspaceId: string; workspace: WorkspaceFacts; now: Date },
): Promise<Observation[]> {
  const { workspaceId, workspace, now } = input;
  const calendar: WorkspaceCalendar = {
    timeZone: workspace.timeZone,
    fiscalYearStartMonth: workspace.fiscalYearStartMonth,
  };
  const observations: Observation[] = [];

  // ---- KPI statuses and forecasts, per period type in use (a quarterly KPI is judged on the quarter).
  const month = await loadScorecardContext(db, { workspaceId, calendar, now });
  const types = new Set<PeriodType>(month.definitions.kpis.map((k) => k.periodType));
  // Quarter and year contexts load side by side (separate pooled connections on PostgreSQL).
  const others = [...types].filter((t) => t !== "month");
  const loaded = new Map(
    await Promise.all(
      others.map(
        async (type) =>
          [type, await loadScorecardContext(db, { workspaceId, calendar, period: { type }, now })] as const,
      ),
    ),
  );
  for (const type of types) {
    const ctx = type === "month" ? month : loaded.get(type)!;
    const seen = new Set<string>();
    for (const owner of SCORECARD_OWNERS) {
      const view = assembleScorecard(ctx, owner);
      for (const item of view.kpis) {
        if (item.periodType !== type || seen.has(item.kpi.id)) continue;
        seen.add(item.kpi.id);
        observations.push(
          ...kpiObservations(item, item.kpi.id, item.kpi.ownerRole, ctx.period, ctx.metricDefinitions, workspace),
        );
      }
    }
  }

  // ---- LTV:CAC below 3: the health check's finding, its figures and its rule.
  const values = month.current.values;
  const judgeable = values.ltv_to_cac != null || (values.ltv != null && values.cac != null);
  const finding = runWorkspaceHealthChecks(month).find((f) => f.code === "LTV_CAC_BELOW_3");
  observations.push({
    family: "ltv_cac",
    subject: "workspace",
    state: judgeable ? (finding ? "BELOW" : "OK") : null,
    raise: (previous) =>
      finding && previous !== "BELOW"
        ? {
            rule: "LTV_CAC_BELOW_3",
            subject: "workspace",
            kpiId: null,
            audience: { kind: "managers", withCmo: true },
            title: renderAlertText("title.LTV_CAC_BELOW_3"),
            body: finding.message,
            ruleText: HEALTH_CHECK_RULES.LTV_CAC_BELOW_3.rule,
            figures: {
              ltvToCac: values.ltv_to_cac?.toFixed() ?? null,
              ltv: values.ltv?.toFixed() ?? null,
              cac: values.cac?.toFixed() ?? null,
              minimum: "3",
            },
          }
        : null,
  });

  return observations;
}

/** Channel silence and failed imports, read inside the evaluation's tenant transaction. */
export async function observeDataFeeds(
  sql: TransactionSql,
  input: { workspaceId: string; workspace: WorkspaceFacts; now: Date },
): Promise<Observation[]> {
  const { workspaceId, workspace, now } = input;
  const observations: Observation[] = [];
  // ---- Channels that stopped sending data.
  const today = localDateInTimeZone(now, workspace.timeZone);
  const { rows: channels } = await sql.query<{ channel: string; last_date: string; active_days: number }>(
    `WITH days AS (
       SELECT channel, date FROM metric_channel_daily_totals
       WHERE workspace_id = $1 AND date > $2::date - 120 AND date <= $2::date GROUP BY channel, date),
     last AS (SELECT channel, max(date) AS last_date FROM days GROUP BY channel)
     SELECT l.channel, to_char(l.last_date, 'YYYY-MM-DD') AS last_date, count(*)::int AS active_days
     FROM last l JOIN days d ON d.channel = l.channel AND d.date > l.last_date - $3::int AND d.date <= l.last_date
     GROUP BY l.channel, l.last_date`,
    [workspaceId, today, CHANNEL_REGULAR_WINDOW],
  );
  for (const c of channels) {
    const silentFor = diffDays(c.last_date, today);
    const silent = c.active_days >= CHANNEL_REGULAR_MIN_DAYS && silentFor > CHANNEL_SILENT_AFTER_DAYS;
    const state = silent ? `SILENT:${c.last_date}` : "ACTIVE";
    observations.push({
      family: "channel",
      subject: c.channel,
      state,
      raise: (previous) =>
        silent && previous !== state
          ? {
              rule: "CHANNEL_SILENT",
              subject: c.channel,
              kpiId: null,
              audience: { kind: "managers", withCmo: true },
              title: renderAlertText("title.CHANNEL_SILENT", () => ({ channel: c.channel })),
              body: renderAlertText("body.CHANNEL_SILENT", (l) => ({
                channel: c.channel,
                lastDate: formatDate(c.last_date, l),
                days: formatNumber(String(silentFor), l),
                activeDays: formatNumber(String(c.active_days), l),
                window: formatNumber(String(CHANNEL_REGULAR_WINDOW), l),
              })),
              ruleText: renderAlertText("rule.CHANNEL_SILENT", (l) => ({
                minDays: formatNumber(String(CHANNEL_REGULAR_MIN_DAYS), l),
                window: formatNumber(String(CHANNEL_REGULAR_WINDOW), l),
                silentDays: formatNumber(String(CHANNEL_SILENT_AFTER_DAYS), l),
              })),
              figures: {
                channel: c.channel,
                lastDate: c.last_date,
                daysWithoutData: silentFor,
                activeDays: c.active_days,
                window: CHANNEL_REGULAR_WINDOW,
              },
            }
          : null,
    });
  }

  // ---- Failed imports.
  const { rows: failed } = await sql.query<{ id: string; file_name: string; error_count: number; created_at: Date }>(
    `SELECT id::text, file_name, error_count, created_at FROM imports
     WHERE workspace_id = $1 AND status = 'FAILED' AND finished_at > now() - make_interval(days => $2)`,
    [workspaceId, IMPORT_FAILED_LOOKBACK_DAYS],
  );
  for (const f of failed) {
    observations.push({
      family: "import",
      subject: f.id,
      state: "FAILED",
      raise: (previous) =>
        previous === null
          ? {
              rule: "IMPORT_FAILED",
              subject: f.id,
              kpiId: null,
              audience: { kind: "managers", withCmo: true },
              title: renderAlertText("title.IMPORT_FAILED", () => ({ file: f.file_name })),
              body: renderAlertText("body.IMPORT_FAILED", (l) => ({
                file: f.file_name,
                date: formatDate(new Date(f.created_at), l, { timeZone: workspace.timeZone }),
                errors: formatNumber(String(f.error_count), l),
              })),
              ruleText: renderAlertText("rule.IMPORT_FAILED"),
              figures: { importId: f.id, fileName: f.file_name, problems: f.error_count },
            }
          : null,
    });
  }
  return observations;
}

/** A KPI's name as a person reads it: its metric's name, the channel group, the scorecard. */
export function kpiLabel(
  metricKey: string,
  channelScope: string | null,
  owner: string,
  defs: MetricDefinitions,
): LocalizedText {
  const name = getMetricDefinition(metricKey)?.name ??
    getBaseMeasure(metricKey)?.name ??
    defs.customMetrics.find((m) => m.key === metricKey)?.name ??
    defs.customMeasures.find((m) => m.key === metricKey)?.name ?? { en: metricKey, ru: metricKey };
  const ownerLabel = OWNER_LABELS[owner as keyof typeof OWNER_LABELS] ?? { en: owner, ru: owner };
  const scope = channelScope ? channelScopeLabel(channelScope) : null;
  return {
    en: `${name.en}${scope ? `, ${scope.en}` : ""} (${ownerLabel.en})`,
    ru: `${name.ru}${scope ? `, ${scope.ru}` : ""} (${ownerLabel.ru})`,
  };
}

function kpiObservations(
  item: ScorecardKpiView,
  kpiId: string,
  owner: string,
  period: { type: string; from: string; to: string },
  defs: MetricDefinitions,
  workspace: WorkspaceFacts,
): Observation[] {
  const label = kpiLabel(item.metricKey, item.channelScope, owner, defs);
  const unit = unitOfKey(item.metricKey, defs) ?? "count";
  const fmt = (v: Decimal | null, l: Locale) =>
    v === null
      ? "—"
      : unit === "money"
        ? formatMoney(v.toFixed(), workspace.currency, l)
        : unit === "ratio"
          ? formatPercent(v.toFixed(), l)
          : formatNumber(v.toFixed(), l);
  const periodText = (l: Locale) => `${formatDate(period.from, l)} – ${formatDate(period.to, l)}`;
  const figures = {
    kpiId,
    kpiKey: item.kpiKey,
    period: { from: period.from, to: period.to },
    actual: item.actual?.toFixed() ?? null,
    target: item.target?.toFixed() ?? null,
    expectedToDate: item.expectedToDate?.toFixed() ?? null,
    forecast: item.forecast?.toFixed() ?? null,
    attainmentToDate: item.attainmentToDate?.toFixed() ?? null,
  };
  const status = JUDGED.has(item.status) ? item.status : null;
  const thresholds = item.kpi.thresholds;
  const statusObservation: Observation = {
    family: "kpi_status",
    subject: kpiId,
    state: status,
    figures: { ...figures, status },
    raise: (previous) => {
      const rule =
        status === "AT_RISK"
          ? "KPI_AT_RISK"
          : status === "OFF_TRACK"
            ? "KPI_OFF_TRACK"
            : status === "ON_TRACK" && (previous === "AT_RISK" || previous === "OFF_TRACK")
              ? "KPI_BACK_ON_TRACK"
              : null;
      if (!rule) return null;
      return {
        rule,
        subject: kpiId,
        kpiId,
        audience: { kind: "scorecard", owner },
        title: renderAlertText(`title.${rule}`, (l) => ({ kpi: label[l] })),
        body: renderAlertText("body.kpiStatus", (l) => ({
          kpi: label[l],
          period: periodText(l),
          actual: fmt(item.actual, l),
          expected: fmt(item.expectedToDate ?? item.target, l),
          target: fmt(item.target, l),
          attainment: item.attainmentToDate ? formatPercent(item.attainmentToDate.toFixed(), l) : "—",
          to: statusWord(status!, l),
          from: previous && JUDGED.has(previous) ? statusWord(previous, l) : "NONE",
        })),
        ruleText: renderAlertText("rule.kpiStatus", (l) => ({
          onTrack: formatPercent(thresholds.onTrack.toFixed(), l),
          atRisk: formatPercent(thresholds.atRisk.toFixed(), l),
        })),
        figures: { ...figures, status, previousStatus: previous },
      };
    },
  };

  // Forecast miss: flows mid-period with a forecast and a target, judged in the KPI's direction.
  const miss =
    item.forecast !== null && item.target !== null && item.kind === "flow" && item.direction !== "range"
      ? item.direction === "higher"
        ? item.forecast.lt(item.target)
        : item.forecast.gt(item.target)
      : null;
  const subject = `${kpiId}:${period.from}`;
  const forecastObservation: Observation = {
    family: "forecast",
    subject,
    state: miss === null ? null : miss ? "MISS" : "OK",
    raise: (previous) =>
      miss && previous !== "MISS"
        ? {
            rule: "FORECAST_MISS",
            subject,
            kpiId,
            audience: { kind: "scorecard", owner },
            title: renderAlertText("title.FORECAST_MISS", (l) => ({ kpi: label[l] })),
            body: renderAlertText("body.FORECAST_MISS", (l) => ({
              kpi: label[l],
              period: periodText(l),
              forecast: fmt(item.forecast, l),
              target: fmt(item.target, l),
              actual: fmt(item.actual, l),
            })),
            ruleText: renderAlertText("rule.FORECAST_MISS"),
            figures,
          }
        : null,
  };
  return [statusObservation, forecastObservation];
}

const statusWord = (status: string, l: Locale) => renderAlertText(`status.${status}`)[l];
