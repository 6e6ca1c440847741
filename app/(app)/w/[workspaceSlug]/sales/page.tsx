import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { HealthChecks } from "@/components/scorecard/health-checks";
import { PeriodPicker } from "@/components/scorecard/period-picker";
import { periodLinks } from "@/components/scorecard/period-nav";
import { KpiStatusPill } from "@/components/scorecard/status-pill";
import { TrendIndicator } from "@/components/scorecard/trend";
import { catalogMap, formatValue, metricName, toNumber } from "@/components/scorecard/format";
import {
  type SearchParams,
  formatPeriod,
  parsePeriodParams,
  periodQuery,
  resolvePeriod,
  toPeriodInput,
} from "@/components/scorecard/period";
import { HealthCheckFields, ShownChangeFields, CatalogFields } from "@/components/scorecard/types";
import { PageLoadError } from "@/components/app/page-load-error";
import { Card, CardHeader, PageHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { executeServer } from "@/graphql/execute-server";
import { requirePermission } from "../../../_lib/load";
import { graphql } from "@/graphql/client/graphql";

export async function generateMetadata() {
  const t = await getTranslations("sales");
  return { title: t("title") };
}

const HEADLINE = ["cac", "ltv", "ltv_to_cac", "lead_to_deal_conversion"] as const;
const FUNNEL = ["impressions", "clicks", "leads", "qualified_leads", "deals_won", "revenue"] as const;

const SALES_QUERY = graphql(
  `
    query SalesView($id: ID!, $from: Date!, $to: Date!, $keys: [String!]!, $period: PeriodInput) {
      workspace(id: $id) {
        metricCatalog {
          ...CatalogFields
        }
        metricComparison(from: $from, to: $to, keys: $keys) {
          key
          current {
            value
            reason
          }
          previousPeriod {
            value
            shownChange {
              ...ShownChangeFields
            }
          }
          lastYear {
            value
            shownChange {
              ...ShownChangeFields
            }
          }
        }
        scorecard(role: SALES, period: $period) {
          kpis {
            key
            metricKey
            status
            actual
            target
          }
          healthChecks {
            ...HealthCheckFields
          }
        }
      }
    }
  `,
  [ShownChangeFields, HealthCheckFields, CatalogFields],
);

/**
 * The marketing–sales view (SPEC §1, §2.3): one page both teams read — CAC, LTV, LTV:CAC with
 * the ≥ 3 rule, lead→deal conversion, and the funnel from impressions to revenue with the
 * conversion of every step, so that nobody argues about whose numbers are right.
 */
export default async function SalesViewPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceSlug: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { workspaceSlug } = await params;
  const workspace = await requirePermission(workspaceSlug, "salesView.read");
  const t = await getTranslations("sales");
  const locale = await getLocale();
  const ctx = { locale, currency: workspace.currency };
  const periodParams = parsePeriodParams(await searchParams);
  const period = resolvePeriod(periodParams, workspace);
  const base = `/w/${workspace.slug}`;
  const { data, errors } = await executeServer(SALES_QUERY, {
    id: workspace.id,
    from: period.from,
    to: period.to,
    keys: [...HEADLINE, ...FUNNEL],
    period: toPeriodInput(periodParams),
  });

  const header = <PageHeader title={t("title")} description={t("lead")} />;
  const ws = data?.workspace;
  if (!ws) {
    return <PageLoadError header={header} title={t("loadError")} message={errors[0]?.message} />;
  }
  const catalog = catalogMap(ws.metricCatalog);
  const values = new Map(ws.metricComparison.map((c) => [c.key, c]));
  const value = (k: string) => values.get(k)?.current.value ?? null;
  const fmt = (k: string, v: string | number | null = value(k)) => formatValue(v, catalog.get(k)?.unit, k, ctx);
  const kpiOf = (metricKey: string) => ws.scorecard?.kpis.find((k) => k.metricKey === metricKey);
  const metricHref = (k: string) => `${base}/metrics/${k}${periodQuery(periodParams)}`;
  const links = periodLinks(`${base}/sales`, periodParams, period);
  const hasData = FUNNEL.some((k) => value(k) !== null && toNumber(value(k)) !== 0);
  const ltvToCac = toNumber(value("ltv_to_cac"));

  const steps = FUNNEL.map((k, i) => {
    const current = toNumber(value(k));
    const prevKey = i > 0 ? FUNNEL[i - 1] : null;
    const prev = prevKey ? toNumber(value(prevKey)) : null;
    let conversion: string | null = null;
    if (k === "revenue") {
      const deals = toNumber(value("deals_won"));
      conversion = current !== null && deals ? fmt("revenue", current / deals) : null;
    } else if (prev && current !== null) {
      conversion = formatValue(current / prev, "RATIO", "conversion", ctx);
    }
    return { key: k, current, conversion };
  });
  const counts = steps.filter((s) => s.key !== "revenue").map((s) => s.current ?? 0);
  const maxLog = Math.log10(Math.max(10, ...counts));

  return (
    <>
      {header}
      <PeriodPicker
        action={`${base}/sales`}
        kind={periodParams.kind}
        anchor={periodParams.anchor}
        from={period.from}
        to={period.to}
        compare={periodParams.compare}
        label={formatPeriod(period, locale)}
        {...links}
      />
      {!hasData ? (
        <EmptyState title={t("emptyTitle")}>{t("emptyBody")}</EmptyState>
      ) : (
        <>
          <section aria-labelledby="unit-title" className="mb-6">
            <h2 id="unit-title" className="mb-3 text-lg font-semibold">
              {t("unitEconomics")}
            </h2>
            <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
              {HEADLINE.map((k) => {
                const kpi = kpiOf(k);
                const c = values.get(k);
                const cmp = periodParams.compare === "previous" ? c?.previousPeriod : c?.lastYear;
                return (
                  <li
                    key={k}
                    className="rounded-[var(--radius-card)] border border-line bg-surface p-4"
                    data-testid={`sales-${k}`}
                  >
                    <div className="flex items-start justify-between gap-2">
                      <Link prefetch={false} href={metricHref(k)} className="font-semibold text-ink hover:underline">
                        {metricName(catalog.get(k), k, locale)}
                      </Link>
                      {kpi ? <KpiStatusPill status={kpi.status} /> : null}
                    </div>
                    <p className="mt-2 text-3xl font-semibold tabular-nums">{fmt(k)}</p>
                    {kpi?.target ? (
                      <p className="text-sm text-ink-muted">{t("target", { value: fmt(k, kpi.target) })}</p>
                    ) : null}
                    <p className="mt-1 text-sm">
                      <TrendIndicator
                        change={cmp?.shownChange ?? null}
                        locale={locale}
                        context={periodParams.compare === "previous" ? t("vsPrevious") : t("vsLastYear")}
                      />
                    </p>
                    {k === "ltv_to_cac" ? (
                      <p
                        data-testid="ltv-cac-rule"
                        className={cn(
                          "mt-2 rounded-md px-2 py-1 text-sm",
                          ltvToCac === null
                            ? "bg-canvas text-ink-muted"
                            : ltvToCac >= 3
                              ? "bg-ok-bg text-ok-ink"
                              : "bg-bad-bg text-bad-ink",
                        )}
                      >
                        {ltvToCac === null ? t("ruleUnknown") : ltvToCac >= 3 ? t("ruleOk") : t("ruleBad")}
                      </p>
                    ) : null}
                  </li>
                );
              })}
            </ul>
            <p className="mt-2 text-sm text-ink-muted">{t("ruleHelp")}</p>
          </section>

          <Card className="mb-6">
            <CardHeader title={t("funnelTitle")} description={t("funnelLead")} />
            <ol className="space-y-3" data-testid="funnel">
              {steps.map((step, i) => (
                <li
                  key={step.key}
                  className="grid gap-1 sm:grid-cols-[12rem_1fr_12rem] sm:items-center sm:gap-4"
                  data-testid="funnel-step"
                >
                  <Link prefetch={false} href={metricHref(step.key)} className="font-medium text-ink hover:underline">
                    {metricName(catalog.get(step.key), step.key, locale)}
                  </Link>
                  <div className="flex items-center gap-3">
                    {step.key !== "revenue" ? (
                      <div aria-hidden="true" className="h-6 flex-1 rounded bg-canvas">
                        <div
                          className="h-full rounded bg-brand-500"
                          style={{
                            width: `${Math.max(2, ((step.current ? Math.log10(Math.max(1, step.current)) : 0) / maxLog) * 100).toFixed(1)}%`,
                          }}
                        />
                      </div>
                    ) : (
                      <div aria-hidden="true" className="h-6 flex-1 rounded bg-ok-bg" />
                    )}
                    <span className="w-32 text-right font-semibold tabular-nums">{fmt(step.key)}</span>
                  </div>
                  <p className="text-sm text-ink-muted">
                    {i === 0
                      ? t("funnelStart")
                      : step.key === "revenue"
                        ? t("dealSize", { value: step.conversion ?? "—" })
                        : t("stepConversion", { value: step.conversion ?? "—" })}
                  </p>
                </li>
              ))}
            </ol>
            <p className="mt-4 text-xs text-ink-muted">{t("funnelScale")}</p>
          </Card>
        </>
      )}
      {ws.scorecard ? (
        <HealthChecks
          checks={ws.scorecard.healthChecks}
          kpiName={(key) => {
            const k = ws.scorecard!.kpis.find((x) => x.key === key);
            return k ? metricName(catalog.get(k.metricKey), k.metricKey, locale) : key;
          }}
        />
      ) : null}
    </>
  );
}
