"use client";

import Form from "next/form";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { buttonClass } from "../ui/button";
import { cn } from "../ui/cn";
import { Input, Select } from "../ui/field";
import type { CompareMode, PeriodKind } from "./period";

/**
 * Period picker and comparison toggle. Everything lives in the URL (a GET form and links),
 * so a view can be bookmarked and shared, works without script and with the back button.
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
  const [type, setType] = useState<PeriodKind>(kind);
  const formRef = useRef<HTMLFormElement>(null);

  return (
    <div className="mb-6 flex flex-wrap items-end gap-x-4 gap-y-3 rounded-[var(--radius-card)] border border-line bg-surface p-3" data-testid="period-picker">
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
      <Form ref={formRef} action={action} className="flex flex-wrap items-end gap-2">
        {Object.entries(keep).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        {compare !== "previous" ? <input type="hidden" name="compare" value={compare} /> : null}
        <div>
          <label htmlFor="period-type" className="block text-xs font-medium text-ink-muted">
            {t("type")}
          </label>
          <Select
            id="period-type"
            name="period"
            value={type}
            className="w-auto"
            onChange={(e) => {
              const next = e.target.value as PeriodKind;
              setType(next);
              if (next !== "custom") queueMicrotask(() => formRef.current?.requestSubmit());
            }}
          >
            <option value="month">{t("month")}</option>
            <option value="quarter">{t("quarter")}</option>
            <option value="custom">{t("custom")}</option>
          </Select>
        </div>
        {type === "custom" ? (
          <>
            <div>
              <label htmlFor="period-from" className="block text-xs font-medium text-ink-muted">
                {t("from")}
              </label>
              <Input id="period-from" type="date" name="from" defaultValue={from} required className="w-auto" />
            </div>
            <div>
              <label htmlFor="period-to" className="block text-xs font-medium text-ink-muted">
                {t("to")}
              </label>
              <Input id="period-to" type="date" name="to" defaultValue={to} required className="w-auto" />
            </div>
          </>
        ) : anchor ? (
          <input type="hidden" name="anchor" value={anchor} />
        ) : null}
        <button type="submit" className={buttonClass("secondary", "sm")}>
          {t("apply")}
        </button>
      </Form>
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
