"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { useGraphQLMutation } from "../forms/use-graphql-mutation";
import { CURRENCIES, defaultCurrency } from "../forms/workspace-options";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, Input, Select } from "../ui/field";
import { graphql } from "@/graphql/client/graphql";

const CREATE_WORKSPACE = graphql(`
  mutation CreateWorkspace($input: CreateWorkspaceInput!) {
    createWorkspace(input: $input) {
      workspace {
        slug
      }
    }
  }
`);

export function CreateWorkspaceForm() {
  const t = useTranslations("workspaces");
  const tc = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const { run, pending, fieldErrors, formError } = useGraphQLMutation(CREATE_WORKSPACE);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const outcome = await run({
      input: {
        name: String(form.get("name")).trim(),
        currency: String(form.get("currency")),
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
        locale,
      },
    });
    const slug = outcome.data?.createWorkspace?.workspace.slug;
    if (slug) {
      router.push(`/w/${slug}/onboarding`);
      router.refresh();
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError ? <Alert tone="bad">{formError}</Alert> : null}
      <Field id="new-workspace-name" label={t("name")} error={fieldErrors.name}>
        {(p) => <Input {...p} name="name" autoComplete="organization" required />}
      </Field>
      <Field id="new-workspace-currency" label={t("currency")} error={fieldErrors.currency}>
        {(p) => (
          <Select {...p} name="currency" defaultValue={defaultCurrency(locale)}>
            {CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Button type="submit" pending={pending}>
        {pending ? tc("working") : t("create")}
      </Button>
    </form>
  );
}
