import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { requirePermission } from "../../../_lib/load";
import { ImportWorkbench } from "./import-workbench";
import { MetricBatches } from "./metric-batches";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata() {
  const t = await getTranslations("import");
  return { title: t("title") };
}

/** CSV import (SPEC §7): upload, mapping, preview, validation report, progress, history, rollback. */
export default async function ImportPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const workspace = await requirePermission(workspaceSlug, "import.manage");
  const t = await getTranslations("import");
  return (
    <ClientMessages namespaces={["import", "channelGroups", "metricBatches"]}>
      <>
        <PageHeader title={t("title")} description={t("lead")} />
        <ImportWorkbench
          workspaceId={workspace.id}
          timeZone={workspace.timeZone}
          measuresHref={`/w/${workspaceSlug}/settings/measures`}
        />
        <div className="mt-6">
          <MetricBatches workspaceId={workspace.id} timeZone={workspace.timeZone} />
        </div>
      </>
    </ClientMessages>
  );
}
