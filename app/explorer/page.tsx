import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { LocaleSwitcher } from "@/components/locale-switcher";
import { Logo } from "@/components/logo";
import { Explorer } from "./explorer";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata() {
  const t = await getTranslations("explorer");
  return { title: t("title") };
}

/** A self-hosted, dependency-free GraphQL explorer (no CDN, no Monaco). */
export default async function ExplorerPage() {
  const t = await getTranslations("explorer");
  return (
    <ClientMessages namespaces={["explorer"]}>
      <div className="flex min-h-dvh flex-col">
        <header className="border-b border-line bg-surface">
          <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
            <Logo />
            <div className="flex items-center gap-3">
              <Link href="/w" className="text-sm text-ink-muted underline hover:text-ink">
                {t("backToApp")}
              </Link>
              <LocaleSwitcher />
            </div>
          </div>
        </header>
        <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">
          <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
          <p className="mt-1 max-w-prose text-sm text-ink-muted">{t("lead")}</p>
          <div className="mt-6">
            <Explorer />
          </div>
        </main>
      </div>
    </ClientMessages>
  );
}
