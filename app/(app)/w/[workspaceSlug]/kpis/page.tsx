import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { CatalogFields } from "@/components/scorecard/types";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/card";
import { executeServer } from "@/graphql/execute-server";
import { can, requireWorkspace } from "../../../_lib/load";
import { KpiEditor } from "./kpi-editor";
import { ClientMessages } from "@/components/i18n/client-messages";
import { graphql } from "@/graphql/client/graphql";

export async function generateMetadata() {
  const t = await getTranslations("kpiEditor");
  return { title: t("title") };
}

const KPIS_QUERY = graphql(
  `
    query KpiEditorPage($id: ID!) {
      workspace(id: $id) {
        metricCatalog {
          ...CatalogFields
        }
        kpis {
          id
          key
          metricKey
          ownerRole
          direction
          parentKey
          weight
          channelScope
          defaultTarget
          templateKey
          position
          thresholds {
            onTrack
            atRisk
          }
          diagnostics
          qualityGate {
            metricKey
            comparator
            threshold
          }
          range {
            min
            max
          }
        }
      }
    }
  `,
  [CatalogFields],
);

/**
 * The KPI editor (SPEC §5): each scorecard's KPIs with direction, thresholds, weight, parent
 * in the tree, quality gate and diagnostics; warns outside 3–5 KPIs per role; reset to template.
 */
export default async function KpiEditorPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const workspace = await requireWorkspace(workspaceSlug);
  const canCompany = can(workspace, "kpi.manageCompany");
  const canRoles = can(workspace, "kpi.manage");
  if (!canCompany && !canRoles) notFound();
  const t = await getTranslations("kpiEditor");
  const locale = await getLocale();
  const { data, errors } = await executeServer(KPIS_QUERY, { id: workspace.id });
  // graphql-js results have null prototypes; client components need plain objects.
  const ws = data?.workspace
    ? (JSON.parse(JSON.stringify(data.workspace)) as NonNullable<typeof data.workspace>)
    : null;
  return (
    <ClientMessages namespaces={["kpiEditor", "tree.owners"]}>
      <>
        <PageHeader title={t("title")} description={t("lead")} />
        {!ws ? (
          <Alert tone="bad" title={t("loadError")}>
            {errors[0]?.message}
          </Alert>
        ) : (
          <KpiEditor
            workspaceId={workspace.id}
            kpis={ws.kpis}
            catalog={ws.metricCatalog}
            locale={locale}
            editable={{
              COMPANY: canCompany,
              SALES: canCompany,
              CMO: canRoles,
              PERFORMANCE: canRoles,
              SMM: canRoles,
              CONTENT: canRoles,
            }}
          />
        )}
      </>
    </ClientMessages>
  );
}
