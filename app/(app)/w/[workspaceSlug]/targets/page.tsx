import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PeriodPicker } from "@/components/scorecard/period-picker";
import { periodLinks } from "@/components/scorecard/period-nav";
import { catalogMap, kpiLabel, metricName } from "@/components/scorecard/format";
import { type SearchParams, formatPeriod, parsePeriodParams, toPeriodInput } from "@/components/scorecard/period";
import { CatalogFields } from "@/components/scorecard/types";
import { PageLoadError } from "@/components/app/page-load-error";
import { Card, CardHeader, PageHeader } from "@/components/ui/card";
import { executeServer } from "@/graphql/execute-server";
import { can, requireWorkspace } from "../../../_lib/load";
import { TargetPlanner } from "./target-planner";
import { type TargetRow, TargetTable } from "./target-table";
import { ClientMessages } from "@/components/i18n/client-messages";
import { graphql } from "@/graphql/client/graphql";

export async function generateMetadata() {
  const t = await getTranslations("targets");
  return { title: t("title") };
}

const TARGETS_QUERY = graphql(
  `
    query TargetsPage($id: ID!, $period: PeriodInput) {
      workspace(id: $id) {
        metricCatalog {
          ...CatalogFields
        }
        scorecard(role: OWNER, period: $period) {
          period {
            type
            from
            to
            label
            days
          }
        }
        kpis {
          id
          key
          metricKey
          ownerRole
          channelScope
          direction
          target(period: $period) {
            value
            source
            effectiveFrom
            derivedFrom {
              kpiKey
              factor
            }
            setByName
          }
          targetHistory(period: $period) {
            value
            source
            effectiveFrom
            setByUserId
            setByApiKeyId
          }
        }
      }
    }
  `,
  [CatalogFields],
);

const OWNERS = ["COMPANY", "SALES", "CMO", "PERFORMANCE", "SMM", "CONTENT"] as const;

/**
 * Targets (SPEC §2.5, §6): company and role KPI targets for a period, each with its history
 * (a target changed mid-period keeps the earlier value on record), and the planner that
 * derives role targets from the revenue target.
 */
export default async function TargetsPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceSlug: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { workspaceSlug } = await params;
  const workspace = await requireWorkspace(workspaceSlug);
  const canCompany = can(workspace, "target.manageCompany");
  const canRoles = can(workspace, "target.manage");
  if (!canCompany && !canRoles) notFound();
  const t = await getTranslations("targets");
  const tr = await getTranslations("tree.owners");
  const locale = await getLocale();
  const periodParams = parsePeriodParams(await searchParams);
  if (periodParams.kind === "custom") periodParams.kind = "month";
  const periodInput = toPeriodInput(periodParams);
  const base = `/w/${workspace.slug}`;
  const { data, errors } = await executeServer(TARGETS_QUERY, { id: workspace.id, period: periodInput });
  const header = <PageHeader title={t("title")} description={t("lead")} />;
  // graphql-js results have null prototypes; client components need plain objects.
  const ws = data?.workspace
    ? (JSON.parse(JSON.stringify(data.workspace)) as NonNullable<typeof data.workspace>)
    : null;
  if (!ws) {
    return <PageLoadError header={header} title={t("loadError")} message={errors[0]?.message} />;
  }
  const catalog = catalogMap(ws.metricCatalog);
  const period = ws.scorecard.period;
  const links = periodLinks(`${base}/targets`, periodParams, period);
  const rows: TargetRow[] = ws.kpis.map((k) => ({
    ...k,
    name: metricName(catalog.get(k.metricKey), k.metricKey, locale),
    unit: catalog.get(k.metricKey)?.unit ?? "COUNT",
    canEdit: k.ownerRole === "COMPANY" || k.ownerRole === "SALES" ? canCompany : canRoles,
    // SPEC §5: where a derived target comes from, by name.
    derivedFromName: k.target.derivedFrom
      ? metricName(
          catalog.get(ws.kpis.find((x) => x.key === k.target.derivedFrom!.kpiKey)?.metricKey ?? ""),
          k.target.derivedFrom.kpiKey,
          locale,
        )
      : null,
  }));

  return (
    <ClientMessages namespaces={["targets", "planner", "tree.owners", "numbers.targets"]}>
      <>
        {header}
        <PeriodPicker
          action={`${base}/targets`}
          kind={periodParams.kind}
          anchor={periodParams.anchor}
          from={period.from}
          to={period.to}
          compare={periodParams.compare}
          label={formatPeriod(period, locale)}
          showCompare={false}
          {...links}
        />
        <Card className="mb-6">
          <CardHeader title={t("plannerTitle")} description={t("plannerLead")} />
          <TargetPlanner
            workspaceId={workspace.id}
            period={periodInput}
            currency={workspace.currency}
            kpiNames={Object.fromEntries(ws.kpis.map((k) => [k.key, kpiLabel(k, catalog, locale)]))}
          />
        </Card>
        <div className="space-y-6">
          {OWNERS.map((owner) => {
            const ownerRows = rows.filter((r) => r.ownerRole === owner);
            if (ownerRows.length === 0) return null;
            return (
              <Card key={owner}>
                <CardHeader title={tr(owner)} />
                <TargetTable
                  rows={ownerRows}
                  period={periodInput}
                  currency={workspace.currency}
                  caption={t("tableCaption", { owner: tr(owner) })}
                />
              </Card>
            );
          })}
        </div>
      </>
    </ClientMessages>
  );
}
