import { getLocale, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { executeServer } from "@/graphql/execute-server";
import { requirePermission } from "../../../../_lib/load";
import { CustomMetricEditor } from "./custom-metric-editor";
import { MetricSettingsForm } from "./metric-settings-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { graphql } from "@/graphql/client/graphql";

export async function generateMetadata() {
  const t = await getTranslations("metricSettings");
  return { title: t("title") };
}

const QUERY = graphql(`
  query MetricSettingsPage($id: ID!) {
    workspace(id: $id) {
      metricSettings {
        ltvMethod
        grossMargin
        romiBasis
        engagementBasis
        fixedLtv
        orderValue
        ordersPerYear
        years
        maxCustomerLifetimeMonths
      }
      metricCatalog {
        key
        unit
        nameEn
        nameRu
        direction
        class
        kind
        custom
        formula
        problem
        archived
      }
    }
  }
`);

/** How catalog metrics are computed here (SPEC §4.2) and the workspace's own formulas. */
export default async function MetricSettingsPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const workspace = await requirePermission(workspaceSlug, "metricDefinition.manage");
  const t = await getTranslations("metricSettings");
  const locale = await getLocale();
  const { data, errors } = await executeServer(QUERY, { id: workspace.id });
  // graphql-js results have null prototypes; client components need plain objects.
  const ws = data?.workspace
    ? (JSON.parse(JSON.stringify(data.workspace)) as NonNullable<typeof data.workspace>)
    : null;
  if (!ws) {
    return (
      <Alert tone="bad" title={t("loadError")}>
        {errors[0]?.message}
      </Alert>
    );
  }
  return (
    <ClientMessages namespaces={["metricSettings", "numbers.settings"]}>
      <div className="space-y-6">
        <Card className="max-w-3xl">
          <CardHeader title={t("settingsTitle")} description={t("settingsLead")} />
          <MetricSettingsForm workspaceId={workspace.id} settings={ws.metricSettings} currency={workspace.currency} />
        </Card>
        <Card>
          <CardHeader
            title={t("customTitle")}
            description={t.rich("customLead", { code: (chunks) => <code>{chunks}</code> })}
          />
          <CustomMetricEditor
            workspaceId={workspace.id}
            metrics={ws.metricCatalog.filter((m) => m.custom)}
            references={ws.metricCatalog.filter((m) => !m.archived).map((m) => m.key)}
            locale={locale}
          />
        </Card>
      </div>
    </ClientMessages>
  );
}
