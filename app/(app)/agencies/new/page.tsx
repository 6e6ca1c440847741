import { getTranslations } from "next-intl/server";
import { AppFrame } from "@/components/app/app-frame";
import { CreateAgencyForm } from "@/components/agency/agency-forms";
import { ClientMessages } from "@/components/i18n/client-messages";
import { Card, PageHeader } from "@/components/ui/card";
import { requireViewer } from "../../_lib/load";

export async function generateMetadata() {
  const t = await getTranslations("agency");
  return { title: t("createAgency") };
}

/** Any signed-in person creates an agency and becomes its admin (SPEC §9.2 createAgency). */
export default async function NewAgencyPage() {
  const viewer = await requireViewer("/agencies/new");
  const t = await getTranslations("agency");
  return (
    <ClientMessages namespaces={["agency", "roles"]}>
      <AppFrame viewer={viewer}>
        <PageHeader title={t("createAgency")} description={t("createAgencyLead")} />
        <Card className="max-w-xl">
          <CreateAgencyForm />
        </Card>
      </AppFrame>
    </ClientMessages>
  );
}
