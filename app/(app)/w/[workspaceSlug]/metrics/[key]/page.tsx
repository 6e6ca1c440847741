import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { type ChartPoint, SeriesChart } from "@/components/charts/series-chart";
import { PeriodPicker } from "@/components/scorecard/period-picker";
import { periodLinks } from "@/components/scorecard/period-nav";
import { catalogMap, channelLabel, formatValue, metricName, toNumber } from "@/components/scorecard/format";
import {
  type SearchParams,
  formatPeriod,
  parsePeriodParams,
  periodQuery,
  resolvePeriod,
  todayIn,
} from "@/components/scorecard/period";
import { TrendIndicator } from "@/components/scorecard/trend";
import { comparisonWindows } from "@/lib/periods/comparison-windows";
import { ShownChangeFields, CatalogFields } from "@/components/scorecard/types";
import { PageLoadError } from "@/components/app/page-load-error";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader, PageHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { THead, Table, Td, Th } from "@/components/ui/table";
import { dateTimeFormat, formatDate } from "@/lib/i18n/format";
import { getMetricDefinition } from "@/lib/metrics/catalog";
import { getBaseMeasure } from "@/lib/metrics/measures";
import { executeServer } from "@/graphql/execute-server";
import { requirePermission } from "../../../../_lib/load";
import { graphql } from "@/graphql/client/graphql";

type Params = Promise<{ workspaceSlug: string; key: string }>;
type Grain = "DAY" | "WEEK" | "MONTH";

export async function generateMetadata({ params }: { params: Params }) {
  const { key } = await params;
  const t = await getTranslations("metric");
  const locale = await getLocale();
  // The title names the metric (catalog or base measure); a custom one reads as "Metric".
  const decoded = decodeURIComponent(key);
  const name = getMetricDefinition(decoded)?.name ?? getBaseMeasure(decoded)?.name;
  return { title: name ? t("titleFor", { name: locale === "ru" ? name.ru : name.en }) : t("titleGeneric") };
}

interface Value {
  key: string;
  value: string | null;
  reason: string | null;
}
interface BreakdownRow {
  channel: string;
  campaign: string | null;
  values: Value[];
}
interface Series {
  points: { from: string; to: string; value: string | null }[];
}

const MAIN_QUERY = graphql(
  `
    query MetricPage(
      $id: ID!
      $from: Date!
      $to: Date!
      $seriesTo: Date!
      $key: String!
      $keys: [String!]!
      $grain: MetricSeriesGrain!
      $channel: String
    ) {
      workspace(id: $id) {
        metricCatalog {
          ...CatalogFields
        }
        comparison: metricComparison(from: $from, to: $to, keys: [$key], channel: $channel) {
          key
          current {
            value
            reason
          }
          previousPeriod {
            from
            to
            value
            shownChange {
              ...ShownChangeFields
            }
          }
          lastYear {
            from
            to
            value
            shownChange {
              ...ShownChangeFields
            }
          }
        }
        series: metricSeries(from: $from, to: $seriesTo, grain: $grain, key: $key, channel: $channel) {
          points {
            from
            to
            value
          }
        }
        byChannel: metricBreakdown(by: CHANNEL, from: $from, to: $to, keys: $keys) {
          channel
          campaign
          values {
            key
            value
            reason
          }
        }
        byCampaign: metricBreakdown(by: CAMPAIGN, from: $from, to: $to, keys: $keys, channel: $channel) {
          channel
          campaign
          values {
            key
            value
            reason
          }
        }
      }
    }
  `,
  [ShownChangeFields, CatalogFields],
);

const COMPARE_SERIES = graphql(`
  query MetricCompareSeries(
    $id: ID!
    $from: Date!
    $to: Date!
    $key: String!
    $grain: MetricSeriesGrain!
    $channel: String
  ) {
    workspace(id: $id) {
      metricSeries(from: $from, to: $to, grain: $grain, key: $key, channel: $channel) {
        points {
          from
          to
          value
        }
      }
    }
  }
`);

/** Figures beside the metric in breakdowns: the money and funnel behind it. */
const CONTEXT_KEYS = ["spend", "leads", "deals_won", "revenue"];

function parseGrain(value: string | string[] | undefined, days: number): Grain {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === "day" || v === "week" || v === "month") return v.toUpperCase() as Grain;
  return days > 62 ? "WEEK" : "DAY";
}

/**
 * One metric over a period (SPEC §4): its value against the previous period and last year,
 * the series by day/week/month with the comparison overlaid, and breakdowns by channel and
 * by campaign — the drill-down to the campaign that explains a KPI's move.
 */
export default async function MetricPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<SearchParams>;
}) {
  const { workspaceSlug, key: rawKey } = await params;
  const key = decodeURIComponent(rawKey);
  const workspace = await requirePermission(workspaceSlug, "metrics.read");
  const sp = await searchParams;
  const t = await getTranslations("metric");
  const locale = await getLocale();
  const ctx = { locale, currency: workspace.currency };
  const periodParams = parsePeriodParams(sp);
  const period = resolvePeriod(periodParams, workspace);
  const grain = parseGrain(sp.grain, period.days);
  const channel = typeof sp.channel === "string" && sp.channel ? sp.channel : null;
  const scope = typeof sp.scope === "string" && sp.scope ? sp.scope : null;
  const base = `/w/${workspace.slug}/metrics/${encodeURIComponent(key)}`;
  const keep = { grain: grain.toLowerCase(), channel, scope };
  const keys = [key, ...CONTEXT_KEYS.filter((k) => k !== key)].slice(0, 4);
  // SPEC §4.2: days that have not come yet are never drawn — the chart stops at today.
  const windows = comparisonWindows(period, todayIn(workspace.timeZone));
  const seriesTo = windows.elapsedDays > 0 ? windows.current.to : period.to;

  const { data, errors } = await executeServer(MAIN_QUERY, {
    id: workspace.id,
    from: period.from,
    to: period.to,
    seriesTo,
    key,
    keys,
    grain,
    channel,
  });

  const ws = data?.workspace;
  if (ws && !ws.metricCatalog.some((m) => m.key === key)) notFound();
  const catalog = catalogMap(ws?.metricCatalog ?? []);
  const info = catalog.get(key);
  const name = metricName(info, key, locale);
  const header = (
    <PageHeader
      title={name}
      description={info ? t(`class.${info.class ?? info.kind ?? "METRIC"}` as "class.RESULT") : undefined}
    />
  );
  if (!ws) {
    return <PageLoadError header={header} title={t("loadError")} message={errors[0]?.message} />;
  }

  const comparison = ws.comparison[0];
  const compared = periodParams.compare === "previous" ? comparison?.previousPeriod : comparison?.lastYear;
  let compareSeries: Series | null = null;
  if (compared) {
    const res = await executeServer(COMPARE_SERIES, {
      id: workspace.id,
      from: compared.from,
      to: compared.to,
      key,
      grain,
      channel,
    });
    compareSeries = res.data?.workspace?.metricSeries ?? null;
  }
  const fmt = (v: string | number | null, k = key) => formatValue(v, catalog.get(k)?.unit, k, ctx);
  const points: ChartPoint[] = ws.series.points.map((p, i) => ({
    ...p,
    compare: compareSeries?.points[i]?.value ?? null,
  }));
  const bucketLabel = (p: { from: string; to: string }) =>
    grain === "MONTH"
      ? dateTimeFormat(locale, { month: "short", year: "2-digit", timeZone: "UTC" }).format(
          new Date(`${p.from}T00:00:00Z`),
        )
      : dateTimeFormat(locale, { day: "numeric", month: "short", timeZone: "UTC" }).format(
          new Date(`${p.from}T00:00:00Z`),
        );
  const links = periodLinks(base, periodParams, period, keep);
  const hasData = points.some((p) => p.value !== null) || comparison?.current.value !== null;
  const compareLabel = periodParams.compare === "previous" ? t("previousPeriod") : t("lastYear");
  const valueOf = (row: BreakdownRow, k: string) => row.values.find((v) => v.key === k)?.value ?? null;
  const sortRows = (rows: BreakdownRow[]) =>
    [...rows].sort((a, b) => (toNumber(valueOf(b, key)) ?? -Infinity) - (toNumber(valueOf(a, key)) ?? -Infinity));
  const grainHref = (g: Grain) => `${base}${periodQuery(periodParams, { ...keep, grain: g.toLowerCase() })}`;
  const channelHref = (c: string | null) => `${base}${periodQuery(periodParams, { ...keep, channel: c })}`;

  const breakdownTable = (rows: BreakdownRow[], dimension: "channel" | "campaign", caption: string) => (
    <Table caption={caption}>
      <THead>
        <tr>
          <Th>{t(dimension)}</Th>
          {keys.map((k) => (
            <Th key={k} className="text-right">
              {metricName(catalog.get(k), k, locale)}
            </Th>
          ))}
        </tr>
      </THead>
      <tbody>
        {sortRows(rows).map((row) => (
          <tr key={`${row.channel}/${row.campaign ?? ""}`} data-testid={`breakdown-${dimension}`}>
            <Td className="font-medium">
              {dimension === "channel" ? (
                <Link
                  prefetch={false}
                  href={channelHref(row.channel)}
                  className="text-brand-700 hover:underline"
                  aria-current={row.channel === channel ? "true" : undefined}
                >
                  {channelLabel(row.channel, locale)}
                </Link>
              ) : (
                <>
                  {row.campaign || t("noCampaign")}
                  {channel ? null : (
                    <span className="block text-xs font-normal text-ink-muted">
                      {channelLabel(row.channel, locale)}
                    </span>
                  )}
                </>
              )}
            </Td>
            {keys.map((k) => (
              <Td key={k} className={cn("text-right tabular-nums", k === key && "font-semibold")}>
                {fmt(valueOf(row, k), k)}
              </Td>
            ))}
          </tr>
        ))}
      </tbody>
    </Table>
  );

  return (
    <>
      <p className="mb-2 text-sm">
        <Link
          prefetch={false}
          href={`/w/${workspace.slug}/tree${periodQuery(periodParams)}`}
          className="text-brand-700 hover:underline"
        >
          ← {t("backToTree")}
        </Link>
      </p>
      {header}
      <PeriodPicker
        action={base}
        kind={periodParams.kind}
        anchor={periodParams.anchor}
        from={period.from}
        to={period.to}
        compare={periodParams.compare}
        label={formatPeriod(period, locale)}
        keep={Object.fromEntries(Object.entries(keep).filter((e): e is [string, string] => Boolean(e[1])))}
        {...links}
      />
      {scope ? <Alert className="mb-4">{t("scopeNote", { scope: channelLabel(scope, locale) })}</Alert> : null}
      {channel ? (
        <Alert className="mb-4">
          {t("channelFilter", { channel: channelLabel(channel, locale) })}{" "}
          <Link prefetch={false} href={channelHref(null)} className="font-medium underline">
            {t("allChannels")}
          </Link>
        </Alert>
      ) : null}

      {!hasData ? (
        <EmptyState title={t("emptyTitle")}>{t("emptyBody")}</EmptyState>
      ) : (
        <>
          <section aria-label={t("summary")} className="mb-6 grid gap-4 sm:grid-cols-3">
            <Card className="sm:p-4">
              <p className="text-sm text-ink-muted">{t("thisPeriod")}</p>
              <p className="text-3xl font-semibold tabular-nums" data-testid="metric-value">
                {fmt(comparison?.current.value ?? null)}
              </p>
            </Card>
            {(["previousPeriod", "lastYear"] as const).map((k) => {
              const c = comparison?.[k];
              return (
                <Card key={k} className="sm:p-4">
                  <p className="text-sm text-ink-muted">
                    {t(k)}{" "}
                    {c ? (
                      <span className="text-xs">
                        ({formatDate(c.from, locale, { style: "short" })} –{" "}
                        {formatDate(c.to, locale, { style: "short" })})
                      </span>
                    ) : null}
                  </p>
                  <p className="text-xl font-semibold tabular-nums">{fmt(c?.value ?? null)}</p>
                  <TrendIndicator change={c?.shownChange ?? null} locale={locale} />
                </Card>
              );
            })}
          </section>

          <Card className="mb-6">
            <CardHeader
              title={t("seriesTitle")}
              actions={
                <ul className="flex overflow-hidden rounded-lg border border-line" aria-label={t("grain")}>
                  {(["DAY", "WEEK", "MONTH"] as const).map((g) => (
                    <li key={g}>
                      <Link
                        href={grainHref(g)}
                        aria-current={grain === g ? "true" : undefined}
                        className={cn(
                          "inline-flex min-h-9 items-center px-3 text-sm font-medium",
                          grain === g ? "bg-brand-600 text-white" : "bg-surface text-ink hover:bg-canvas",
                        )}
                      >
                        {t(`grains.${g}`)}
                      </Link>
                    </li>
                  ))}
                </ul>
              }
            />
            <SeriesChart
              points={points}
              label={t("chartLabel", { metric: name })}
              compareLabel={compareSeries ? compareLabel : undefined}
              formatTick={(v) => formatValue(v, info?.unit, key, ctx, { compact: true })}
              formatBucket={bucketLabel}
            />
            <details className="mt-3 text-sm">
              <summary className="cursor-pointer text-brand-700 hover:underline">{t("showTable")}</summary>
              <Table caption={t("chartLabel", { metric: name })}>
                <THead>
                  <tr>
                    <Th>{t("bucket")}</Th>
                    <Th className="text-right">{name}</Th>
                    <Th className="text-right">{compareLabel}</Th>
                  </tr>
                </THead>
                <tbody>
                  {points.map((p) => (
                    <tr key={p.from}>
                      <Td>
                        {formatDate(p.from, locale, { style: "short" })}
                        {p.to !== p.from ? ` – ${formatDate(p.to, locale, { style: "short" })}` : ""}
                      </Td>
                      <Td className="text-right tabular-nums">{fmt(p.value)}</Td>
                      <Td className="text-right tabular-nums">{fmt(p.compare ?? null)}</Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </details>
          </Card>

          {!channel ? (
            <Card className="mb-6">
              <CardHeader title={t("byChannel")} description={t("byChannelLead")} />
              {ws.byChannel.length === 0 ? (
                <p className="text-sm text-ink-muted">{t("noRows")}</p>
              ) : (
                breakdownTable(ws.byChannel, "channel", t("byChannel"))
              )}
            </Card>
          ) : null}
          <Card>
            <CardHeader
              title={channel ? t("byCampaignIn", { channel: channelLabel(channel, locale) }) : t("byCampaign")}
              description={t("byCampaignLead")}
            />
            {ws.byCampaign.length === 0 ? (
              <p className="text-sm text-ink-muted">{t("noRows")}</p>
            ) : (
              breakdownTable(ws.byCampaign, "campaign", t("byCampaign"))
            )}
          </Card>
        </>
      )}
    </>
  );
}
