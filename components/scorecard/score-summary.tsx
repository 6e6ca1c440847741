import { useTranslations } from "next-intl";
import { formatDate } from "@/lib/i18n/format";
import { StatusPill } from "../ui/badge";
import { type FormatContext, formatValue, toNumber } from "./format";
import type { ScorecardData } from "./types";

/**
 * The ten-second answer at the top of a scorecard: the score, how many KPIs are on track,
 * which ones need attention, and how far into the period we are.
 */
export function ScoreSummary({
  card,
  ctx,
  kpiName,
}: {
  card: ScorecardData;
  ctx: FormatContext;
  kpiName: (key: string) => string;
}) {
  const t = useTranslations("scorecard.summary");
  const ts = useTranslations("scorecard.status");
  const tn = useTranslations("numbers.score");
  const { statusCounts: c } = card;
  const judged = c.onTrack + c.atRisk + c.offTrack;
  const attention = card.kpis.filter((k) => k.status === "OFF_TRACK" || k.status === "AT_RISK");
  const elapsed = toNumber(card.elapsedShare) ?? 0;
  const dayOf = Math.min(card.period.days, Math.max(0, Math.round(elapsed * card.period.days)));
  const score = toNumber(card.score);
  const scoreTone =
    score === null ? "text-ink-muted" : score >= 1 ? "text-ok-ink" : score >= 0.9 ? "text-warn-ink" : "text-bad-ink";

  let verdict: string;
  if (judged === 0) verdict = t("verdictNoTargets");
  else if (c.offTrack > 0) verdict = t("verdictOff", { count: c.offTrack, total: judged });
  else if (c.atRisk > 0) verdict = t("verdictRisk", { count: c.atRisk, total: judged });
  else verdict = t("verdictOn", { total: judged });

  return (
    <section
      aria-labelledby="score-title"
      className="mb-6 grid gap-4 rounded-[var(--radius-card)] border border-line bg-surface p-4 sm:grid-cols-[auto_1fr] sm:p-6"
      data-testid="score-summary"
    >
      <div className="sm:border-r sm:border-line sm:pr-6">
        <h2 id="score-title" className="text-sm font-medium text-ink-muted">
          {t("score")}
        </h2>
        <p className={`text-4xl font-semibold tabular-nums ${scoreTone}`} data-testid="scorecard-score">
          {score === null ? "—" : formatValue(card.score, "RATIO", "score", ctx)}
        </p>
        <p className="mt-1 max-w-64 text-xs text-ink-muted" data-testid="score-help">
          {tn("help")}
        </p>
      </div>
      <div className="min-w-0">
        <p className="text-lg font-semibold text-ink" data-testid="scorecard-verdict">
          {verdict}
        </p>
        {attention.length > 0 ? (
          <p className="mt-1 text-sm text-ink">
            {t("attention")}: {attention.map((k) => `${kpiName(k.key)} (${ts(k.status)})`).join(", ")}
          </p>
        ) : null}
        <ul className="mt-3 flex flex-wrap gap-2" aria-label={t("counts")}>
          <li>
            <StatusPill tone="ok" label={`${ts("ON_TRACK")}: ${c.onTrack}`} />
          </li>
          <li>
            <StatusPill tone="warn" label={`${ts("AT_RISK")}: ${c.atRisk}`} />
          </li>
          <li>
            <StatusPill tone="bad" label={`${ts("OFF_TRACK")}: ${c.offTrack}`} />
          </li>
          <li>
            <StatusPill tone="neutral" label={`${ts("NO_DATA")}: ${c.noData}`} />
          </li>
          <li>
            <StatusPill tone="neutral" label={`${ts("NO_TARGET")}: ${c.noTarget}`} />
          </li>
        </ul>
        <div className="mt-3 text-sm text-ink-muted">
          <p>{t("elapsed", { day: dayOf, days: card.period.days, date: formatDate(card.asOf, ctx.locale) })}</p>
          <div aria-hidden="true" className="mt-1 h-1.5 w-full max-w-md rounded-full bg-line/60">
            <div className="h-full rounded-full bg-brand-500" style={{ width: `${Math.round(elapsed * 100)}%` }} />
          </div>
        </div>
      </div>
    </section>
  );
}
