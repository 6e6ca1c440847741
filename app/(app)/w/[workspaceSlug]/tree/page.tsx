import { getLocale, getTranslations } from "next-intl/server";
import { PeriodPicker } from "@/components/scorecard/period-picker";
import { periodLinks } from "@/components/scorecard/period-nav";
import { catalogMap } from "@/components/scorecard/format";
import {
  type SearchParams,
  formatPeriod,
  parsePeriodParams,
  periodQuery,
  toPeriodInput,
} from "@/components/scorecard/period";
import { KpiTreeNodeFields, KpiTreeView } from "@/components/scorecard/kpi-tree";
import { CatalogFields } from "@/components/scorecard/types";
import { PageLoadError } from "@/components/app/page-load-error";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/card";
import { ExportLinks } from "@/components/reports/export-links";
import { EmptyState } from "@/components/ui/empty-state";
import { executeServer } from "@/graphql/execute-server";
import { can, requirePermission } from "../../../_lib/load";
import { graphql } from "@/graphql/client/graphql";

export async function generateMetadata() {
  const t = await getTranslations("tree");
  return { title: t("title") };
}

const TREE_QUERY = graphql(
  `
    query KpiTreePage($id: ID!, $period: PeriodInput) {
      workspace(id: $id) {
        kpiTree(period: $period) {
          asOf
          elapsedShare
          period {
            type
            from
            to
            label
            days
          }
          detached {
            key
            reason
          }
          roots {
            ...KpiTreeNodeFields
            children {
              ...KpiTreeNodeFields
              children {
                ...KpiTreeNodeFields
                children {
                  ...KpiTreeNodeFields
                  children {
                    ...KpiTreeNodeFields
                  }
                }
              }
            }
          }
        }
        metricCatalog {
          ...CatalogFields
        }
      }
    }
  `,
  [CatalogFields, KpiTreeNodeFields],
);

/**
 * The company view (SPEC §5): the KPI tree from the company targets down through each role's
 * KPIs to the diagnostics, coloured by status with the variance; every node opens its metric.
 */
export default async function KpiTreePage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceSlug: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { workspaceSlug } = await params;
  const workspace = await requirePermission(workspaceSlug, "scorecard.readCompany");
  const t = await getTranslations("tree");
  const tr = await getTranslations("clientReports");
  const locale = await getLocale();
  const periodParams = parsePeriodParams(await searchParams);
  const base = `/w/${workspace.slug}`;
  const { data, errors } = await executeServer(TREE_QUERY, {
    id: workspace.id,
    period: toPeriodInput(periodParams),
  });
  const tree = data?.workspace?.kpiTree;
  const canExport = can(workspace, "scorecard.readAny");
  const header = (
    <PageHeader
      title={t("title")}
      description={t("lead")}
      actions={
        canExport ? (
          <div className="space-y-1">
            <ExportLinks
              workspaceId={workspace.id}
              kind="tree"
              period={periodParams}
              locale={locale}
              label={tr("sections.KPI_TREE")}
            />
            <ExportLinks
              workspaceId={workspace.id}
              kind="metrics"
              period={periodParams}
              locale={locale}
              label={tr("sections.METRICS")}
            />
          </div>
        ) : null
      }
    />
  );
  if (!tree) {
    return <PageLoadError header={header} title={t("loadError")} message={errors[0]?.message} />;
  }
  const catalog = catalogMap(data!.workspace!.metricCatalog);
  const links = periodLinks(`${base}/tree`, periodParams, tree.period);
  const metricHref = (metricKey: string, scope: string | null) =>
    `${base}/metrics/${encodeURIComponent(metricKey)}${periodQuery(periodParams, { scope })}`;

  return (
    <>
      {header}
      <PeriodPicker
        action={`${base}/tree`}
        kind={periodParams.kind}
        anchor={periodParams.anchor}
        from={tree.period.from}
        to={tree.period.to}
        compare={periodParams.compare}
        label={formatPeriod(tree.period, locale)}
        showCompare={false}
        {...links}
      />
      {tree.detached.length > 0 ? (
        <Alert tone="warn" title={t("detachedTitle")} className="mb-4">
          {tree.detached.map((d) => `${d.key} (${d.reason === "CYCLE" ? t("cycle") : t("unknownParent")})`).join(", ")}
        </Alert>
      ) : null}
      {tree.roots.length === 0 ? (
        <EmptyState title={t("emptyTitle")}>{t("emptyBody")}</EmptyState>
      ) : (
        <KpiTreeView
          roots={tree.roots}
          catalog={catalog}
          ctx={{ locale, currency: workspace.currency }}
          metricHref={metricHref}
        />
      )}
    </>
  );
}
