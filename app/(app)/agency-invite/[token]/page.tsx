import { getTranslations } from "next-intl/server";
import { AppFrame } from "@/components/app/app-frame";
import { AcceptAgencyInviteButton } from "@/components/agency/accept-agency-invite-button";
import { ClientMessages } from "@/components/i18n/client-messages";
import { Card, PageHeader } from "@/components/ui/card";
import { requireViewer } from "../../_lib/load";

export async function generateMetadata() {
  const t = await getTranslations("agency");
  return { title: t("acceptTitle") };
}

/** An agency invitation link: the signed-in person accepts it (the link works only for the invited e-mail). */
export default async function AgencyInvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const viewer = await requireViewer(`/agency-invite/${token}`);
  const t = await getTranslations("agency");
  return (
    <ClientMessages namespaces={["agency"]}>
      <AppFrame viewer={viewer}>
        <PageHeader title={t("acceptTitle")} description={t("acceptBody")} />
        <Card className="max-w-xl">
          <AcceptAgencyInviteButton token={token} />
        </Card>
      </AppFrame>
    </ClientMessages>
  );
}
