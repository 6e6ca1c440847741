import { getLocale, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { Card, CardHeader } from "@/components/ui/card";
import { PageLoadError } from "@/components/app/page-load-error";
import { executeServer } from "@/graphql/execute-server";
import { requirePermission } from "../../../../_lib/load";
import { CustomMeasures } from "./custom-measures";
import { graphql } from "@/graphql/client/graphql";

export async function generateMetadata() {
  const t = await getTranslations("measures");
  return { title: t("title") };
}

const MEASURES = graphql(`
  query CustomMeasures($id: ID!) {
    workspace(id: $id) {
      metricCatalog {
        key
        kind
        custom
        unit
        aggregation
        nameEn
        nameRu
        archived
      }
    }
  }
`);

/**
 * The workspace's own base measures (SPEC §4.1: "key, unit, flow/stock"), e.g. calls from a
 * call tracker: a CSV column or API rows load into them, formulas read them. Create and delete
 * over the public GraphQL API (create/update/archive/unarchive/deleteCustomMeasure). `?name=` prefills
 * the form from an import column the file did not map.
 */
export default async function MeasuresPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceSlug: string }>;
  searchParams: Promise<{ name?: string }>;
}) {
  const { workspaceSlug } = await params;
  const { name } = await searchParams;
  const workspace = await requirePermission(workspaceSlug, "metricDefinition.manage");
  const t = await getTranslations("measures");
  const locale = await getLocale();
  const { data, errors } = await executeServer(MEASURES, { id: workspace.id });
  if (!data?.workspace)
    return <PageLoadError header={<CardHeader title={t("title")} />} title={t("title")} message={errors[0]?.message} />;
  const measures = data.workspace.metricCatalog
    .filter((m) => m.kind === "MEASURE" && m.custom)
    .map(({ key, unit, aggregation, nameEn, nameRu, archived }) => ({
      key,
      unit,
      aggregation,
      nameEn,
      nameRu,
      archived,
    }));
  return (
    <ClientMessages namespaces={["measures"]}>
      <Card>
        <CardHeader title={t("title")} description={t("lead")} />
        <CustomMeasures
          workspaceId={workspace.id}
          measures={measures}
          locale={locale}
          prefillName={typeof name === "string" ? name.slice(0, 100) : ""}
        />
      </Card>
    </ClientMessages>
  );
}
