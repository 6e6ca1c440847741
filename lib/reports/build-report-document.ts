import "server-only";
import type { Database } from "@/lib/db/client";
import { type Decimal, formatDecimal } from "@/lib/metrics/decimal";
import { formatDate, formatDateTime, formatMoney, formatNumber, formatPercent, MISSING } from "@/lib/i18n/format";
import { getMetricDefinition } from "@/lib/metrics/catalog";
import { BASE_MEASURES, getBaseMeasure } from "@/lib/metrics/measures";
import { METRIC_KEYS } from "@/lib/metrics/metric-keys";
import { getMetricValues } from "@/lib/metric-store/get-metric-values";
import type { Period } from "@/lib/periods/period";
import { previousPeriod } from "@/lib/periods/previous-period";
import { findKpiTree } from "@/lib/scorecard-service/find-kpi-tree";
import { findScorecard } from "@/lib/scorecard-service/find-scorecard";
import { readDataVersion } from "@/lib/data-version/data-version-cache";
import { type WorkspaceCalendar, resolveScorecardPeriod } from "@/lib/scorecard-service/resolve-scorecard-period";
import type { KpiTreeNode } from "@/lib/scorecards/build-kpi-tree";
import { findWorkspace } from "@/lib/workspaces/find-workspace";
import { withTenant } from "@/lib/tenancy/with-tenant";
import type { ReportDefinition } from "./report-definition";
import { reportSections } from "./report-definition";
import { type ReportLocale, reportMessages } from "./report-messages";
import type { ReportWithVersion } from "./report-record";

export type KpiStatusName = "ON_TRACK" | "AT_RISK" | "OFF_TRACK" | "NO_DATA" | "NO_TARGET";

export interface ReportKpiCard {
  key: string;
  name: string;
  actual: string;
  target: string;
  attainment: string;
  expectedToDate: string;
  forecast: string;
  status: KpiStatusName;
  statusLabel: string;
  /** actual / expected-to-date as a plain number for the pacing bar (0…2), null without a pace. */
  pace: number | null;
  series: number[];
  commentary: string | null;
  /** Exact values (plain decimal strings) for CSV exports. */
  raw: { actual: RawNumber; target: RawNumber; attainment: RawNumber; expectedToDate: RawNumber; forecast: RawNumber };
}

export type RawNumber = { number: string | null };

export interface ReportTreeRow {
  depth: number;
  name: string;
  actual: string;
  target: string;
  status: KpiStatusName | null;
  statusLabel: string;
  raw?: RawNumber;
}

export interface ReportSection {
  key: string;
  title: string;
  commentary: string | null;
  score: string | null;
  kpis: ReportKpiCard[];
  tree: ReportTreeRow[];
}

/** Everything a report shows, formatted in its locale: the share page, the PDF and the CSV read this. */
export interface ReportDocument {
  title: string;
  locale: ReportLocale;
  brand: { name: string; primaryColor: string; logo: { bytes: Uint8Array; type: string } | null };
  workspaceName: string;
  currency: string;
  timeZone: string;
  period: Period;
  periodLabel: string;
  generatedAt: string;
  commentary: string | null;
  sections: ReportSection[];
  funnel: { label: string; value: number; display: string }[];
  t: ReturnType<typeof reportMessages>;
}

const raw = (v: Decimal | null | undefined): RawNumber => ({ number: v == null ? null : formatDecimal(v) });

type Unit = "money" | "count" | "ratio" | "months";

function unitOf(metricKey: string): Unit {
  return (getMetricDefinition(metricKey)?.unit ?? getBaseMeasure(metricKey)?.unit ?? "count") as Unit;
}

export function metricLabel(metricKey: string, locale: ReportLocale): string {
  const name = getMetricDefinition(metricKey)?.name ?? getBaseMeasure(metricKey)?.name;
  return name ? name[locale] : metricKey.replace(/_/g, " ");
}

/** A figure in its unit and the report's locale (money in the workspace currency, ratios as %). */
export function formatFigure(
  value: { toString(): string } | null | undefined,
  metricKey: string,
  locale: ReportLocale,
  currency: string,
): string {
  if (value === null || value === undefined) return MISSING;
  const text = value.toString();
  switch (unitOf(metricKey)) {
    case "money":
      return formatMoney(text, currency, locale, {
        maximumFractionDigits: Math.abs(Number(text)) >= 1000 ? 0 : 2,
        minimumFractionDigits: 0,
      });
    case "ratio":
      return metricKey === "ltv_to_cac" || metricKey === "pipeline_coverage"
        ? `${formatNumber(text, locale, { maximumFractionDigits: 1 })}×`
        : formatPercent(text, locale);
    default:
      return formatNumber(text, locale, { maximumFractionDigits: 1 });
  }
}

/** The period a definition names, resolved now: rolling → the last complete one. */
export function resolveReportPeriod(def: ReportDefinition, calendar: WorkspaceCalendar, now: Date): Period {
  const p = def.period;
  if (p.rolling) return previousPeriod(resolveScorecardPeriod({ type: p.type }, calendar, now, ["period"]));
  return resolveScorecardPeriod({ type: p.type, anchor: p.anchor, from: p.from, to: p.to }, calendar, now, ["period"]);
}

const FUNNEL = ["impressions", "clicks", "leads", "qualified_leads", "deals_won"] as const;

/**
 * Loads what a report version shows — the workspace, its branding, each section's scorecard
 * (or the KPI tree) for the report's period, and the funnel — and formats it in the report's
 * locale. Reads only the report's own workspace, in tenant transactions.
 */
export async function buildReportDocument(
  db: Database,
  input: { workspaceId: string; report: ReportWithVersion; now: Date },
): Promise<ReportDocument> {
  const { report, version, definition } = input.report;
  return buildDocument(db, {
    workspaceId: input.workspaceId,
    title: version.title,
    definition,
    brandingId: report.brandingId,
    now: input.now,
  });
}

/** The document of a definition that need not be stored (exports of a single scorecard, the tree or the metric table). */
export async function buildDocument(
  db: Database,
  input: { workspaceId: string; title: string; definition: ReportDefinition; brandingId: string | null; now: Date },
): Promise<ReportDocument> {
  const { workspaceId, now, definition: def } = input;
  const workspace = await findWorkspace(db, { workspaceId });
  if (!workspace) throw new Error("report workspace vanished");
  const locale = def.locale;
  const t = reportMessages(locale);
  const calendar = { timeZone: workspace.timeZone, fiscalYearStartMonth: workspace.fiscalYearStartMonth };
  const period = resolveReportPeriod(def, calendar, now);
  const periodRequest = { type: period.type, anchor: period.from, from: period.from, to: period.to };
  const branding = await withTenant(db, { workspaceId }, (tx) =>
    tx.branding.findFirst({
      where: input.brandingId ? { workspaceId, id: input.brandingId } : { workspaceId, ownerKind: "WORKSPACE" },
      orderBy: { createdAt: "asc" },
    }),
  );
  const money = (key: string, v: { toString(): string } | null | undefined) =>
    formatFigure(v, key, locale, workspace.currency);
  const sectionNote = new Map(def.sectionCommentary.map((c) => [c.section, c.text]));
  const kpiNote = new Map(def.kpiCommentary.map((c) => [c.kpiKey, c.text]));
  const statusLabel = (s: string | null) => (s ? t(`status.${s}`) : MISSING);

  // Scorecard contexts come from the per-data-version cache (exact: the version is read before
  // the data), so repeated views of a share link and a batch of deliveries load them once.
  const dataVersion = readDataVersion(db, workspaceId);
  const sections: ReportSection[] = [];
  for (const key of reportSections(def)) {
    if (key === "KPI_TREE") {
      const tree = await findKpiTree(db, {
        workspaceId,
        calendar,
        period: periodRequest,
        now,
        owners: null,
        dataVersion,
      });
      const rows: ReportTreeRow[] = [];
      const walk = (nodes: readonly KpiTreeNode[], depth: number) => {
        for (const n of nodes) {
          if (n.kind !== "kpi") continue;
          rows.push({
            depth,
            name: metricLabel(n.metricKey, locale),
            actual: money(n.metricKey, n.actual),
            target: money(n.metricKey, n.target),
            status: n.status as KpiStatusName,
            statusLabel: statusLabel(n.status),
          });
          if (depth < 3) walk(n.children, depth + 1);
        }
      };
      walk(tree.roots, 0);
      sections.push({
        key,
        title: t("sections.KPI_TREE"),
        commentary: sectionNote.get(key) ?? null,
        score: null,
        kpis: [],
        tree: rows,
      });
      continue;
    }
    const card = await findScorecard(db, {
      workspaceId,
      calendar,
      owner: key,
      period: periodRequest,
      now,
      dataVersion,
    });
    const kpis: ReportKpiCard[] = card.kpis.map((k) => {
      const expected = k.expectedToDate ? Number(k.expectedToDate.toString()) : null;
      const actual = k.actual ? Number(k.actual.toString()) : null;
      return {
        key: k.kpi.key,
        name: metricLabel(k.metricKey, locale),
        actual: money(k.metricKey, k.actual),
        target: money(k.metricKey, k.target),
        attainment: k.attainment ? formatPercent(k.attainment.toString(), locale) : MISSING,
        expectedToDate: money(k.metricKey, k.expectedToDate),
        forecast: money(k.metricKey, k.forecast),
        status: k.status as KpiStatusName,
        statusLabel: statusLabel(k.status),
        pace: expected && actual !== null && expected !== 0 ? Math.max(0, Math.min(2, actual / expected)) : null,
        series: k.series.map((p) => Number(p.value?.toString() ?? 0)),
        commentary: kpiNote.get(k.kpi.key) ?? null,
        raw: {
          actual: raw(k.actual),
          target: raw(k.target),
          attainment: raw(k.attainment),
          expectedToDate: raw(k.expectedToDate),
          forecast: raw(k.forecast),
        },
      };
    });
    const score = card.score.score ? formatPercent(card.score.score.toString(), locale) : null;
    sections.push({
      key,
      title: t(`sections.${key}`),
      commentary: sectionNote.get(key) ?? null,
      score,
      kpis,
      tree: [],
    });
  }

  if (def.includeMetricTable) {
    const keys = [...BASE_MEASURES.map((m) => m.key), ...METRIC_KEYS];
    const values = await getMetricValues(db, { workspaceId, keys, from: period.from, to: period.to });
    const rows: ReportTreeRow[] = values.current.values.map((v) => ({
      depth: 0,
      name: metricLabel(v.key, locale),
      actual: money(v.key, v.value),
      target: MISSING,
      status: null,
      statusLabel: "",
      raw: raw(v.value),
    }));
    sections.push({
      key: "METRICS",
      title: t("sections.METRICS"),
      commentary: null,
      score: null,
      kpis: [],
      tree: rows,
    });
  }

  const funnelValues = await getMetricValues(db, { workspaceId, keys: [...FUNNEL], from: period.from, to: period.to });
  const funnel = funnelValues.current.values.map((v) => ({
    label: metricLabel(v.key, locale),
    value: v.value ? Number(v.value.toString()) : 0,
    display: formatNumber(v.value?.toString() ?? null, locale, { maximumFractionDigits: 0 }),
  }));

  const dateOpts = { style: "long" as const };
  return {
    title: input.title,
    locale,
    brand: {
      name: branding?.name ?? workspace.name,
      primaryColor: branding?.primaryColor ?? "#1d4ed8",
      logo: branding?.logo && branding.logoType ? { bytes: branding.logo, type: branding.logoType } : null,
    },
    workspaceName: workspace.name,
    currency: workspace.currency,
    timeZone: workspace.timeZone,
    period,
    periodLabel: `${formatDate(period.from, locale, dateOpts)} – ${formatDate(period.to, locale, dateOpts)}`,
    generatedAt: formatDateTime(now, locale, workspace.timeZone),
    commentary: def.commentary,
    sections,
    funnel,
    t,
  };
}
