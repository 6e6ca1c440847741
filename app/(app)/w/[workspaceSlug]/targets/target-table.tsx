"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useGraphQLMutation } from "@/components/forms/use-graphql-mutation";
import { entersAsPercent, parseDecimalInput, toInputValue } from "@/components/scorecard/decimal-input";
import { type MetricUnit, channelLabel, formatValue } from "@/components/scorecard/format";
import type { PeriodInput } from "@/components/scorecard/period";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { THead, Table, Td, Th } from "@/components/ui/table";
import { formatDateTime, formatNumber } from "@/lib/i18n/format";
import { graphql } from "@/graphql/client/graphql";

export interface TargetRow {
  id: string;
  key: string;
  metricKey: string;
  ownerRole: string;
  channelScope: string | null;
  direction: string;
  name: string;
  unit: MetricUnit;
  canEdit: boolean;
  target: {
    value: string | null;
    source: string | null;
    effectiveFrom: string | null;
    derivedFrom: { kpiKey: string; factor: string } | null;
    setByName: string | null;
  };
  /** The name of the KPI a derived target follows (SPEC §5 "Targets flow down"). */
  derivedFromName: string | null;
  targetHistory: { value: string | null; source: string; effectiveFrom: string }[];
}

const RETURN_TO_DERIVED = graphql(`
  mutation ReturnKpiTargetToDerived($kpiId: ID!, $period: PeriodInput!) {
    returnKpiTargetToDerived(kpiId: $kpiId, period: $period) {
      kpi {
        id
      }
    }
  }
`);

/** Where a target came from, in words: set by whom, derived from what, the planner. */
function TargetOrigin({ row }: { row: TargetRow }) {
  const t = useTranslations("targets");
  const tn = useTranslations("numbers.targets");
  const locale = useLocale();
  const { source, effectiveFrom, setByName, derivedFrom } = row.target;
  if (!source) return null;
  const date = effectiveFrom ? formatDateTime(effectiveFrom, locale) : "";
  let text: string;
  if (source === "DERIVED" && derivedFrom)
    text = tn("follows", {
      factor: formatNumber(derivedFrom.factor, locale),
      source: row.derivedFromName ?? derivedFrom.kpiKey,
    });
  else if (source === "MANUAL") text = setByName ? tn("setBy", { name: setByName, date }) : tn("setByHand", { date });
  else if (source === "PLANNER")
    text = setByName ? tn("fromPlanner", { name: setByName, date }) : tn("fromPlannerNoName", { date });
  else text = t(`sources.${source}` as "sources.MANUAL");
  return (
    <span className="block text-xs text-ink-muted" data-testid="target-origin" data-source={source}>
      {text}
    </span>
  );
}

function ReturnToDerived({ row, period }: { row: TargetRow; period: PeriodInput }) {
  const tn = useTranslations("numbers.targets");
  const router = useRouter();
  const { run, pending, formError } = useGraphQLMutation(RETURN_TO_DERIVED);
  const [done, setDone] = useState(false);
  return (
    <span className="mt-1 block">
      <Button
        type="button"
        size="sm"
        variant="secondary"
        pending={pending}
        title={tn("returnToDerivedHelp")}
        data-testid="return-to-derived"
        onClick={async () => {
          const outcome = await run({ kpiId: row.id, period });
          if (outcome.errors.length === 0) {
            setDone(true);
            router.refresh();
          }
        }}
      >
        {tn("returnToDerived")}
      </Button>
      <span role="status" className="ml-2 text-sm text-ok-ink">
        {done ? tn("returned") : ""}
      </span>
      {formError ? <span className="block text-sm text-bad-ink">{formError}</span> : null}
    </span>
  );
}

const SET_TARGET = graphql(`
  mutation SetKpiTarget($kpiId: ID!, $period: PeriodInput!, $value: Decimal) {
    setKpiTarget(kpiId: $kpiId, period: $period, value: $value) {
      target
    }
  }
`);

function Row({ row, period, currency }: { row: TargetRow; period: PeriodInput; currency: string }) {
  const t = useTranslations("targets");
  const locale = useLocale();
  const router = useRouter();
  const percent = entersAsPercent(row.unit, row.metricKey);
  const [draft, setDraft] = useState(toInputValue(row.target.value, percent, locale));
  const [saved, setSaved] = useState(false);
  const [localError, setLocalError] = useState<string | null>(null);
  const { run, pending, formError, fieldErrors } = useGraphQLMutation(SET_TARGET);
  const inputId = `target-${row.id}`;
  const error = localError ?? fieldErrors.value ?? formError;
  const ctx = { locale, currency };

  return (
    <tr data-testid="target-row" data-kpi={row.key}>
      <Td>
        <label htmlFor={inputId} className="font-medium">
          {row.name}
          {row.channelScope ? (
            <span className="font-normal text-ink-muted"> · {channelLabel(row.channelScope, locale)}</span>
          ) : null}
        </label>
      </Td>
      <Td className="tabular-nums">
        {formatValue(row.target.value, row.unit, row.metricKey, ctx)}
        <TargetOrigin row={row} />
        {row.canEdit && (row.target.source === "MANUAL" || row.target.source === "PLANNER") ? (
          <ReturnToDerived row={row} period={period} />
        ) : null}
      </Td>
      <Td>
        {row.canEdit ? (
          <form
            className="flex flex-wrap items-center gap-2"
            onSubmit={async (event) => {
              event.preventDefault();
              setSaved(false);
              const value = draft.trim() === "" ? null : parseDecimalInput(draft, percent);
              if (draft.trim() !== "" && value === null) {
                setLocalError(t("notANumber"));
                return;
              }
              setLocalError(null);
              const outcome = await run({ kpiId: row.id, period, value });
              if (outcome.errors.length === 0) {
                setSaved(true);
                router.refresh();
              }
            }}
          >
            <span className="inline-flex items-center gap-1">
              <Input
                id={inputId}
                inputMode="decimal"
                value={draft}
                onChange={(e) => setDraft(e.target.value)}
                className="w-36"
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${inputId}-error` : undefined}
              />
              <span className="text-sm text-ink-muted">
                {percent ? "%" : row.unit === "MONEY" ? currency : row.unit === "RATIO" ? "×" : ""}
              </span>
            </span>
            <Button type="submit" size="sm" variant="secondary" pending={pending}>
              {t("save")}
            </Button>
            <span role="status" className="text-sm text-ok-ink">
              {saved ? t("saved") : ""}
            </span>
            {error ? (
              <p id={`${inputId}-error`} className="w-full text-sm text-bad-ink">
                {error}
              </p>
            ) : null}
          </form>
        ) : (
          <span className="text-sm text-ink-muted">{t("readOnly")}</span>
        )}
      </Td>
      <Td>
        {row.targetHistory.length === 0 ? (
          <span className="text-sm text-ink-muted">{t("noHistory")}</span>
        ) : (
          <details className="text-sm">
            <summary className="cursor-pointer text-brand-700">
              {t("historyCount", { count: row.targetHistory.length })}
            </summary>
            <ol className="mt-1 space-y-0.5">
              {row.targetHistory.map((h, i) => (
                <li key={`${h.effectiveFrom}-${i}`} className="tabular-nums">
                  {formatValue(h.value, row.unit, row.metricKey, ctx)} · {t(`sources.${h.source}` as "sources.MANUAL")}{" "}
                  · {formatDateTime(h.effectiveFrom, locale)}
                </li>
              ))}
            </ol>
          </details>
        )}
      </Td>
    </tr>
  );
}

/** One scorecard's KPI targets for the period: value, where it came from, edit, history. */
export function TargetTable({
  rows,
  period,
  currency,
  caption,
}: {
  rows: TargetRow[];
  period: PeriodInput;
  currency: string;
  caption: string;
}) {
  const t = useTranslations("targets");
  return (
    <>
      <Table caption={caption}>
        <THead>
          <tr>
            <Th>{t("kpi")}</Th>
            <Th>{t("current")}</Th>
            <Th>{t("newTarget")}</Th>
            <Th>{t("history")}</Th>
          </tr>
        </THead>
        <tbody>
          {rows.map((row) => (
            // Keyed by the value too: a new target (planner, another tab) resets the draft.
            <Row key={`${row.id}:${row.target.value ?? ""}`} row={row} period={period} currency={currency} />
          ))}
        </tbody>
      </Table>
      <p className="mt-2 text-xs text-ink-muted">{t("emptyRemoves")}</p>
      {rows.length === 0 ? <Alert>{t("noKpis")}</Alert> : null}
    </>
  );
}
