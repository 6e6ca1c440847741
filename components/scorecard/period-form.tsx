"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";
import { buttonClass } from "../ui/button";
import { Input, Select } from "../ui/field";
import type { CompareMode, PeriodKind } from "./period";

export interface PeriodFormLabels {
  type: string;
  month: string;
  quarter: string;
  custom: string;
  from: string;
  to: string;
  apply: string;
}

/**
 * The period type select (and the custom range): a GET form, so it works without script; with
 * script it navigates client-side like a link, and choosing month or quarter submits at once.
 */
export function PeriodForm({
  action,
  kind,
  anchor,
  from,
  to,
  compare,
  keep,
  labels,
}: {
  action: string;
  kind: PeriodKind;
  anchor: string | null;
  from: string;
  to: string;
  compare: CompareMode;
  keep: Record<string, string>;
  labels: PeriodFormLabels;
}) {
  const router = useRouter();
  const [type, setType] = useState<PeriodKind>(kind);
  const formRef = useRef<HTMLFormElement>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(event.currentTarget))
      if (typeof value === "string") query.append(name, value);
    const search = query.toString();
    router.push(search ? `${action}?${search}` : action);
  }

  return (
    <form ref={formRef} action={action} method="get" onSubmit={onSubmit} className="flex flex-wrap items-end gap-2">
      {Object.entries(keep).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {compare !== "previous" ? <input type="hidden" name="compare" value={compare} /> : null}
      <div>
        <label htmlFor="period-type" className="block text-xs font-medium text-ink-muted">
          {labels.type}
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
          <option value="month">{labels.month}</option>
          <option value="quarter">{labels.quarter}</option>
          <option value="custom">{labels.custom}</option>
        </Select>
      </div>
      {type === "custom" ? (
        <>
          <div>
            <label htmlFor="period-from" className="block text-xs font-medium text-ink-muted">
              {labels.from}
            </label>
            <Input id="period-from" type="date" name="from" defaultValue={from} required className="w-auto" />
          </div>
          <div>
            <label htmlFor="period-to" className="block text-xs font-medium text-ink-muted">
              {labels.to}
            </label>
            <Input id="period-to" type="date" name="to" defaultValue={to} required className="w-auto" />
          </div>
        </>
      ) : anchor ? (
        <input type="hidden" name="anchor" value={anchor} />
      ) : null}
      <button type="submit" className={buttonClass("secondary", "sm")}>
        {labels.apply}
      </button>
    </form>
  );
}
