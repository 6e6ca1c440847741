import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { Card, PageHeader } from "@/components/ui/card";
import { executeServer } from "@/graphql/execute-server";
import { requirePermission } from "../../../../_lib/load";
import { BrandingForm } from "../report-forms";
import { graphql } from "@/graphql/client/graphql";

export async function generateMetadata() {
  const t = await getTranslations("clientReports.branding");
  return { title: t("title") };
}

const BRANDING = graphql(`
  query ReportBranding($id: ID!) {
    workspace(id: $id) {
      reportBranding {
        name
        primaryColor
        logoDataUrl
      }
    }
  }
`);

/** The workspace's report branding: name, logo, primary colour (report.manage). */
export default async function BrandingPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const workspace = await requirePermission(workspaceSlug, "report.manage");
  const t = await getTranslations("clientReports.branding");
  const { data } = await executeServer(BRANDING, { id: workspace.id });
  const branding = data?.workspace?.reportBranding;
  return (
    <ClientMessages namespaces={["clientReports"]}>
      <PageHeader title={t("title")} description={t("lead")} />
      <Card className="space-y-4">
        {branding?.logoDataUrl ? (
          <img
            src={branding.logoDataUrl}
            alt={branding.name}
            className="h-16 w-16 rounded border border-line object-contain"
          />
        ) : null}
        <BrandingForm
          workspaceId={workspace.id}
          initial={{ name: branding?.name ?? workspace.name, primaryColor: branding?.primaryColor ?? "#1d4ed8" }}
        />
      </Card>
    </ClientMessages>
  );
}
