"use client";

import { TimeZoneSelect } from "@/components/forms/time-zone-select";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { formatMonth } from "@/lib/i18n/format";
import { useGraphQLMutation } from "../forms/use-graphql-mutation";
import { CURRENCIES, withValue } from "../forms/workspace-options";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, Input, Select } from "../ui/field";
import { type TadaDocumentNode, type VariablesOf, graphql } from "@/graphql/client/graphql";

/** A form builds its input from strings; the API validates them. This names the type a mutation takes. */
type Input<D extends TadaDocumentNode<any, { input: any }, any>> = VariablesOf<D>["input"];

const UPDATE_WORKSPACE = graphql(`
  mutation UpdateWorkspace($input: UpdateWorkspaceInput!) {
    updateWorkspace(input: $input) {
      workspace {
        id
        slug
      }
    }
  }
`);

export interface WorkspaceSettingsValues {
  id: string;
  name: string;
  slug: string;
  currency: string;
  timeZone: string;
  fiscalYearStartMonth: number;
  locale: string;
}

type FieldName = "name" | "slug" | "currency" | "timeZone" | "fiscalYearStartMonth" | "locale";

/**
 * Workspace settings through `updateWorkspace`. Onboarding shows the money-and-calendar subset;
 * the settings page shows everything. A changed slug moves the browser to the new address.
 */
export function WorkspaceSettingsForm({
  workspace,
  fields,
  submitLabel,
  onSaved,
  confirm,
}: {
  workspace: WorkspaceSettingsValues;
  fields: FieldName[];
  submitLabel?: string;
  onSaved?: () => void;
  /** First-day checklist: saving also confirms the settings (even when nothing changed). */
  confirm?: boolean;
}) {
  const t = useTranslations("settings");
  const tc = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const { run, pending, fieldErrors, formError } = useGraphQLMutation(UPDATE_WORKSPACE);
  const show = (f: FieldName) => fields.includes(f);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const form = new FormData(event.currentTarget);
    const input: Record<string, unknown> = { workspaceId: workspace.id, ...(confirm ? { confirmSettings: true } : {}) };
    for (const f of fields) {
      const value = form.get(f);
      if (value === null) continue;
      input[f] = f === "fiscalYearStartMonth" ? Number(value) : String(value).trim();
    }
    const outcome = await run({ input: input as Input<typeof UPDATE_WORKSPACE> });
    const slug = outcome.data?.updateWorkspace?.workspace.slug;
    if (slug && outcome.errors.length === 0) {
      setSaved(true);
      onSaved?.();
      if (slug !== workspace.slug)
        router.replace(window.location.pathname.replace(`/w/${workspace.slug}`, `/w/${slug}`));
      router.refresh();
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError ? <Alert tone="bad">{formError}</Alert> : null}
      {saved ? <Alert tone="ok">{t("saved")}</Alert> : null}
      {show("name") ? (
        <Field id="ws-name" label={t("name")} error={fieldErrors.name}>
          {(p) => <Input {...p} name="name" defaultValue={workspace.name} required />}
        </Field>
      ) : null}
      {show("slug") ? (
        <Field id="ws-slug" label={t("slug")} hint={t("slugHint")} error={fieldErrors.slug}>
          {(p) => <Input {...p} name="slug" defaultValue={workspace.slug} required pattern="[a-z0-9-]+" />}
        </Field>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        {show("currency") ? (
          <Field id="ws-currency" label={t("currency")} hint={t("currencyHint")} error={fieldErrors.currency}>
            {(p) => (
              <Select {...p} name="currency" defaultValue={workspace.currency}>
                {withValue(CURRENCIES, workspace.currency).map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        ) : null}
        {show("fiscalYearStartMonth") ? (
          <Field id="ws-fiscal" label={t("fiscalYearStart")} error={fieldErrors.fiscalYearStartMonth}>
            {(p) => (
              <Select {...p} name="fiscalYearStartMonth" defaultValue={String(workspace.fiscalYearStartMonth)}>
                {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
                  <option key={m} value={m}>
                    {formatMonth(m, locale)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        ) : null}
        {show("timeZone") ? (
          <Field id="ws-timezone" label={t("timeZone")} error={fieldErrors.timeZone}>
            {(p) => <TimeZoneSelect control={p} name="timeZone" defaultValue={workspace.timeZone} />}
          </Field>
        ) : null}
        {show("locale") ? (
          <Field id="ws-locale" label={t("locale")} hint={t("localeHint")} error={fieldErrors.locale}>
            {(p) => (
              <Select {...p} name="locale" defaultValue={workspace.locale}>
                <option value="en">English</option>
                <option value="ru">Русский</option>
              </Select>
            )}
          </Field>
        ) : null}
      </div>
      <Button type="submit" pending={pending}>
        {pending ? tc("working") : (submitLabel ?? tc("save"))}
      </Button>
    </form>
  );
}
