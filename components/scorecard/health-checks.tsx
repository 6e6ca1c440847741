import { useLocale, useTranslations } from "next-intl";
import { Badge } from "../ui/badge";
import type { HealthCheckData } from "./types";

const severityTone = { CRITICAL: "bad", WARNING: "warn", INFO: "info" } as const;

/**
 * Health checks (SPEC §5): what is wrong in words, with the rule behind it one click away
 * so a marketer can read why — and argue with it.
 */
export function HealthChecks({ checks, kpiName }: { checks: HealthCheckData[]; kpiName: (kpiKey: string) => string }) {
  const t = useTranslations("scorecard.health");
  const ru = useLocale() === "ru";
  return (
    <section
      aria-labelledby="health-title"
      className="rounded-[var(--radius-card)] border border-line bg-surface p-4 sm:p-6"
    >
      <h2 id="health-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      {checks.length === 0 ? (
        <p className="mt-2 text-sm text-ok-ink">{t("allGood")}</p>
      ) : (
        <ul className="mt-3 space-y-3">
          {checks.map((check, i) => (
            <li
              key={`${check.code}-${i}`}
              data-testid="health-check"
              data-code={check.code}
              className="rounded-lg border border-line p-3"
            >
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={severityTone[check.severity]}>{t(`severity.${check.severity}`)}</Badge>
                {/* A code without a translated title shows no title rather than the code itself (SPEC §10). */}
                {t.has(`codes.${check.code}`) ? (
                  <span className="text-xs text-ink-muted">{t(`codes.${check.code}` as "codes.KPI_NO_DATA")}</span>
                ) : null}
              </div>
              <p className="mt-1 text-sm text-ink">{(ru ? check.messageRu : check.messageEn) || check.message}</p>
              {check.kpiKeys.length > 0 ? (
                <p className="mt-1 text-xs text-ink-muted">
                  {t("concerns")}: {check.kpiKeys.map(kpiName).join(", ")}
                </p>
              ) : null}
              <details className="mt-1 text-sm">
                <summary className="cursor-pointer text-brand-700 hover:underline">{t("why")}</summary>
                <p className="mt-1 text-ink-muted">{(ru ? check.ruleRu : check.ruleEn) || check.rule}</p>
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
