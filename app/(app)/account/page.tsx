import { getTranslations } from "next-intl/server";
import { LogoutButton } from "@/components/app/logout-button";
import { buttonClass } from "@/components/ui/button";
import { Card, CardHeader, PageHeader } from "@/components/ui/card";
import { requireViewer } from "../_lib/load";
import { ChangePasswordForm } from "./change-password-form";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata() {
  const t = await getTranslations("account");
  return { title: t("title") };
}

export default async function AccountPage() {
  const viewer = await requireViewer("/account");
  const t = await getTranslations("account");
  return (
    <ClientMessages namespaces={["account"]}>
      <div className="max-w-2xl space-y-6">
        <PageHeader title={t("title")} description={t("signedInAs", { name: viewer.name ?? "", email: viewer.email ?? "" })} />
        <Card>
          <CardHeader title={t("passwordTitle")} description={t("passwordLead")} />
          <ChangePasswordForm />
        </Card>
        <Card>
          <CardHeader title={t("sessionsTitle")} description={t("sessionsLead")} />
          <LogoutButton everywhere className={buttonClass("secondary")} />
        </Card>
      </div>
    </ClientMessages>
  );
}
