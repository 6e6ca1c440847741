import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { SCORECARD_KEYS, canOpenScorecard, isScorecardKey } from "@/components/app/landing-path";
import { currentMonth, formatMonthYear } from "@/components/app/period";
import { TabLinks } from "@/components/ui/tabs";
import { PageHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDate } from "@/lib/i18n/format";
import { requireWorkspace } from "../../../../_lib/load";

type Params = Promise<{ workspaceSlug: string; scorecard: string }>;

export async function generateMetadata({ params }: { params: Params }) {
  const { scorecard } = await params;
  const t = await getTranslations("scorecard");
  return { title: isScorecardKey(scorecard) ? t(`titles.${scorecard}`) : t("title") };
}

/**
 * One scorecard for the current period. The KPI cards arrive with the scorecard query
 * (another module); until then the page is honest about having no data yet.
 */
export default async function ScorecardPage({ params }: { params: Params }) {
  const { workspaceSlug, scorecard } = await params;
  const workspace = await requireWorkspace(workspaceSlug);
  if (!isScorecardKey(scorecard) || !canOpenScorecard(workspace, scorecard)) notFound();

  const t = await getTranslations("scorecard");
  const locale = await getLocale();
  const period = currentMonth(workspace.timeZone);
  const tabs = SCORECARD_KEYS.filter((key) => canOpenScorecard(workspace, key)).map((key) => ({
    href: `/w/${workspace.slug}/scorecards/${key}`,
    label: t(`tabs.${key}`),
  }));

  return (
    <>
      <PageHeader
        title={t(`titles.${scorecard}`)}
        description={
          <>
            <span>{t("periodLabel")}: </span>
            <time dateTime={period.from}>{formatMonthYear(period.from, locale)}</time>
            <span className="sr-only">
              {" "}
              ({formatDate(period.from, locale)} – {formatDate(period.to, locale)})
            </span>
            <span> · {t("currencyLabel", { currency: workspace.currency })}</span>
          </>
        }
      />
      {tabs.length > 1 ? <TabLinks label={t("switcher")} items={tabs} /> : null}
      <p className="mb-4 max-w-prose text-sm text-ink-muted">{t(`intro.${scorecard}`)}</p>
      <EmptyState title={t("emptyTitle")}>{t("emptyBody")}</EmptyState>
    </>
  );
}
