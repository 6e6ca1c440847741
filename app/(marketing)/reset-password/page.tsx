import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { ClientMessages } from "@/components/i18n/client-messages";
import { RequestResetForm } from "./request-reset-form";

export async function generateMetadata() {
  const t = await getTranslations("passwordReset");
  return { title: t("requestTitle") };
}

/** "Forgot password": asks for the address; the answer never tells whether it has an account. */
export default async function RequestResetPage() {
  const t = await getTranslations("passwordReset");
  return (
    <ClientMessages namespaces={["passwordReset"]}>
      <div className="mx-auto max-w-md px-4 py-10 sm:py-14">
        <h1 className="text-2xl font-semibold tracking-tight">{t("requestTitle")}</h1>
        <p className="mt-2 text-ink-muted">{t("requestLead")}</p>
        <Card className="mt-6">
          <RequestResetForm />
        </Card>
        <p className="mt-4 text-sm">
          <Link href="/login" className="font-medium text-brand-700 underline">
            {t("backToLogin")}
          </Link>
        </p>
      </div>
    </ClientMessages>
  );
}
