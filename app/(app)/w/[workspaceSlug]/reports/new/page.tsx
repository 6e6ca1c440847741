import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePermission } from "../../../../_lib/load";
import { ReportBuilderForm } from "../report-forms";

export async function generateMetadata() {
  const t = await getTranslations("clientReports.list");
  return { title: t("new") };
}

/** Compose a new report (report.manage). */
export default async function NewReportPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const workspace = await requirePermission(workspaceSlug, "report.manage");
  const t = await getTranslations("clientReports.list");
  return (
    <ClientMessages namespaces={["clientReports"]}>
      <PageHeader title={t("new")} />
      <Card>
        <ReportBuilderForm
          workspaceId={workspace.id}
          slug={workspaceSlug}
          initial={{ title: "", roles: ["OWNER"], includeKpiTree: false, periodType: "MONTH", anchor: null, rolling: true, commentary: null, sectionCommentary: [], locale: workspace.locale === "ru" ? "ru" : "en" }}
        />
      </Card>
    </ClientMessages>
  );
}
