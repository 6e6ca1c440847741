import { useTranslations } from "next-intl";
import { cn } from "../ui/cn";
import { type Direction, changeIsGood, formatChange, toNumber } from "./format";

/**
 * A change with an arrow that points the way the number moved and a colour (and word) that
 * says whether that is good: for lower-is-better metrics (CAC, CPL, churn) down is good.
 */
export function TrendIndicator({ change, direction, locale, context }: { change: string | number | null; direction: Direction | "HIGHER" | "LOWER" | null; locale: string; context?: string }) {
  const t = useTranslations("scorecard.trend");
  const n = toNumber(change);
  if (n === null) return <span className="text-ink-muted">{t("none")}</span>;
  const good = changeIsGood(Math.abs(n) < 0.0005 ? 0 : n, direction);
  const arrow = Math.abs(n) < 0.0005 ? "→" : n > 0 ? "↑" : "↓";
  const flat = Math.abs(n) < 0.0005;
  // No verdict where the metric has no "good" direction (a raw measure, a range KPI).
  const verdict = flat ? t("flat") : good === null ? null : good ? t("better") : t("worse");
  return (
    <span className={cn("inline-flex flex-wrap items-baseline gap-x-1 font-medium", good === true ? "text-ok-ink" : good === false ? "text-bad-ink" : "text-ink-muted")}>
      <span aria-hidden="true">{arrow}</span>
      <span>{formatChange(n, locale)}</span>
      {verdict || context ? <span className="text-xs font-normal">({[verdict, context].filter(Boolean).join(", ")})</span> : null}
    </span>
  );
}
