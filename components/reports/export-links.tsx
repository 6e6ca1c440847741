import { getTranslations } from "next-intl/server";

/**
 * Download links for `/api/exports` (CSV in the page's locale conventions, and PDF): a
 * scorecard, the KPI tree or the metric table, for the period the page shows.
 */
export async function ExportLinks({
  workspaceId,
  kind,
  role,
  period,
  locale,
  label,
}: {
  workspaceId: string;
  kind: "scorecard" | "tree" | "metrics";
  role?: string;
  period: { kind: string; anchor: string | null };
  locale: string;
  label?: string;
}) {
  const t = await getTranslations("clientReports.exports");
  const href = (format: "csv" | "pdf") => {
    const q = new URLSearchParams({
      workspaceId,
      kind,
      format,
      locale: locale === "ru" ? "ru" : "en",
      periodType: period.kind === "quarter" ? "quarter" : "month",
    });
    if (role) q.set("role", role);
    if (period.anchor) q.set("anchor", period.anchor);
    return `/api/exports?${q.toString()}`;
  };
  return (
    <div className="flex items-center gap-2 text-sm" role="group" aria-label={label ?? t("export")}>
      <span className="text-ink-muted">{label ?? t("export")}:</span>
      <a className="font-medium text-brand-700 underline underline-offset-2" href={href("csv")} download>
        {t("csv")}
      </a>
      <a className="font-medium text-brand-700 underline underline-offset-2" href={href("pdf")} download>
        {t("pdf")}
      </a>
    </div>
  );
}
