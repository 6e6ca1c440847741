"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useGraphQLMutation } from "../forms/use-graphql-mutation";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Textarea } from "../ui/field";
import type { PeriodInput } from "./period";
import { graphql } from "@/graphql/client/graphql";

const SET_ANNOTATION = graphql(`
  mutation SetKpiAnnotation($kpiId: ID!, $body: String!, $period: PeriodInput) {
    setKpiAnnotation(kpiId: $kpiId, body: $body, period: $period) {
      annotation {
        body
        updatedAt
      }
    }
  }
`);

export interface AnnotationFormLabels {
  labelFor: string;
  save: string;
  cancel: string;
}

/** Editing a KPI note (loaded lazily by AnnotationToggle). */
export function AnnotationForm({
  kpiId,
  body,
  period,
  labels,
  onClose,
}: {
  kpiId: string;
  body: string;
  period: PeriodInput;
  labels: AnnotationFormLabels;
  onClose: () => void;
}) {
  const router = useRouter();
  const id = useId();
  const [draft, setDraft] = useState(body);
  const { run, pending, formError } = useGraphQLMutation(SET_ANNOTATION);

  return (
    <form
      className="space-y-2 text-sm"
      onSubmit={async (event) => {
        event.preventDefault();
        const outcome = await run({ kpiId, body: draft.trim(), period });
        if (outcome.errors.length === 0) {
          onClose();
          router.refresh();
        }
      }}
    >
      <label htmlFor={id} className="block text-xs font-semibold uppercase tracking-wide text-ink-muted">
        {labels.labelFor}
      </label>
      <Textarea
        id={id}
        rows={3}
        value={draft}
        maxLength={2000}
        onChange={(e) => setDraft(e.target.value)}
        className="font-sans"
        autoFocus
      />
      {formError ? <Alert tone="bad">{formError}</Alert> : null}
      <div className="flex gap-2">
        <Button type="submit" size="sm" pending={pending}>
          {labels.save}
        </Button>
        <Button variant="secondary" size="sm" onClick={onClose}>
          {labels.cancel}
        </Button>
      </div>
    </form>
  );
}
