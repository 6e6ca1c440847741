"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useGraphQLMutation } from "@/components/forms/use-graphql-mutation";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/dialog";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { fetchGraphQL } from "@/lib/graphql-client/fetch-graphql";
import { type TadaDocumentNode, graphql } from "@/graphql/client/graphql";

export interface CustomMetric {
  key: string;
  nameEn: string;
  nameRu: string;
  formula: string | null;
  class: "PROCESS" | "RESULT" | null;
  direction: "HIGHER" | "LOWER" | null;
  unit: string;
  custom: boolean;
  problem: string | null;
}

interface Validation {
  valid: boolean;
  unit: string | null;
  references: string[];
  errors: { code: string; start: number; end: number; message: string }[];
}

const VALIDATE = graphql(`
  query ValidateFormula($id: ID!, $formula: String!, $key: String) {
    workspace(id: $id) {
      validateMetricFormula(formula: $formula, key: $key) {
        valid
        unit
        references
        errors {
          code
          start
          end
          message
        }
      }
    }
  }
`);
const CREATE = graphql(`
  mutation CreateCustomMetric($input: CreateCustomMetricInput!) {
    createCustomMetric(input: $input) {
      metric {
        key
      }
    }
  }
`);
const UPDATE = graphql(`
  mutation UpdateCustomMetric($input: UpdateCustomMetricInput!) {
    updateCustomMetric(input: $input) {
      metric {
        key
      }
    }
  }
`);
/** Create or update, picked at run time: one form builds the input for either (the API validates it). */
type SaveDocument = TadaDocumentNode<unknown, { input: Record<string, unknown> }>;
const DELETE = graphql(`
  mutation DeleteCustomMetric($input: DeleteCustomMetricInput!) {
    deleteCustomMetric(input: $input) {
      key
    }
  }
`);

/** The formula with the first error's span marked (an empty span gets a caret where it is). */
function Highlighted({ formula, error }: { formula: string; error: { start: number; end: number } | undefined }) {
  if (!error) return <code className="break-all">{formula}</code>;
  const { start, end } = error;
  return (
    <code className="break-all" data-testid="formula-highlight">
      {formula.slice(0, start)}
      {end > start ? (
        <mark className="rounded bg-bad-bg px-0.5 text-bad-ink underline decoration-wavy">
          {formula.slice(start, end)}
        </mark>
      ) : (
        <mark className="bg-transparent font-bold text-bad-ink">⌃</mark>
      )}
      {formula.slice(end)}
    </code>
  );
}

/**
 * Custom derived metrics (SPEC §4.2) with live validation: as the formula is typed it is
 * checked by validateMetricFormula (debounced), the error's position is highlighted and the
 * result unit shown; nothing is saved until the formula is valid.
 */
export function CustomMetricEditor({
  workspaceId,
  metrics,
  references,
  locale,
}: {
  workspaceId: string;
  metrics: CustomMetric[];
  references: string[];
  locale: string;
}) {
  const t = useTranslations("metricSettings");
  const tc = useTranslations("common");
  const router = useRouter();
  const [editingKey, setEditingKey] = useState<string | null>(null);
  const [form, setForm] = useState({
    key: "",
    nameEn: "",
    nameRu: "",
    formula: "",
    class: "RESULT",
    direction: "HIGHER",
  });
  const [validation, setValidation] = useState<Validation | null>(null);
  const [checking, setChecking] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const seq = useRef(0);
  const save = useGraphQLMutation((editingKey ? UPDATE : CREATE) as SaveDocument);
  const del = useGraphQLMutation(DELETE);

  useEffect(() => {
    const formula = form.formula;
    if (formula.trim() === "") {
      setValidation(null);
      return;
    }
    const mine = ++seq.current;
    setChecking(true);
    const timer = window.setTimeout(async () => {
      const outcome = await fetchGraphQL(VALIDATE, { id: workspaceId, formula, key: editingKey });
      if (mine !== seq.current) return;
      setChecking(false);
      setValidation(outcome.data?.workspace?.validateMetricFormula ?? null);
    }, 300);
    return () => window.clearTimeout(timer);
  }, [form.formula, editingKey, workspaceId]);

  const set = (k: keyof typeof form, v: string) => (setSaved(null), setForm({ ...form, [k]: v }));
  const firstError = validation?.errors[0];
  const startEdit = (m: CustomMetric) => {
    setEditingKey(m.key);
    setForm({
      key: m.key,
      nameEn: m.nameEn,
      nameRu: m.nameRu,
      formula: m.formula ?? "",
      class: m.class ?? "RESULT",
      direction: m.direction ?? "HIGHER",
    });
  };
  const resetForm = () => {
    setEditingKey(null);
    setForm({ key: "", nameEn: "", nameRu: "", formula: "", class: "RESULT", direction: "HIGHER" });
  };

  return (
    <div className="space-y-6">
      {metrics.length === 0 ? (
        <p className="text-sm text-ink-muted">{t("noCustom")}</p>
      ) : (
        <ul className="divide-y divide-line rounded-lg border border-line" data-testid="custom-metrics">
          {metrics.map((m) => (
            <li key={m.key} className="flex flex-wrap items-start justify-between gap-2 p-3">
              <div className="min-w-0">
                <p className="font-medium">
                  {locale === "ru" ? m.nameRu : m.nameEn} <span className="text-xs text-ink-muted">({m.key})</span>
                </p>
                <code className="block break-all text-sm text-ink-muted">{m.formula}</code>
                {m.problem ? <Badge tone="bad">{m.problem}</Badge> : null}
              </div>
              <div className="flex gap-2">
                <Button size="sm" variant="secondary" onClick={() => startEdit(m)}>
                  {t("edit")}
                  <span className="sr-only"> {m.key}</span>
                </Button>
                <ConfirmButton
                  label={
                    <>
                      {t("delete")}
                      <span className="sr-only"> {m.key}</span>
                    </>
                  }
                  title={t("deleteTitle", { key: m.key })}
                  description={t("deleteBody")}
                  confirmLabel={t("delete")}
                  cancelLabel={tc("cancel")}
                  pending={del.pending}
                  open={confirmDelete === m.key}
                  setOpen={(open) => setConfirmDelete(open ? m.key : null)}
                  onConfirm={async () => {
                    const outcome = await del.run({ input: { workspaceId, key: m.key } });
                    if (outcome.errors.length === 0) {
                      setConfirmDelete(null);
                      router.refresh();
                    }
                  }}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
      {del.formError ? <Alert tone="bad">{del.formError}</Alert> : null}

      <form
        noValidate
        className="space-y-4"
        onSubmit={async (event) => {
          event.preventDefault();
          if (!validation?.valid) return;
          const input = editingKey
            ? {
                workspaceId,
                key: editingKey,
                nameEn: form.nameEn,
                nameRu: form.nameRu || null,
                formula: form.formula,
                class: form.class,
                direction: form.direction,
              }
            : {
                workspaceId,
                key: form.key,
                nameEn: form.nameEn,
                nameRu: form.nameRu || null,
                formula: form.formula,
                class: form.class,
                direction: form.direction,
              };
          const outcome = await save.run({ input });
          if (outcome.errors.length === 0) {
            setSaved(form.key);
            resetForm();
            router.refresh();
          }
        }}
      >
        <h3 className="text-base font-semibold">
          {editingKey ? t("editTitle", { key: editingKey }) : t("createTitle")}
        </h3>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field id="cm-key" label={t("key")} hint={t("keyHint")} error={save.fieldErrors.key}>
            {(c) => (
              <Input
                {...c}
                value={form.key}
                disabled={editingKey !== null}
                onChange={(e) => set("key", e.target.value)}
                autoComplete="off"
              />
            )}
          </Field>
          <Field id="cm-name-en" label={t("nameEn")} error={save.fieldErrors.nameEn}>
            {(c) => <Input {...c} value={form.nameEn} onChange={(e) => set("nameEn", e.target.value)} />}
          </Field>
          <Field id="cm-name-ru" label={t("nameRu")} error={save.fieldErrors.nameRu}>
            {(c) => <Input {...c} value={form.nameRu} onChange={(e) => set("nameRu", e.target.value)} lang="ru" />}
          </Field>
        </div>
        {/* The formula editor is where keys belong (SPEC §10): marked so the identifier scan skips it. */}
        <div data-identifiers>
          <Field
            id="cm-formula"
            label={t("formula")}
            hint={t("formulaHint")}
            error={
              firstError
                ? `${firstError.message} (${t("position", { start: firstError.start + 1 })})`
                : save.fieldErrors.formula
            }
          >
            {(c) => (
              <Textarea
                {...c}
                rows={2}
                value={form.formula}
                onChange={(e) => set("formula", e.target.value)}
                spellCheck={false}
              />
            )}
          </Field>
          <details className="text-sm">
            <summary className="cursor-pointer text-brand-700">{t("availableKeys")}</summary>
            <p className="mt-1 break-words font-mono text-xs text-ink-muted">{references.join(" · ")}</p>
          </details>
        </div>
        <div className="rounded-lg border border-line bg-canvas p-3 text-sm" data-testid="formula-status">
          <p role="status" aria-live="polite">
            {form.formula.trim() === ""
              ? t("typeFormula")
              : checking
                ? t("checking")
                : validation?.valid
                  ? t("valid", { unit: validation.unit ? t(`units.${validation.unit}` as "units.MONEY") : "—" })
                  : validation
                    ? t("invalid", { count: validation.errors.length })
                    : t("checkFailed")}
          </p>
          {form.formula.trim() !== "" ? (
            <div className="mt-1">
              <Highlighted formula={form.formula} error={firstError} />
            </div>
          ) : null}
          {validation?.valid && validation.references.length > 0 ? (
            <p className="mt-1 text-xs text-ink-muted">{t("uses", { list: validation.references.join(", ") })}</p>
          ) : null}
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="cm-class" label={t("class")}>
            {(c) => (
              <Select {...c} value={form.class} onChange={(e) => set("class", e.target.value)}>
                <option value="RESULT">{t("classes.RESULT")}</option>
                <option value="PROCESS">{t("classes.PROCESS")}</option>
              </Select>
            )}
          </Field>
          <Field id="cm-direction" label={t("direction")}>
            {(c) => (
              <Select {...c} value={form.direction} onChange={(e) => set("direction", e.target.value)}>
                <option value="HIGHER">{t("directions.HIGHER")}</option>
                <option value="LOWER">{t("directions.LOWER")}</option>
              </Select>
            )}
          </Field>
        </div>
        {save.formError ? <Alert tone="bad">{save.formError}</Alert> : null}
        {saved ? <Alert tone="ok">{t("savedMetric")}</Alert> : null}
        <div className="flex gap-2">
          <Button type="submit" pending={save.pending} disabled={!validation?.valid || checking}>
            {editingKey ? tc("save") : t("create")}
          </Button>
          {editingKey ? (
            <Button variant="secondary" onClick={resetForm}>
              {tc("cancel")}
            </Button>
          ) : null}
        </div>
      </form>
    </div>
  );
}
