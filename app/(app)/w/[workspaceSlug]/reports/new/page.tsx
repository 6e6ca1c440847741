import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { Card, PageHeader } from "@/components/ui/card";
import { graphql } from "@/graphql/client/graphql";
import { executeServer } from "@/graphql/execute-server";
import { requirePermission } from "../../../../_lib/load";
import { ReportBuilderForm } from "../report-forms";

export async function generateMetadata() {
  const t = await getTranslations("clientReports.list");
  return { title: t("new") };
}

const AGENCY_BRANDINGS = graphql(`
  query NewReportBrandings($w: ID!) {
    workspace(id: $w) {
      agencyBrandings {
        agencyId
        name
      }
    }
  }
`);

/** Compose a new report (report.manage); a workspace an agency manages may use the agency's branding. */
export default async function NewReportPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const workspace = await requirePermission(workspaceSlug, "report.manage");
  const t = await getTranslations("clientReports.list");
  const { data } = await executeServer(AGENCY_BRANDINGS, { w: workspace.id });
  return (
    <ClientMessages namespaces={["clientReports"]}>
      <PageHeader title={t("new")} />
      <Card>
        <ReportBuilderForm
          workspaceId={workspace.id}
          slug={workspaceSlug}
          initial={{
            title: "",
            roles: ["OWNER"],
            includeKpiTree: false,
            periodType: "MONTH",
            anchor: null,
            rolling: true,
            commentary: null,
            sectionCommentary: [],
            locale: workspace.locale === "ru" ? "ru" : "en",
          }}
          // GraphQL results are null-prototype objects, which React will not pass to a client component.
          agencyBrandings={(data?.workspace?.agencyBrandings ?? []).map((a) => ({
            agencyId: a.agencyId,
            name: a.name,
          }))}
        />
      </Card>
    </ClientMessages>
  );
}
