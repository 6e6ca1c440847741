import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { LoginForm } from "./login-form";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata() {
  const t = await getTranslations("login");
  return { title: t("title") };
}

/** Only same-site paths are followed after login (no open redirect). */
function safeNext(next: string | string[] | undefined): string {
  const value = Array.isArray(next) ? next[0] : next;
  return value && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : "/w";
}

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const t = await getTranslations("login");
  const tr = await getTranslations("passwordReset");
  const next = safeNext((await searchParams).next);
  return (
    <ClientMessages namespaces={["login"]}>
      <div className="mx-auto max-w-md px-4 py-10 sm:py-14">
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-2 text-ink-muted">{t("lead")}</p>
        <Card className="mt-6">
          <LoginForm next={next} />
        </Card>
        <p className="mt-4 text-sm">
          <Link href="/reset-password" className="font-medium text-brand-700 underline">
            {tr("forgot")}
          </Link>
        </p>
        <p className="mt-2 text-sm text-ink-muted">
          {t("noAccount")}{" "}
          <Link href="/signup" className="font-medium text-brand-700 underline">
            {t("signUp")}
          </Link>
        </p>
      </div>
    </ClientMessages>
  );
}
