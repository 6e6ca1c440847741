import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { ClientMessages } from "@/components/i18n/client-messages";
import { NewPasswordForm } from "./new-password-form";

export async function generateMetadata() {
  const t = await getTranslations("passwordReset");
  return { title: t("newTitle") };
}

/** The e-mailed link: a new password for the token in the path (checked when it is submitted). */
export default async function NewPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("passwordReset");
  return (
    <ClientMessages namespaces={["passwordReset"]}>
      <div className="mx-auto max-w-md px-4 py-10 sm:py-14">
        <h1 className="text-2xl font-semibold tracking-tight">{t("newTitle")}</h1>
        <p className="mt-2 text-ink-muted">{t("newLead")}</p>
        <Card className="mt-6">
          <NewPasswordForm token={token.slice(0, 200)} />
        </Card>
      </div>
    </ClientMessages>
  );
}
