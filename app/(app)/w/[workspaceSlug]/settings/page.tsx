import { getTranslations } from "next-intl/server";
import { WorkspaceSettingsForm } from "@/components/app/workspace-settings-form";
import { Card, CardHeader } from "@/components/ui/card";
import { requirePermission } from "../../../_lib/load";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata() {
  const t = await getTranslations("settings");
  return { title: t("tabs.general") };
}

export default async function WorkspaceSettingsPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const workspace = await requirePermission(workspaceSlug, "workspace.update");
  const t = await getTranslations("settings");
  return (
    <ClientMessages namespaces={["settings"]}>
      <Card className="max-w-3xl">
        <CardHeader title={t("generalTitle")} description={t("generalLead")} />
        <WorkspaceSettingsForm
          workspace={{ ...workspace, slug: workspace.chosenSlug ?? workspace.slug }}
          fields={["name", "slug", "currency", "timeZone", "fiscalYearStartMonth", "locale"]}
        />
      </Card>
    </ClientMessages>
  );
}
