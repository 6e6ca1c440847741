import Link from "next/link";
import { useTranslations } from "next-intl";
import { Sparkline } from "../charts/sparkline";
import { formatDate } from "@/lib/i18n/format";
import { AnnotationEditor } from "./annotation-editor";
import { type CompareMode, type PeriodInput } from "./period";
import { type FormatContext, type MetricInfo, formatSignedValue, formatValue, metricName, statusTone } from "./format";
import { KpiStatusPill } from "./status-pill";
import { PacingBar } from "./pacing-bar";
import { TrendIndicator } from "./trend";
import type { ScorecardKpiData } from "./types";

/**
 * One KPI for one period: the verdict first (status, actual vs target), then why (pacing,
 * forecast, trend, quality gate), then what to look at (diagnostics, the metric page).
 */
export function KpiCard({
  kpi,
  catalog,
  ctx,
  compare,
  asOf,
  metricHref,
  annotation,
}: {
  kpi: ScorecardKpiData;
  catalog: Map<string, MetricInfo>;
  ctx: FormatContext;
  compare: CompareMode;
  asOf: string;
  metricHref: (metricKey: string, channelScope: string | null) => string;
  annotation: { canEdit: boolean; period: PeriodInput } | null;
}) {
  const t = useTranslations("scorecard.kpi");
  const ts = useTranslations("scorecard");
  const tn = useTranslations("numbers.kpi");
  const pct = (v: string) => formatValue(v, "RATIO", "attainment", ctx);
  const info = catalog.get(kpi.metricKey);
  const unit = info?.unit;
  const name = metricName(info, kpi.metricKey, ctx.locale);
  const fmt = (v: string | null) => formatValue(v, unit, kpi.metricKey, ctx);
  const headingId = `kpi-${kpi.key.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
  const isFlow = kpi.expectedToDate !== null && kpi.target !== null && kpi.expectedToDate !== kpi.target;
  const tone = statusTone(kpi.status);
  const direction = kpi.kpi.direction;
  // SPEC §4.2 "Comparisons": to date against the same elapsed days, from the API (one rule everywhere).
  const change = compare === "previous" ? kpi.change : kpi.lastYearChange;
  const compareBase = compare === "previous" ? kpi.previousToDateValue : kpi.lastYearValue;
  const drivesInfo = kpi.drives ? catalog.get(kpi.drives.metricKey) : undefined;
  const scope = kpi.channelScope
    ? ts.has(`scopes.${kpi.channelScope}`)
      ? ts(`scopes.${kpi.channelScope}` as "scopes.paid")
      : kpi.channelScope
    : null;

  return (
    <article
      aria-labelledby={headingId}
      data-testid="kpi-card"
      data-kpi={kpi.key}
      data-status={kpi.status}
      className="flex flex-col rounded-[var(--radius-card)] border border-line bg-surface p-4"
    >
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 id={headingId} className="font-semibold text-ink">
            <Link prefetch={false} href={metricHref(kpi.metricKey, kpi.channelScope)} className="hover:underline">
              {name}
            </Link>
            {scope ? <span className="font-normal text-ink-muted"> · {scope}</span> : null}
          </h3>
          <p className="text-xs text-ink-muted">
            {direction === "LOWER"
              ? t("lowerIsBetter")
              : direction === "RANGE"
                ? t("rangeIsBest")
                : t("higherIsBetter")}
          </p>
        </div>
        <KpiStatusPill status={kpi.status} hasActual={kpi.actual !== null} hasTarget={kpi.target !== null} />
      </div>

      <p className="mt-3 text-3xl font-semibold tabular-nums tracking-tight text-ink" data-testid="kpi-actual">
        <span className="sr-only">{t("actual")}: </span>
        {fmt(kpi.actual)}
      </p>
      <p className="text-sm text-ink-muted" data-testid="kpi-target">
        {kpi.target !== null ? (
          <>
            {t("targetOf", { target: fmt(kpi.target) })}
            {kpi.targetSource === "SUM" ? <> ({t("targetSum")})</> : null}
          </>
        ) : kpi.actual === null ? (
          t(kpi.actualReason?.startsWith("ZERO_DENOMINATOR") ? "zeroDenominator" : "noActual")
        ) : (
          t("noTarget")
        )}
      </p>

      {kpi.attainmentToDate !== null || kpi.attainment !== null ? (
        // SPEC §5: the card says which attainment is which — to date (drives the status and the
        // score) and against the whole period's target.
        <p className="mt-1 text-sm text-ink" data-testid="kpi-attainment">
          <span className="sr-only">{tn("attainmentTitle")}: </span>
          {kpi.attainmentToDate !== null ? (
            <span data-testid="kpi-attainment-to-date">{tn("toDate", { value: pct(kpi.attainmentToDate) })}</span>
          ) : null}
          {kpi.attainmentToDate !== null && kpi.attainment !== null ? " · " : null}
          {kpi.attainment !== null ? (
            <span className="text-ink-muted" data-testid="kpi-attainment-full">
              {tn("fullPeriod", { value: pct(kpi.attainment) })}
            </span>
          ) : null}
        </p>
      ) : null}

      <PacingBar actual={kpi.actual} target={kpi.target} expected={isFlow ? kpi.expectedToDate : null} tone={tone} />

      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        {kpi.expectedToDate !== null && isFlow ? (
          <>
            <dt className="text-ink-muted">
              {t("expectedBy", { date: formatDate(asOf, ctx.locale, { style: "short" }) })}
            </dt>
            <dd className="tabular-nums">
              {fmt(kpi.expectedToDate)}
              {kpi.varianceToDate !== null ? (
                <span className="text-ink-muted">
                  {" "}
                  ({formatSignedValue(kpi.varianceToDate, unit, kpi.metricKey, ctx)})
                </span>
              ) : null}
            </dd>
          </>
        ) : null}
        <dt className="text-ink-muted">{t("forecast")}</dt>
        <dd className="tabular-nums">{fmt(kpi.forecast)}</dd>
        <dt className="text-ink-muted">{compare === "previous" ? t("vsPrevious") : t("vsLastYear")}</dt>
        <dd>
          <TrendIndicator change={change} locale={ctx.locale} />
          {compareBase !== null ? (
            <span className="block text-xs text-ink-muted">{t("was", { value: fmt(compareBase) })}</span>
          ) : null}
        </dd>
        {kpi.drives ? (
          <>
            <dt className="text-ink-muted">{t("drives")}</dt>
            <dd>{metricName(drivesInfo, kpi.drives.metricKey, ctx.locale)}</dd>
          </>
        ) : null}
      </dl>

      <div className="mt-2">
        <Sparkline points={kpi.series} />
        <span className="sr-only">{t("sparkline")}</span>
      </div>

      {kpi.gate ? (
        <p
          data-testid="kpi-gate"
          className={
            kpi.gate.state === "FAILED"
              ? "mt-2 rounded-md bg-bad-bg px-2 py-1 text-sm text-bad-ink"
              : kpi.gate.state === "PASSED"
                ? "mt-2 rounded-md bg-ok-bg px-2 py-1 text-sm text-ok-ink"
                : "mt-2 rounded-md bg-canvas px-2 py-1 text-sm text-ink-muted"
          }
        >
          <span className="font-medium">{t(`gate.${kpi.gate.state}`)}</span>{" "}
          {t("gate.rule", {
            metric: metricName(catalog.get(kpi.gate.metricKey), kpi.gate.metricKey, ctx.locale),
            comparator: kpi.gate.comparator === "GTE" ? "≥" : "≤",
            threshold: formatValue(kpi.gate.threshold, catalog.get(kpi.gate.metricKey)?.unit, kpi.gate.metricKey, ctx),
            actual: formatValue(kpi.gate.actual, catalog.get(kpi.gate.metricKey)?.unit, kpi.gate.metricKey, ctx),
          })}
          {kpi.gate.state === "FAILED" ? <span className="block text-xs">{t("gate.failedHelp")}</span> : null}
        </p>
      ) : null}

      {kpi.diagnostics.length > 0 ? (
        <div className="mt-3 border-t border-line pt-2">
          <p className="text-xs font-semibold uppercase tracking-wide text-ink-muted">{t("diagnostics")}</p>
          <ul className="mt-1 space-y-1 text-sm">
            {kpi.diagnostics.map((d) => {
              const dInfo = catalog.get(d.metricKey);
              return (
                <li
                  key={`${d.metricKey}-${d.channelScope ?? ""}`}
                  className="flex flex-wrap items-baseline justify-between gap-x-2"
                >
                  <Link
                    prefetch={false}
                    href={metricHref(d.metricKey, d.channelScope)}
                    className="text-brand-700 hover:underline"
                  >
                    {metricName(dInfo, d.metricKey, ctx.locale)}
                  </Link>
                  <span className="tabular-nums">
                    {formatValue(d.value, dInfo?.unit, d.metricKey, ctx)}{" "}
                    <TrendIndicator change={d.change} locale={ctx.locale} />
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}

      {annotation ? (
        <div className="mt-3 border-t border-line pt-2">
          <AnnotationEditor
            kpiId={kpi.kpi.id}
            kpiName={name}
            body={kpi.annotation?.body ?? ""}
            canEdit={annotation.canEdit}
            period={annotation.period}
          />
        </div>
      ) : null}
    </article>
  );
}
