import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { SCORECARD_KEYS, canOpenScorecard, isScorecardKey, roleOfScorecard } from "@/components/app/landing-path";
import { KpiCard } from "@/components/scorecard/kpi-card";
import { HealthChecks } from "@/components/scorecard/health-checks";
import { PeriodPicker } from "@/components/scorecard/period-picker";
import { periodLinks } from "@/components/scorecard/period-nav";
import { ScoreSummary } from "@/components/scorecard/score-summary";
import { KpiStatusPill } from "@/components/scorecard/status-pill";
import { catalogMap, formatValue, metricName } from "@/components/scorecard/format";
import {
  type SearchParams,
  formatPeriod,
  parsePeriodParams,
  periodQuery,
  toPeriodInput,
} from "@/components/scorecard/period";
import { CatalogFields, ScorecardFields } from "@/components/scorecard/types";
import { PageLoadError } from "@/components/app/page-load-error";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { ExportLinks } from "@/components/reports/export-links";
import { EmptyState } from "@/components/ui/empty-state";
import { TabLinks } from "@/components/ui/tabs";
import { graphql } from "@/graphql/client/graphql";
import { executeServer } from "@/graphql/execute-server";
import { can, requireWorkspace } from "../../../../_lib/load";

type Params = Promise<{ workspaceSlug: string; scorecard: string }>;

export async function generateMetadata({ params }: { params: Params }) {
  const { scorecard } = await params;
  const t = await getTranslations("scorecard");
  return { title: isScorecardKey(scorecard) ? t(`titles.${scorecard}`) : t("title") };
}

const SCORECARD_QUERY = graphql(
  `
    query ScorecardPage($id: ID!, $role: WorkspaceRole!, $period: PeriodInput) {
      workspace(id: $id) {
        scorecard(role: $role, period: $period) {
          ...ScorecardFields
        }
        metricCatalog {
          ...CatalogFields
        }
      }
    }
  `,
  [ScorecardFields, CatalogFields],
);

/** Which scorecard a member's role annotates (OWNER/ADMIN: the company's). */
function ownScorecard(role: string | null): string | null {
  if (!role) return null;
  if (role === "OWNER" || role === "ADMIN") return "COMPANY";
  return role;
}

/**
 * One role's scorecard for a period (SPEC §5): the score and verdict on top, a card per KPI
 * with actual, target, pacing, forecast, status, trend and diagnostics, the company targets
 * it drives, and the health checks with the rules behind them.
 */
export default async function ScorecardPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<SearchParams>;
}) {
  const { workspaceSlug, scorecard } = await params;
  const workspace = await requireWorkspace(workspaceSlug);
  if (!isScorecardKey(scorecard) || !canOpenScorecard(workspace, scorecard)) notFound();

  const t = await getTranslations("scorecard");
  const tTree = await getTranslations("tree");
  const tGroups = await getTranslations("channelGroups");
  const locale = await getLocale();
  const periodParams = parsePeriodParams(await searchParams);
  const periodInput = toPeriodInput(periodParams);
  const base = `/w/${workspace.slug}`;
  const tabs = SCORECARD_KEYS.filter((key) => canOpenScorecard(workspace, key)).map((key) => ({
    href: `${base}/scorecards/${key}${periodQuery(periodParams)}`,
    label: t(`tabs.${key}`),
  }));

  const role = roleOfScorecard(scorecard) ?? "OWNER";
  const { data, errors } = await executeServer(SCORECARD_QUERY, {
    id: workspace.id,
    role,
    period: periodInput,
  });
  const card = data?.workspace?.scorecard ?? null;
  const catalog = catalogMap(data?.workspace?.metricCatalog ?? []);
  const ctx = { locale, currency: workspace.currency };

  const header = (
    <PageHeader
      title={t(`titles.${scorecard}`)}
      description={
        <>
          {t(`intro.${scorecard}`)}{" "}
          <span className="whitespace-nowrap">({t("currencyLabel", { currency: workspace.currency })})</span>
        </>
      }
      actions={
        <ExportLinks workspaceId={workspace.id} kind="scorecard" role={role} period={periodParams} locale={locale} />
      }
    />
  );
  const tabNav =
    tabs.length > 1 ? <TabLinks label={t("switcher")} items={tabs.map((tab) => ({ ...tab, href: tab.href }))} /> : null;

  if (!card) {
    return (
      <PageLoadError
        header={
          <>
            {header}
            {tabNav}
          </>
        }
        title={t("loadError")}
        message={errors[0]?.message}
      />
    );
  }

  const kpiByKey = new Map([...card.kpis, ...card.companyTargets].map((k) => [k.key, k]));
  const kpiName = (key: string) => {
    const k = kpiByKey.get(key);
    if (k) return metricName(catalog.get(k.metricKey), k.metricKey, locale);
    // A KPI of another scorecard (health checks cite them): "<metric> (<role>)" from its key.
    const [owner, metric] = key.split(".");
    const ownerKey = owner.toUpperCase();
    const ownerLabel = tTree.has(`owners.${ownerKey}`) ? tTree(`owners.${ownerKey}` as "owners.COMPANY") : ownerKey;
    return metric && catalog.has(metric) ? `${metricName(catalog.get(metric), metric, locale)} (${ownerLabel})` : key;
  };
  const metricHref = (metricKey: string, channelScope: string | null) =>
    `${base}/metrics/${encodeURIComponent(metricKey)}${periodQuery(periodParams, { scope: channelScope })}`;
  const noData = card.kpis.length > 0 && card.kpis.every((k) => k.actual === null);
  const canAnnotate = can(workspace, "annotation.write") && ownScorecard(workspace.viewerRole) === card.owner;
  const links = periodLinks(`${base}/scorecards/${scorecard}`, periodParams, card.period);
  const canLoadDemo = can(workspace, "metrics.write");

  return (
    <>
      {header}
      {tabNav}
      <PeriodPicker
        action={`${base}/scorecards/${scorecard}`}
        kind={periodParams.kind}
        anchor={periodParams.anchor}
        from={card.period.from}
        to={card.period.to}
        compare={periodParams.compare}
        label={formatPeriod(card.period, locale)}
        {...links}
      />

      {noData ? (
        <EmptyState
          title={t("emptyTitle")}
          action={
            canLoadDemo ? (
              <Link href={`${base}/onboarding`} className={buttonClass("primary")}>
                {t("loadDemo")}
              </Link>
            ) : undefined
          }
        >
          {t("emptyBody")}
        </EmptyState>
      ) : (
        <ScoreSummary card={card} ctx={ctx} kpiName={kpiName} />
      )}

      {card.unmappedChannels && card.unmappedChannels.length > 0 ? (
        <div className="mt-6" data-testid="unmapped-channels">
          <Alert tone="warn">
            {tGroups("scorecardUnmapped", { channels: card.unmappedChannels.join(", ") })}{" "}
            {can(workspace, "metricDefinition.manage") ? (
              <Link href={`${base}/settings/channels`} className="font-medium underline">
                {tGroups("scorecardUnmappedLink")}
              </Link>
            ) : null}
          </Alert>
        </div>
      ) : null}

      <section aria-labelledby="kpis-title" className="mb-8 mt-6">
        <h2 id="kpis-title" className="mb-3 text-lg font-semibold">
          {t("kpisTitle", { count: card.kpis.length })}
        </h2>
        {card.kpis.length === 0 ? (
          <EmptyState title={t("noKpisTitle")}>{t("noKpisBody")}</EmptyState>
        ) : (
          <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
            {card.kpis.map((kpi) => (
              <KpiCard
                key={kpi.key}
                kpi={kpi}
                catalog={catalog}
                ctx={ctx}
                compare={periodParams.compare}
                asOf={card.asOf}
                metricHref={metricHref}
                annotation={canAnnotate || kpi.annotation ? { canEdit: canAnnotate, period: periodInput } : null}
              />
            ))}
          </div>
        )}
      </section>

      {scorecard !== "company" && card.companyTargets.length > 0 ? (
        <section aria-labelledby="drives-title" className="mb-8">
          <h2 id="drives-title" className="text-lg font-semibold">
            {t("drivesTitle")}
          </h2>
          <p className="mb-3 text-sm text-ink-muted">{t("drivesLead")}</p>
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            {card.companyTargets.map((target) => {
              const info = catalog.get(target.metricKey);
              return (
                <li
                  key={target.key}
                  className="rounded-lg border border-line bg-surface p-3"
                  data-testid="company-target"
                >
                  <div className="flex items-start justify-between gap-2">
                    <Link
                      prefetch={false}
                      href={metricHref(target.metricKey, null)}
                      className="font-medium text-ink hover:underline"
                    >
                      {metricName(info, target.metricKey, locale)}
                    </Link>
                    <KpiStatusPill
                      status={target.status}
                      hasActual={target.actual !== null}
                      hasTarget={target.target !== null}
                    />
                  </div>
                  <p className="mt-1 text-xl font-semibold tabular-nums">
                    {formatValue(target.actual, info?.unit, target.metricKey, ctx)}
                  </p>
                  <p className="text-xs text-ink-muted">
                    {target.target !== null
                      ? t("kpi.targetOf", { target: formatValue(target.target, info?.unit, target.metricKey, ctx) })
                      : t("kpi.noTarget")}
                  </p>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      <HealthChecks checks={card.healthChecks} kpiName={kpiName} />
    </>
  );
}
