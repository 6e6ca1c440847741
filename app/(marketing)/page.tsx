import { getLocale, getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button";
import { formatMoney, formatPercent } from "@/lib/i18n/format";

const FEATURES = ["roles", "tree", "health", "sales", "agency", "api"] as const;

export async function generateMetadata() {
  const t = await getTranslations("landing");
  return { title: { absolute: `Throughline — ${t("tagline")}` } };
}

export default async function LandingPage() {
  const t = await getTranslations("landing");
  const locale = await getLocale();
  const currency = locale === "ru" ? "RUB" : "USD";
  // The seeds' example, formatted in the reader's locale.
  const example = {
    spend: formatMoney("300000", currency, locale, { maximumFractionDigits: 0 }),
    revenue: formatMoney("250000", currency, locale, { maximumFractionDigits: 0 }),
    romi: formatPercent("-0.1666666667", locale),
  };

  return (
    <>
      <section className="bg-surface">
        <div className="mx-auto grid max-w-6xl gap-10 px-4 py-14 sm:py-20 lg:grid-cols-[1.2fr_1fr] lg:items-center">
          <div>
            <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{t("eyebrow")}</p>
            <h1 className="mt-3 text-3xl font-bold tracking-tight text-ink sm:text-5xl">{t("title")}</h1>
            <p className="mt-5 max-w-prose text-lg text-ink-muted">{t("lead")}</p>
            <div className="mt-8 flex flex-wrap gap-3">
              <ButtonLink href="/signup">{t("ctaPrimary")}</ButtonLink>
              <ButtonLink href="/login" variant="secondary">
                {t("ctaSecondary")}
              </ButtonLink>
            </div>
          </div>
          <figure className="rounded-[var(--radius-card)] border border-line bg-canvas p-5">
            <figcaption className="text-sm font-semibold text-ink">{t("exampleTitle")}</figcaption>
            <dl className="mt-4 grid grid-cols-2 gap-4">
              <div>
                <dt className="text-xs text-ink-muted">{t("exampleSpend")}</dt>
                <dd className="text-xl font-semibold tabular-nums">{example.spend}</dd>
              </div>
              <div>
                <dt className="text-xs text-ink-muted">{t("exampleLeads")}</dt>
                <dd className="text-xl font-semibold tabular-nums">400</dd>
              </div>
              <div>
                <dt className="text-xs text-ink-muted">{t("exampleRevenue")}</dt>
                <dd className="text-xl font-semibold tabular-nums">{example.revenue}</dd>
              </div>
              <div>
                <dt className="text-xs text-ink-muted">ROMI</dt>
                <dd className="text-xl font-semibold tabular-nums text-bad-ink">{example.romi}</dd>
              </div>
            </dl>
            <p className="mt-4 text-sm text-ink-muted">{t("exampleMoral")}</p>
          </figure>
        </div>
      </section>

      <section aria-labelledby="features-title" className="mx-auto max-w-6xl px-4 py-14">
        <h2 id="features-title" className="text-2xl font-semibold tracking-tight">
          {t("featuresTitle")}
        </h2>
        <ul className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {FEATURES.map((key) => (
            <li key={key} className="rounded-[var(--radius-card)] border border-line bg-surface p-5">
              <h3 className="font-semibold text-ink">{t(`features.${key}.title`)}</h3>
              <p className="mt-2 text-sm text-ink-muted">{t(`features.${key}.body`)}</p>
            </li>
          ))}
        </ul>
      </section>

      <section className="bg-brand-800 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-10">
          <p className="max-w-prose text-lg">{t("closing")}</p>
          <ButtonLink href="/signup" variant="secondary">
            {t("ctaPrimary")}
          </ButtonLink>
        </div>
      </section>
    </>
  );
}
