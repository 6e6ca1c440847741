import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClass } from "../ui/button";
import { cn } from "../ui/cn";
import type { CompareMode, PeriodKind } from "./period";
import { PeriodForm } from "./period-form";

/**
 * Period picker and comparison toggle. Everything lives in the URL (a GET form and links),
 * so a view can be bookmarked and shared, works without script and with the back button.
 * Rendered on the server; only the form (PeriodForm) runs in the browser.
 */
export function PeriodPicker({
  action,
  kind,
  anchor,
  from,
  to,
  compare,
  label,
  prevHref,
  nextHref,
  compareHrefs,
  keep = {},
  showCompare = true,
}: {
  action: string;
  kind: PeriodKind;
  anchor: string | null;
  from: string;
  to: string;
  compare: CompareMode;
  label: string;
  prevHref: string | null;
  nextHref: string | null;
  compareHrefs: Record<CompareMode, string>;
  keep?: Record<string, string>;
  showCompare?: boolean;
}) {
  const t = useTranslations("period");

  return (
    <div
      className="mb-6 flex flex-wrap items-end gap-x-4 gap-y-3 rounded-[var(--radius-card)] border border-line bg-surface p-3"
      data-testid="period-picker"
    >
      <div className="flex items-center gap-1">
        {prevHref ? (
          <Link href={prevHref} className={buttonClass("secondary", "sm", "px-2")} aria-label={t("previous")}>
            <span aria-hidden="true">‹</span>
          </Link>
        ) : null}
        <p className="min-w-40 px-1 text-center text-sm font-semibold" aria-live="polite" data-testid="period-label">
          {label}
        </p>
        {nextHref ? (
          <Link href={nextHref} className={buttonClass("secondary", "sm", "px-2")} aria-label={t("next")}>
            <span aria-hidden="true">›</span>
          </Link>
        ) : null}
      </div>
      <PeriodForm
        action={action}
        kind={kind}
        anchor={anchor}
        from={from}
        to={to}
        compare={compare}
        keep={keep}
        labels={{
          type: t("type"),
          month: t("month"),
          quarter: t("quarter"),
          custom: t("custom"),
          from: t("from"),
          to: t("to"),
          apply: t("apply"),
        }}
      />
      {showCompare ? (
        <div className="sm:ml-auto">
          <p id="compare-label" className="text-xs font-medium text-ink-muted">
            {t("compareWith")}
          </p>
          <ul aria-labelledby="compare-label" className="mt-1 flex overflow-hidden rounded-lg border border-line">
            {(["previous", "lastYear"] as const).map((mode) => (
              <li key={mode}>
                <Link
                  href={compareHrefs[mode]}
                  aria-current={compare === mode ? "true" : undefined}
                  className={cn(
                    "inline-flex min-h-9 items-center px-3 text-sm font-medium",
                    compare === mode ? "bg-brand-600 text-white" : "bg-surface text-ink hover:bg-canvas",
                  )}
                >
                  {t(mode === "previous" ? "comparePrevious" : "compareLastYear")}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
