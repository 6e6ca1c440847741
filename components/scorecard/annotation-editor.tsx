"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useGraphQLMutation } from "../forms/use-graphql-mutation";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Textarea } from "../ui/field";
import type { PeriodInput } from "./period";

const SET_ANNOTATION = /* GraphQL */ `
  mutation SetKpiAnnotation($kpiId: ID!, $body: String!, $period: PeriodInput) {
    setKpiAnnotation(kpiId: $kpiId, body: $body, period: $period) { annotation { body updatedAt } }
  }
`;

/** The specialist's note on a KPI for the period; editable on their own scorecard (annotation.write). */
export function AnnotationEditor({ kpiId, kpiName, body, canEdit, period }: { kpiId: string; kpiName: string; body: string; canEdit: boolean; period: PeriodInput }) {
  const t = useTranslations("scorecard.annotation");
  const tc = useTranslations("common");
  const router = useRouter();
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(body);
  const { run, pending, formError } = useGraphQLMutation(SET_ANNOTATION);

  if (!editing) {
    return (
      <div className="text-sm">
        <p className="text-xs font-semibold uppercase tracking-wide text-ink-muted">{t("title")}</p>
        {body ? <p className="mt-1 whitespace-pre-wrap text-ink" data-testid="kpi-annotation">{body}</p> : <p className="mt-1 text-ink-muted">{t("empty")}</p>}
        {canEdit ? (
          <Button variant="ghost" size="sm" className="mt-1 -ml-3" onClick={() => (setDraft(body), setEditing(true))} aria-label={t("editFor", { kpi: kpiName })}>
            {body ? t("edit") : t("add")}
          </Button>
        ) : null}
      </div>
    );
  }

  return (
    <form
      className="space-y-2 text-sm"
      onSubmit={async (event) => {
        event.preventDefault();
        const outcome = await run({ kpiId, body: draft.trim(), period });
        if (outcome.errors.length === 0) {
          setEditing(false);
          router.refresh();
        }
      }}
    >
      <label htmlFor={id} className="block text-xs font-semibold uppercase tracking-wide text-ink-muted">
        {t("labelFor", { kpi: kpiName })}
      </label>
      <Textarea id={id} rows={3} value={draft} maxLength={2000} onChange={(e) => setDraft(e.target.value)} className="font-sans" autoFocus />
      {formError ? <Alert tone="bad">{formError}</Alert> : null}
      <div className="flex gap-2">
        <Button type="submit" size="sm" pending={pending}>
          {tc("save")}
        </Button>
        <Button variant="secondary" size="sm" onClick={() => setEditing(false)}>
          {tc("cancel")}
        </Button>
      </div>
    </form>
  );
}
