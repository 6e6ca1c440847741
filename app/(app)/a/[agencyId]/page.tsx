import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { PageLoadError } from "@/components/app/page-load-error";
import { formatValue } from "@/components/scorecard/format";
import { KpiStatusPill } from "@/components/scorecard/status-pill";
import { TrendIndicator } from "@/components/scorecard/trend";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader, PageHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { THead, Table, Td, Th } from "@/components/ui/table";
import { formatNumber, formatPercent } from "@/lib/i18n/format";
import { executeServer } from "@/graphql/execute-server";
import { requireAgency } from "../../_lib/load";
import { graphql } from "@/graphql/client/graphql";
import { ShownChangeFields } from "@/components/scorecard/types";

export async function generateMetadata() {
  const t = await getTranslations("agency");
  return { title: t("portfolio") };
}

const SORTS = ["ATTENTION", "NAME", "SCORE", "REVENUE", "CAC", "LTV_TO_CAC", "ROMI"] as const;
type Sort = (typeof SORTS)[number];
/** The company figures of SPEC §8 the portfolio shows, with their unit (the change and its verdict come from the API). */
const FIGURES = [
  { key: "revenue", sort: "REVENUE", unit: "MONEY" },
  { key: "cac", sort: "CAC", unit: "MONEY" },
  { key: "ltv_to_cac", sort: "LTV_TO_CAC", unit: "RATIO" },
  { key: "romi", sort: "ROMI", unit: "RATIO" },
] as const;
const BENCHMARK_UNITS: Record<string, "MONEY" | "RATIO"> = {
  cpl: "MONEY",
  cac: "MONEY",
  romi: "RATIO",
  ctr: "RATIO",
  lead_to_deal_conversion: "RATIO",
};

const PORTFOLIO_QUERY = graphql(
  `
    query Portfolio($id: ID!, $sort: PortfolioSort, $direction: SortDirection) {
      agency(id: $id) {
        name
        portfolio(sort: $sort, direction: $direction) {
          workspace {
            id
            name
            slug
            currency
          }
          grantedRole
          needsAttention
          scorecard {
            score
            statusCounts {
              onTrack
              atRisk
              offTrack
              noData
            }
            kpis {
              metricKey
              channelScope
              status
              actual
              target
              change {
                ...ShownChangeFields
              }
            }
          }
        }
        benchmarks {
          channelGroup
          metricKey
          lowerIsBetter
          clientCount
          lowerQuartile
          median
          upperQuartile
          positions {
            workspace {
              id
              name
            }
            value
            quartile
            outlier
          }
        }
      }
    }
  `,
  [ShownChangeFields],
);

/**
 * The agency portfolio (SPEC §8): every client's company KPIs, score and status at a glance,
 * sortable, clients that need attention first; benchmarks across the agency's own clients.
 */
export default async function PortfolioPage({
  params,
  searchParams,
}: {
  params: Promise<{ agencyId: string }>;
  searchParams: Promise<{ sort?: string; dir?: string }>;
}) {
  const { agencyId } = await params;
  const agency = await requireAgency(agencyId);
  const t = await getTranslations("agency");
  const locale = await getLocale();
  const query = await searchParams;
  const sort: Sort = (SORTS as readonly string[]).includes(query.sort ?? "") ? (query.sort as Sort) : "ATTENTION";
  const direction = query.dir === "DESC" ? "DESC" : "ASC";
  const { data, errors } = await executeServer(PORTFOLIO_QUERY, {
    id: agency.agency.id,
    sort,
    direction,
  });
  const header = (
    <PageHeader title={t("portfolioTitle", { agency: agency.agency.name })} description={t("portfolioLead")} />
  );
  if (!data?.agency) return <PageLoadError header={header} title={t("loadError")} message={errors[0]?.message} />;
  const entries = data.agency.portfolio;
  const base = `/a/${agency.agency.publicId}`;
  const sortLink = (s: Sort) => `${base}?sort=${s}&dir=${s === sort && direction === "ASC" ? "DESC" : "ASC"}`;
  const currencies = new Set(entries.map((e) => e.workspace.currency));
  const sharedCurrency = currencies.size === 1 ? [...currencies][0] : null;
  const ariaSort = (s: Sort) => (s === sort ? (direction === "ASC" ? "ascending" : "descending") : undefined);
  const sortHeader = (s: Sort, label: string) => (
    <Link href={sortLink(s)} className="hover:underline">
      {label}
      {s === sort ? <span aria-hidden="true">{direction === "ASC" ? " ↑" : " ↓"}</span> : null}
    </Link>
  );

  return (
    <>
      {header}
      {entries.length === 0 ? (
        <EmptyState title={t("emptyTitle")}>{t("emptyBody", { id: agency.agency.publicId })}</EmptyState>
      ) : (
        <Card>
          <Table caption={t("portfolioCaption")}>
            <THead>
              <tr>
                <Th aria-sort={ariaSort("NAME")}>{sortHeader("NAME", t("client"))}</Th>
                <Th aria-sort={ariaSort("SCORE")}>{sortHeader("SCORE", t("score"))}</Th>
                <Th aria-sort={ariaSort("ATTENTION")}>{sortHeader("ATTENTION", t("statuses"))}</Th>
                {FIGURES.map((f) => (
                  <Th key={f.key} aria-sort={ariaSort(f.sort)}>
                    {sortHeader(f.sort, t(`metrics.${f.key}`))}
                  </Th>
                ))}
              </tr>
            </THead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.workspace.id} data-testid="portfolio-row">
                  <Td>
                    <Link
                      href={`/w/${e.workspace.slug}/scorecards/company`}
                      className="font-medium text-brand-700 hover:underline"
                    >
                      {e.workspace.name}
                    </Link>
                    {e.needsAttention ? (
                      <span className="ml-2">
                        <Badge tone="warn">{t("needsAttention")}</Badge>
                      </span>
                    ) : null}
                  </Td>
                  <Td>
                    {e.scorecard.score === null
                      ? "—"
                      : formatPercent(e.scorecard.score, locale, { maximumFractionDigits: 0 })}
                  </Td>
                  <Td className="text-sm">
                    {t("statusCounts", {
                      onTrack: e.scorecard.statusCounts.onTrack,
                      atRisk: e.scorecard.statusCounts.atRisk,
                      offTrack: e.scorecard.statusCounts.offTrack,
                    })}
                  </Td>
                  {FIGURES.map((f) => {
                    const kpi = e.scorecard.kpis.find((k) => k.metricKey === f.key && !k.channelScope);
                    return (
                      <Td key={f.key}>
                        <span className="block">
                          {formatValue(kpi?.actual ?? null, f.unit, f.key, { locale, currency: e.workspace.currency })}
                        </span>
                        {kpi ? (
                          <span className="mt-1 flex flex-wrap items-center gap-1 text-xs">
                            <KpiStatusPill
                              status={kpi.status}
                              hasActual={kpi.actual !== null}
                              hasTarget={kpi.target !== null}
                            />
                            <TrendIndicator change={kpi.change} locale={locale} />
                          </span>
                        ) : null}
                      </Td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
      )}
      <Card className="mt-6">
        <CardHeader title={t("benchmarksTitle")} description={t("benchmarksLead")} />
        {data.agency.benchmarks.length === 0 ? (
          <p className="text-sm text-ink-muted">{t("benchmarksEmpty")}</p>
        ) : (
          <Table caption={t("benchmarksCaption")}>
            <THead>
              <tr>
                <Th>{t("channelGroup")}</Th>
                <Th>{t("metric")}</Th>
                <Th>{t("lowerQuartile")}</Th>
                <Th>{t("median")}</Th>
                <Th>{t("upperQuartile")}</Th>
                <Th>{t("positions")}</Th>
              </tr>
            </THead>
            <tbody>
              {data.agency.benchmarks.map((b) => {
                const unit = BENCHMARK_UNITS[b.metricKey] ?? "RATIO";
                const fmt = (v: string) =>
                  unit === "MONEY" && !sharedCurrency
                    ? formatNumber(v, locale, { maximumFractionDigits: 2 })
                    : formatValue(v, unit, b.metricKey, { locale, currency: sharedCurrency ?? "USD" });
                return (
                  <tr key={`${b.channelGroup}-${b.metricKey}`} data-testid="benchmark-row">
                    <Td>{t(`groups.${b.channelGroup}` as "groups.other")}</Td>
                    <Td>{t(`metrics.${b.metricKey}` as "metrics.cpl")}</Td>
                    <Td>{fmt(b.lowerQuartile)}</Td>
                    <Td>{fmt(b.median)}</Td>
                    <Td>{fmt(b.upperQuartile)}</Td>
                    <Td className="text-sm">
                      <ul>
                        {b.positions.map((p) => (
                          <li key={p.workspace.id}>
                            {t("position", { client: p.workspace.name, value: fmt(p.value), quartile: p.quartile })}
                            {p.outlier ? (
                              <span className="ml-1">
                                <Badge tone="bad">{t("outlier")}</Badge>
                              </span>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    </Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        )}
      </Card>
    </>
  );
}
