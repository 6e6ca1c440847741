import { useTranslations } from "next-intl";
import { numberFormat } from "@/lib/i18n/format";
import { cn } from "../ui/cn";
import { toNumber } from "./format";

/** The API's MetricChange (SPEC §4.2 "Comparisons"): percent or percentage points, judged by the metric's direction. */
export interface ShownChange {
  kind: "PERCENT" | "PERCENTAGE_POINTS";
  value: string;
  verdict: "BETTER" | "WORSE" | "FLAT" | null;
}

export const SHOWN_CHANGE_FIELDS = "kind value verdict";

/** "+5.8 %" or "+5.76 pp" ("+5,76 п. п."): a change as the API describes it. */
export function useFormatChange(): (change: ShownChange, locale: string) => string {
  const t = useTranslations("scorecard.trend");
  return (change, locale) => {
    const n = toNumber(change.value) ?? 0;
    if (change.kind === "PERCENT")
      return numberFormat(locale, { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(n);
    const points = numberFormat(locale, { maximumFractionDigits: 2, signDisplay: "exceptZero" }).format(n * 100);
    return t("points", { value: points });
  };
}

/**
 * A change with an arrow that points the way the number moved and a colour (and word) that
 * says whether that is good — all decided once on the server (lib/metrics describeChange), so
 * the scorecard, the metric page and the marketing–sales view say the same thing.
 */
export function TrendIndicator({
  change,
  locale,
  context,
}: {
  change: ShownChange | null;
  locale: string;
  context?: string;
}) {
  const t = useTranslations("scorecard.trend");
  const format = useFormatChange();
  if (!change) return <span className="text-ink-muted">{t("none")}</span>;
  const n = toNumber(change.value) ?? 0;
  const arrow = change.verdict === "FLAT" || n === 0 ? "→" : n > 0 ? "↑" : "↓";
  const verdict =
    change.verdict === "FLAT"
      ? t("flat")
      : change.verdict === "BETTER"
        ? t("better")
        : change.verdict === "WORSE"
          ? t("worse")
          : null;
  return (
    <span
      data-testid="trend"
      data-verdict={change.verdict ?? ""}
      className={cn(
        "inline-flex flex-wrap items-baseline gap-x-1 font-medium",
        change.verdict === "BETTER" ? "text-ok-ink" : change.verdict === "WORSE" ? "text-bad-ink" : "text-ink-muted",
      )}
    >
      <span aria-hidden="true">{arrow}</span>
      <span data-testid="trend-value">{format(change, locale)}</span>
      {verdict || context ? (
        <span className="text-xs font-normal">({[verdict, context].filter(Boolean).join(", ")})</span>
      ) : null}
    </span>
  );
}
