import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LocaleSwitcher } from "@/components/locale-switcher";
import { Logo } from "@/components/logo";
import { buttonClass } from "@/components/ui/button";
import { loadViewer } from "../(app)/_lib/load";

export default async function MarketingLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations("common");
  const viewer = await loadViewer();
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b border-line bg-surface">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Logo />
          <nav aria-label={t("siteNav")} className="flex flex-wrap items-center gap-2">
            <Link href="/explorer" className="rounded-md px-2 py-1.5 text-sm text-ink-muted hover:text-ink">
              {t("api")}
            </Link>
            {viewer ? (
              <Link href="/w" className={buttonClass("primary", "sm")}>
                {t("openApp")}
              </Link>
            ) : (
              <>
                <Link href="/login" className={buttonClass("ghost", "sm")}>
                  {t("logIn")}
                </Link>
                <Link href="/signup" className={buttonClass("primary", "sm")}>
                  {t("signUp")}
                </Link>
              </>
            )}
            <LocaleSwitcher />
          </nav>
        </div>
      </header>
      <main id="main" className="flex-1">
        {children}
      </main>
      <footer className="border-t border-line bg-surface">
        <div className="mx-auto flex max-w-6xl flex-wrap justify-between gap-2 px-4 py-4 text-sm text-ink-muted">
          <span>© Throughline</span>
          <span>
            <Link href="/explorer" className="underline">
              {t("explorer")}
            </Link>{" "}
            ·{" "}
            <a href="/schema.graphql" className="underline">
              {t("schema")}
            </a>
          </span>
        </div>
      </footer>
    </div>
  );
}
