"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { LOCALES, type Locale } from "@/lib/i18n/config";
import { setLocaleCookie } from "@/lib/i18n/locale-cookie";
import { cn } from "./ui/cn";

const NAMES: Record<Locale, string> = { en: "English", ru: "Русский" };

/** The ru/en switch: stores the choice in the `tl.locale` cookie and re-renders on the server. */
export function LocaleButtons({ current, label }: { current: Locale | null; label: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  return (
    <div
      role="group"
      aria-label={label}
      className="inline-flex rounded-lg border border-line bg-surface p-0.5"
      aria-busy={pending || undefined}
    >
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          title={NAMES[locale]}
          aria-pressed={current === locale}
          onClick={() => {
            setLocaleCookie(locale);
            startTransition(() => router.refresh());
          }}
          className={cn(
            "min-h-8 min-w-9 rounded-md px-2 text-xs font-semibold uppercase",
            current === locale ? "bg-brand-600 text-white" : "text-ink-muted hover:text-ink",
          )}
        >
          <span className="sr-only">{NAMES[locale]} </span>
          <span aria-hidden="true">{locale}</span>
        </button>
      ))}
    </div>
  );
}
