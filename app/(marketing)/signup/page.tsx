import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { defaultCurrency, defaultTimeZone, timeZones } from "@/components/forms/workspace-options";
import { SignUpForm } from "./sign-up-form";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata() {
  const t = await getTranslations("signup");
  return { title: t("title") };
}

export default async function SignUpPage() {
  const t = await getTranslations("signup");
  const locale = await getLocale();
  return (
    <ClientMessages namespaces={["signup"]}>
      <div className="mx-auto max-w-xl px-4 py-10 sm:py-14">
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-2 text-ink-muted">{t("lead")}</p>
        <Card className="mt-6">
          <SignUpForm
            timeZones={timeZones()}
            defaults={{ currency: defaultCurrency(locale), timeZone: defaultTimeZone(locale), locale }}
          />
        </Card>
        <p className="mt-4 text-sm text-ink-muted">
          {t("haveAccount")}{" "}
          <Link href="/login" className="font-medium text-brand-700 underline">
            {t("logIn")}
          </Link>
        </p>
      </div>
    </ClientMessages>
  );
}
